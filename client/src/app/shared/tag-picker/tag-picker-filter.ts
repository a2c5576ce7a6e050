/** What the tag picker needs of a tag. */
export interface PickableTag {
  id: string;
  name: string;
  color: string;
}

export type PickerOption =
  | { kind: 'tag'; tag: PickableTag; key: number | null }
  | { kind: 'create'; name: string };

/**
 * The picker's options for what has been typed: recently used tags first (numbered 1–9 for
 * their shortcut keys) when nothing is typed; otherwise tags whose name starts with the text,
 * then those containing it; and "create" when no tag has exactly that name.
 */
export function pickerOptions(
  tags: readonly PickableTag[],
  recentIds: readonly string[],
  typed: string,
  canCreate: boolean,
): PickerOption[] {
  const query = typed.trim().toLocaleLowerCase();
  const recent = recentIds
    .map((id) => tags.find((t) => t.id === id))
    .filter((t): t is PickableTag => !!t)
    .slice(0, 9);
  if (!query) {
    const rest = tags
      .filter((t) => !recent.includes(t))
      .sort((a, b) => a.name.localeCompare(b.name));
    return [
      ...recent.map((tag, i) => ({ kind: 'tag' as const, tag, key: i + 1 })),
      ...rest.map((tag) => ({ kind: 'tag' as const, tag, key: null })),
    ];
  }
  const name = (t: PickableTag) => t.name.toLocaleLowerCase();
  const starts = tags.filter((t) => name(t).startsWith(query));
  const contains = tags.filter((t) => !name(t).startsWith(query) && name(t).includes(query));
  const byName = (a: PickableTag, b: PickableTag) => a.name.localeCompare(b.name);
  const options: PickerOption[] = [...starts.sort(byName), ...contains.sort(byName)].map((tag) => ({
    kind: 'tag',
    tag,
    key: null,
  }));
  if (canCreate && !tags.some((t) => name(t) === query))
    options.push({ kind: 'create', name: typed.trim() });
  return options;
}

/** Most recent first, without repeats, at most nine. */
export function rememberRecent(recentIds: readonly string[], id: string): string[] {
  return [id, ...recentIds.filter((r) => r !== id)].slice(0, 9);
}
