import type { Card } from './board-state';

type Highlight = NonNullable<Card['highlight']>;

/** What a test says about its card; the rest is an unsorted quote of Ana's in "Interview 1". */
export interface TestCard {
  position?: string;
  themeId?: string | null;
  version?: number;
  quote?: string;
  tags?: Highlight['tags'];
  participant?: Highlight['participant'];
}

/** A card holding a highlight, for the board's specs. */
export function quoteCard(id: string, card: TestCard = {}): Card {
  return {
    id,
    themeId: card.themeId ?? null,
    position: card.position ?? 'a0',
    version: card.version ?? 1,
    text: null,
    highlight: {
      id: `h-${id}`,
      quote: card.quote ?? `quote ${id}`,
      commentCount: 0,
      transcript: { id: 't1', title: 'Interview 1' },
      participant:
        card.participant === undefined
          ? { id: 'p1', displayName: 'Ana', color: '#123456' }
          : card.participant,
      tags: card.tags ?? [],
    },
  };
}
