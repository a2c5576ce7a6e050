/**
 * A tag description may be free text or structured in paragraphs headed "Definition",
 * "When to use" and "When not to use" (markdown headings, bold or "Heading:" prefixes).
 * The first two describe the tag; the last one is negative evidence.
 */
export interface ParsedDescription {
  positive: string;
  negative: string;
}

const HEADING =
  /^\s*(?:#{1,6}\s*|\*\*|__)?\s*(definition|when to use|when not to use|when to not use|don'?t use when|exclusions?)\s*(?:\*\*|__)?\s*:?\s*(?:\*\*|__)?\s*/i;

export function parseDescription(description: string | null | undefined): ParsedDescription {
  if (!description || !description.trim()) return { positive: '', negative: '' };
  const positive: string[] = [];
  const negative: string[] = [];
  let current: 'pos' | 'neg' = 'pos';
  for (const line of description.split(/\r?\n/)) {
    const m = HEADING.exec(line);
    let rest = line;
    if (m) {
      const heading = (m[1] as string).toLowerCase();
      current = /not|don|exclusion/.test(heading) ? 'neg' : 'pos';
      rest = line.slice(m[0].length);
    }
    if (rest.trim()) (current === 'pos' ? positive : negative).push(rest.trim());
  }
  return { positive: positive.join('\n'), negative: negative.join('\n') };
}
