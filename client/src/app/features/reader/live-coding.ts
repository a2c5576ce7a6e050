import type {
  CodebookChangedSubscription,
  HighlightChangedSubscription,
  ProjectTagFragment as ProjectTag,
  ReaderHighlightFragment as ReaderHighlight,
} from '@verbatim/contracts';

type CodebookEvent = CodebookChangedSubscription['codebookChanged'];
type HighlightEvent = HighlightChangedSubscription['highlightChanged'];
type HighlightTag = ReaderHighlight['tags'][number];

// How live events from colleagues change what the reader holds. Every function is idempotent: a
// user's own change arrives both as the answer to their mutation and as an event.

/** Adds the highlights, or replaces those with their ids; in one pass over both lists. */
export function upsertHighlights(
  all: readonly ReaderHighlight[],
  more: readonly ReaderHighlight[],
): readonly ReaderHighlight[] {
  const at = new Map(all.map((h, i) => [h.id, i]));
  const next = [...all];
  for (const h of more) {
    const i = at.get(h.id);
    if (i === undefined) at.set(h.id, next.push(h) - 1);
    else next[i] = h;
  }
  return next;
}

export function upsertHighlight(
  all: readonly ReaderHighlight[],
  highlight: ReaderHighlight,
): readonly ReaderHighlight[] {
  return upsertHighlights(all, [highlight]);
}

export function applyHighlightEvent(
  all: readonly ReaderHighlight[],
  event: HighlightEvent,
): readonly ReaderHighlight[] {
  if (event.kind === 'DELETED' || !event.highlight)
    return all.some((h) => h.id === event.highlightId)
      ? all.filter((h) => h.id !== event.highlightId)
      : all;
  return upsertHighlight(all, event.highlight);
}

export function upsertTag(tags: readonly ProjectTag[], tag: ProjectTag): readonly ProjectTag[] {
  const at = tags.findIndex((t) => t.id === tag.id);
  if (at === -1) return [...tags, tag];
  const next = [...tags];
  next[at] = tag;
  return next;
}

export interface Coding {
  tags: readonly ProjectTag[];
  highlights: readonly ReaderHighlight[];
}

/**
 * A codebook edit: the codebook changes, and so do the highlights' tags (a renamed or recoloured
 * tag shows its new name and colour; a merged one becomes the tag it was merged into).
 */
export function applyCodebookEvent(coding: Coding, event: CodebookEvent): Coding {
  if (event.kind !== 'DELETED' && event.tag) {
    const tag = event.tag;
    const shown: HighlightTag = { id: tag.id, name: tag.name, color: tag.color };
    return {
      tags: upsertTag(coding.tags, tag),
      highlights: mapTags(coding.highlights, (t) => (t.id === tag.id ? [shown] : [t])),
    };
  }
  const into = event.mergedIntoId ? coding.tags.find((t) => t.id === event.mergedIntoId) : null;
  const replacement: HighlightTag[] = into
    ? [{ id: into.id, name: into.name, color: into.color }]
    : [];
  return {
    tags: coding.tags.filter((t) => t.id !== event.tagId),
    highlights: mapTags(coding.highlights, (t) => (t.id === event.tagId ? replacement : [t])),
  };
}

/** Rewrites the tags of the highlights that `change` touches; the others stay the same objects. */
function mapTags(
  highlights: readonly ReaderHighlight[],
  change: (tag: HighlightTag) => HighlightTag[],
): readonly ReaderHighlight[] {
  let changed = false;
  const next = highlights.map((h) => {
    if (!h.tags.some((t) => change(t).length !== 1 || change(t)[0] !== t)) return h;
    changed = true;
    const seen = new Set<string>();
    const tags = h.tags.flatMap(change).filter((t) => !seen.has(t.id) && !!seen.add(t.id));
    return { ...h, tags };
  });
  return changed ? next : highlights;
}
