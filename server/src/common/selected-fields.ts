import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";

/**
 * Names of the fields the client selected on this field's result (through inline fragments and fragment spreads),
 * so a resolver can leave out work nobody asked for. Over-approximates: a field under @skip/@include counts as
 * selected (computing it is harmless; leaving out a field that is shown would not be).
 */
export function selectedFields(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else visit(info.fragments[selection.name.value]?.selectionSet);
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return names;
}

/**
 * Names of the fields selected on the nodes of a connection field (under `nodes` and `edges { node }`), e.g. to read
 * only their columns.
 */
export function selectedNodeFields(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode | undefined, path: readonly string[]) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (path.length === 0 && name === "nodes") visit(selection.selectionSet, ["nodes"]);
        else if (path.length === 0 && name === "edges") visit(selection.selectionSet, ["edges"]);
        else if (path.length === 1 && path[0] === "edges" && name === "node") visit(selection.selectionSet, ["node"]);
        else if (path.length === 1 && path[0] !== "edges") names.add(name);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet, path);
      else visit(info.fragments[selection.name.value]?.selectionSet, path);
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, []);
  return names;
}
