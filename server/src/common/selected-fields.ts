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
