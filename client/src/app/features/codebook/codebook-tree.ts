import type { CodebookTagFragment as Tag } from '@verbatim/contracts';

/** A tag in the tree as the page lists it: depth-first, each level by name. */
export interface TagRow {
  tag: Tag;
  depth: number;
  /** Names from the top level down to the parent: "Onboarding › Pricing". */
  path: string;
  childCount: number;
}

const byName = (a: Tag, b: Tag) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });

/**
 * The active codebook as an indented list. Archived tags are left out (the page lists them on
 * their own); the children of an archived tag, or of a parent the list does not have, show at
 * the top level so that nothing active disappears.
 */
export function tagTree(tags: readonly Tag[]): TagRow[] {
  const active = tags.filter((t) => !t.archived);
  const ids = new Set(active.map((t) => t.id));
  const children = new Map<string | null, Tag[]>();
  for (const tag of active) {
    const parent = tag.parentId && ids.has(tag.parentId) ? tag.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), tag]);
  }
  const rows: TagRow[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number, path: string) => {
    for (const tag of (children.get(parent) ?? []).sort(byName)) {
      if (seen.has(tag.id)) continue; // a cycle in bad data must not hang the page
      seen.add(tag.id);
      rows.push({ tag, depth, path, childCount: children.get(tag.id)?.length ?? 0 });
      visit(tag.id, depth + 1, path ? `${path} › ${tag.name}` : tag.name);
    }
  };
  visit(null, 0, '');
  return rows;
}

/** The ids of a tag's sub-tags at any depth, which cannot become its parent. */
export function descendantIds(tags: readonly Tag[], id: string): Set<string> {
  const found = new Set<string>();
  let frontier = [id];
  while (frontier.length) {
    const next = tags.filter(
      (t) => t.parentId && frontier.includes(t.parentId) && !found.has(t.id),
    );
    next.forEach((t) => found.add(t.id));
    frontier = next.map((t) => t.id);
  }
  return found;
}

/** The three parts of a code's description that a codebook asks for. */
export interface TagDescription {
  definition: string;
  whenToUse: string;
  whenNotToUse: string;
}

const WHEN = 'When to use:';
const WHEN_NOT = 'When not to use:';

/**
 * The api stores one description text; the parts are kept in it as plain, readable paragraphs
 * ("When to use: …") so that the text also reads well anywhere else it is shown.
 */
export function composeDescription(parts: TagDescription): string | null {
  const paragraphs = [
    parts.definition.trim(),
    parts.whenToUse.trim() ? `${WHEN} ${parts.whenToUse.trim()}` : '',
    parts.whenNotToUse.trim() ? `${WHEN_NOT} ${parts.whenNotToUse.trim()}` : '',
  ].filter(Boolean);
  return paragraphs.length ? paragraphs.join('\n\n') : null;
}

export function parseDescription(text: string | null | undefined): TagDescription {
  const parts: TagDescription = { definition: '', whenToUse: '', whenNotToUse: '' };
  if (!text) return parts;
  let target: keyof TagDescription = 'definition';
  const lines: Record<keyof TagDescription, string[]> = {
    definition: [],
    whenToUse: [],
    whenNotToUse: [],
  };
  for (const line of text.split('\n')) {
    const trimmed = line.trimStart();
    if (trimmed.toLowerCase().startsWith(WHEN_NOT.toLowerCase())) {
      target = 'whenNotToUse';
      lines[target].push(trimmed.slice(WHEN_NOT.length).trimStart());
    } else if (trimmed.toLowerCase().startsWith(WHEN.toLowerCase())) {
      target = 'whenToUse';
      lines[target].push(trimmed.slice(WHEN.length).trimStart());
    } else {
      lines[target].push(line);
    }
  }
  for (const key of Object.keys(lines) as (keyof TagDescription)[])
    parts[key] = lines[key].join('\n').trim();
  return parts;
}
