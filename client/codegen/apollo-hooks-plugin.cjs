// A small local codegen plugin: one thin hook per operation over the typed document that
// @graphql-codegen/typed-document-node emits in the same file. Each hook calls the app's data layer
// (config `hooksImportFrom`, client/src/lib/graphql.ts), which applies the app's defaults and then calls Apollo
// Client 4's own useQuery / useLazyQuery / useMutation with the concrete types, so their overload resolution —
// required variables, the dataState-discriminated result, skipToken — applies exactly as when calling them directly.
// (graphql-codegen-typescript-react-apollo-4 was evaluated: its hooks typecheck but drop dataState narrowing.)

function pascal(name) {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function hasRequiredVariables(operation) {
  return (operation.variableDefinitions ?? []).some((v) => v.type.kind === "NonNullType" && !v.defaultValue);
}

module.exports = {
  plugin(_schema, documents, config) {
    const from = config.hooksImportFrom;
    if (!from) throw new Error("apollo-hooks-plugin: set config.hooksImportFrom (the data layer module)");
    const operations = documents
      .flatMap((d) => d.document?.definitions ?? [])
      .filter((def) => def.kind === "OperationDefinition" && def.name);
    const out = [];
    for (const op of operations) {
      const base = pascal(op.name.value);
      if (op.operation === "query") {
        const t = `${base}Query`;
        const v = `${base}QueryVariables`;
        const opt = hasRequiredVariables(op) ? "options" : "options?";
        out.push(
          `export function use${base}Query(${opt}: QueryOptions<${t}, ${v}>) {\n  return useQuery(${base}Document, options as QueryOptions<${t}, ${v}>);\n}`,
          `export function use${base}LazyQuery(options?: LazyQueryOptions<${t}, ${v}>) {\n  return useLazyQuery(${base}Document, options);\n}`,
        );
      } else if (op.operation === "mutation") {
        const t = `${base}Mutation`;
        const v = `${base}MutationVariables`;
        out.push(
          `export function use${base}Mutation(options?: MutationOptions<${t}, ${v}>) {\n  return useMutation(${base}Document, options);\n}`,
        );
      }
    }
    return {
      prepend: [
        `import { useLazyQuery, useMutation, useQuery, type LazyQueryOptions, type MutationOptions, type QueryOptions } from "${from}";`,
      ],
      content: out.join("\n\n") + "\n",
    };
  },
};
