import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * Whether the request selects `name` directly on the field being resolved (through fragments
 * and inline fragments too; a field skipped by @skip/@include still counts, which only costs a
 * query). Lets a list skip work, such as counting, that nobody asked for.
 */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  return info.fieldNodes.some((node) => inSelection(info, node.selectionSet, name, new Set()));
}

function inSelection(
  info: GraphQLResolveInfo,
  set: SelectionSetNode | undefined,
  name: string,
  seen: Set<string>,
): boolean {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD && selection.name.value === name) return true;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (inSelection(info, selection.selectionSet, name, seen)) return true;
    } else if (selection.kind === Kind.FRAGMENT_SPREAD && !seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = info.fragments[selection.name.value];
      if (fragment && inSelection(info, fragment.selectionSet, name, seen)) return true;
    }
  }
  return false;
}
