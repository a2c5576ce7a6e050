/**
 * A report ready to be written in any format: every piece of content resolved (quotes, chart
 * pictures, Markdown text) and pseudonyms already applied. The renderers only lay it out; they
 * never look anything up, so what one shows, all show.
 */
export interface ReportDocument {
  title: string;
  /** When this rendering was made; shown under the title. */
  generatedAt: Date;
  /** Whether participants are shown as "Participant A…" (said in the document's footer line). */
  pseudonymized: boolean;
  sections: ReportDocSection[];
}

/** A quote as a report shows it. */
export interface ReportQuote {
  text: string;
  /** The speaker's name, pseudonym, or null when unknown. */
  speaker: string | null;
  transcriptTitle: string;
  /** Where in the recording the quoted turn starts; null when the transcript has no times. */
  startMs: number | null;
  /** An absolute link back to the turn in the app; null where the reader must not get one. */
  link: string | null;
}

export type ReportDocSection =
  | { kind: 'TEXT'; markdown: string }
  | {
      kind: 'INSIGHT';
      /** Null when the insight was deleted since the section was added. */
      title: string | null;
      /** Markdown. */
      body: string;
      status: string | null;
      quotes: ReportQuote[];
    }
  | {
      kind: 'THEME';
      /** Null when the theme was deleted since the section was added. */
      title: string | null;
      description: string;
      quotes: ReportQuote[];
    }
  | { kind: 'QUOTES'; quotes: ReportQuote[] }
  | {
      kind: 'CHART';
      /** What the chart shows, for headings and as the picture's text alternative. */
      title: string;
      /** A self-contained SVG document (see charts.ts). */
      svg: string;
    };

/** Minutes and seconds (hours when there are any) of a time in a recording: `1:02:03`, `4:05`. */
export function formatTimestamp(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** The line under a quote: speaker, interview and time. */
export function citationOf(quote: ReportQuote): string {
  const parts = [quote.speaker ?? 'Unknown speaker', quote.transcriptTitle];
  if (quote.startMs != null) parts.push(formatTimestamp(quote.startMs));
  return parts.join(', ');
}

/** The date under the title, as `7 December 2026` (UTC, so every format says the same). */
export function formatGeneratedDate(date: Date): string {
  return date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
