import type { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import type { BoardCardFragment, InsightDetailFragment } from '@verbatim/contracts';
import { BoardThemesDocument, BoardsDocument } from '@verbatim/contracts/boards';
import { InsightDocument } from '@verbatim/contracts/insights';

/** A highlight the user may choose to show in a section. */
export interface QuoteChoice {
  id: string;
  text: string;
  /** "Ana · Interview 3". */
  source: string;
}

export interface ThemeChoice {
  id: string;
  title: string;
  quotes: QuoteChoice[];
}

function source(speaker: string | null | undefined, transcript: string): string {
  return speaker ? `${speaker} · ${transcript}` : transcript;
}

export function insightQuoteChoices(insight: InsightDetailFragment): QuoteChoice[] {
  return insight.evidence.map(({ highlight: h }) => ({
    id: h.id,
    text: h.quote,
    source: source(h.participant?.displayName, h.transcript.title),
  }));
}

export function cardQuoteChoices(cards: readonly BoardCardFragment[]): QuoteChoice[] {
  return cards.flatMap((c) =>
    c.highlight
      ? [
          {
            id: c.highlight.id,
            text: c.highlight.quote,
            source: source(c.highlight.participant?.displayName, c.highlight.transcript.title),
          },
        ]
      : [],
  );
}

/** The evidence of an insight, to choose from. */
export async function loadInsightQuotes(apollo: Apollo, insightId: string): Promise<QuoteChoice[]> {
  const { data } = await firstValueFrom(
    apollo.query({ query: InsightDocument, variables: { id: insightId }, fetchPolicy: 'no-cache' }),
  );
  return data ? insightQuoteChoices(data.insight) : [];
}

/** A board's themes with their cards' quotes. */
export async function loadBoardThemes(apollo: Apollo, boardId: string): Promise<ThemeChoice[]> {
  const { data } = await firstValueFrom(
    apollo.query({
      query: BoardThemesDocument,
      variables: { id: boardId },
      fetchPolicy: 'no-cache',
    }),
  );
  return (data?.board.themes ?? []).map((t) => ({
    id: t.id,
    title: t.title,
    quotes: cardQuoteChoices(t.cards),
  }));
}

/**
 * The quotes of a theme, found on the project's boards (a report section knows its theme, not
 * its board): the boards are read one after the other until the theme is found.
 */
export async function loadThemeQuotes(
  apollo: Apollo,
  projectId: string,
  themeId: string,
): Promise<QuoteChoice[]> {
  const { data } = await firstValueFrom(
    apollo.query({ query: BoardsDocument, variables: { projectId }, fetchPolicy: 'no-cache' }),
  );
  for (const board of data?.boards ?? []) {
    const theme = (await loadBoardThemes(apollo, board.id)).find((t) => t.id === themeId);
    if (theme) return theme.quotes;
  }
  return [];
}
