import type { CodebookChangedSubscription } from '@verbatim/contracts';
import type { BoardState, Card } from './board-state';

// Tags as the board's cards show them, kept up with the project's codebook: a renamed or
// recoloured tag shows its new name and colour, a merged one becomes the tag it was merged into,
// a deleted one goes. Only the cards that carry the tag are replaced (other cards and columns
// keep their objects, so nothing else is drawn again).

export type CodebookEvent = CodebookChangedSubscription['codebookChanged'];
type CardTag = NonNullable<Card['highlight']>['tags'][number];

export interface TagOutcome {
  state: BoardState;
  /** A tag was merged into one no card shows: its name and colour are not known here. */
  unknown: boolean;
}

export function applyCodebookEvent(state: BoardState, event: CodebookEvent): TagOutcome {
  if (event.kind === 'CREATED') return { state, unknown: false };
  if (event.kind === 'UPDATED') {
    const tag = event.tag;
    if (!tag) return { state, unknown: false };
    const shown: CardTag = { id: tag.id, name: tag.name, color: tag.color };
    return { state: mapTags(state, event.tagId, [shown]), unknown: false };
  }
  if (!event.mergedIntoId) return { state: mapTags(state, event.tagId, []), unknown: false };
  const into = findTag(state, event.mergedIntoId);
  if (!into) return { state, unknown: hasTag(state, event.tagId) };
  return { state: mapTags(state, event.tagId, [into]), unknown: false };
}

function hasTag(state: BoardState, tagId: string): boolean {
  return !!findTag(state, tagId);
}

function findTag(state: BoardState, tagId: string): CardTag | undefined {
  for (const cards of state.columns.values())
    for (const card of cards) {
      const tag = card.highlight?.tags.find((t) => t.id === tagId);
      if (tag) return tag;
    }
  return undefined;
}

/** Replaces the tag `tagId` on every card by `replacement` (no tag twice on a card). */
function mapTags(state: BoardState, tagId: string, replacement: CardTag[]): BoardState {
  let changed = false;
  const columns = new Map(state.columns);
  for (const [key, cards] of state.columns) {
    if (!cards.some((c) => c.highlight?.tags.some((t) => t.id === tagId))) continue;
    changed = true;
    columns.set(
      key,
      cards.map((card) => {
        const h = card.highlight;
        if (!h?.tags.some((t) => t.id === tagId)) return card;
        const seen = new Set<string>();
        const tags = h.tags
          .flatMap((t) => (t.id === tagId ? replacement : [t]))
          .filter((t) => !seen.has(t.id) && !!seen.add(t.id));
        return { ...card, highlight: { ...h, tags } };
      }),
    );
  }
  return changed ? { ...state, columns } : state;
}
