// A small local codegen plugin: every enum of the schema as a constant list of its values, so option lists,
// filters and URL parsers use the schema's values instead of hand-typed arrays that go stale when the schema
// gains a value. Labels are not generated: they stay in each feature's i18n messages (`t(\`…${value}\`)`).
// Order: the schema's (schema/schema.graphql is emitted sorted).

/** SalesChannel → SALES_CHANNEL_VALUES */
function constantName(typeName) {
  return `${typeName.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()}_VALUES`;
}

module.exports = {
  plugin(schema) {
    const enums = Object.values(schema.getTypeMap())
      // Enum types are the only named types with getValues() (duck-typed: codegen may load its own copy of graphql).
      .filter((type) => typeof type.getValues === "function" && !type.name.startsWith("__"))
      .sort((a, b) => a.name.localeCompare(b.name));
    const out = enums.map((type) => {
      const values = type.getValues().map((v) => JSON.stringify(v.name));
      return `/** Every value of the schema's ${type.name} enum. */\nexport const ${constantName(type.name)} = [${values.join(", ")}] as const;`;
    });
    return out.join("\n\n") + "\n";
  },
};
