import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { match } from '@sanity/diff-match-patch';

/** One coded text of a gold set: the text and its coded spans (UTF-16 offsets). */
export interface GoldText {
  id: string;
  text: string;
  spans: { start: number; end: number; codes: string[] }[];
  /** Position in its document, when the texts are parts of one document (qc's line number). */
  order?: number;
}

export interface GoldSet {
  name: string;
  texts: GoldText[];
  /** Code → description (may be empty). */
  descriptions: Map<string, string>;
  notes: string;
  /**
   * The texts are the lines of one transcript (qc): the eval gives the held-out ones to the
   * tagger in their order, a chunk of turns to a call, as the product does; otherwise each text
   * is its own call.
   */
  oneDocument?: boolean;
}

/** RFC 4180 CSV: quoted fields, doubled quotes, newlines inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || (r[0] ?? '') !== '');
}

const SPAN = /\*\*([\s\S]+?)\*\*<sup>([\s\S]*?)<\/sup>/g;

/** The LLMCode games-as-art set shipped in libs/analysis/fixtures (MIT). */
export function loadGamesAsArt(fixtures: string): GoldSet {
  const dir = join(fixtures, 'llmcode-games-as-art');
  const rows = parseCsv(readFileSync(join(dir, 'bopp_test_coded_texts.csv'), 'utf8'));
  const header = rows[0] as string[];
  const iText = header.indexOf('text');
  const iCoded = header.indexOf('coded_text');
  const texts: GoldText[] = [];
  let unlocated = 0;
  let fuzzy = 0;
  rows.slice(1).forEach((row, n) => {
    const text = row[iText] ?? '';
    const coded = row[iCoded] ?? '';
    const spans: GoldText['spans'] = [];
    let from = 0;
    for (const m of coded.matchAll(SPAN)) {
      const quote = (m[1] as string).replace(/\*\*/g, '').trim();
      const codes = (m[2] as string)
        .split(';')
        .map((c) => c.trim())
        .filter(Boolean);
      let at = text.indexOf(quote, from);
      if (at < 0) at = text.indexOf(quote);
      let end = at + quote.length;
      if (at < 0) {
        // A few coded quotes differ slightly from the answer (typos fixed, words dropped): locate
        // their first and last 30 characters with a bounded fuzzy match.
        const located = fuzzyLocate(text, quote, from);
        if (!located) {
          unlocated++;
          continue;
        }
        [at, end] = located;
        fuzzy++;
      }
      spans.push({ start: at, end, codes });
      from = end;
    }
    texts.push({ id: `answer-${n + 1}`, text, spans });
  });
  const descriptions = new Map<string, string>();
  for (const row of parseCsv(
    readFileSync(join(dir, 'bopp_test_code_descriptions.csv'), 'utf8'),
  ).slice(1)) {
    descriptions.set((row[0] ?? '').trim(), (row[1] ?? '').trim());
  }
  return {
    name: 'LLMCode games-as-art (MIT, silver standard)',
    texts,
    descriptions,
    notes: `${fuzzy} coded spans differ slightly from their answer and were located by fuzzy match; ${unlocated} could not be located and were skipped`,
  };
}

function fuzzyLocate(text: string, quote: string, from: number): [number, number] | null {
  const options = { threshold: 0.3, distance: 1000 };
  const head = quote.slice(0, 30);
  const tail = quote.slice(-30);
  const start = match(text, head, from, options);
  if (start < 0) return null;
  const tailAt = match(
    text,
    tail,
    Math.min(text.length, start + quote.length - tail.length),
    options,
  );
  if (tailAt < start) return null;
  const end = tailAt + tail.length;
  return Math.abs(end - start - quote.length) <= quote.length * 0.3
    ? [start, Math.min(end, text.length)]
    : null;
}

/**
 * LOCAL ONLY: the qc demo coding (AGPL-3.0, not shipped) of a school-board meeting, line-based codes.
 * Each transcript line (as wrapped in the file) is one text; we never copy it into the repo.
 */
export function loadQcDemo(testdata: string): GoldSet | null {
  const codingsPath = join(testdata, 'coded-datasets', 'qc-demo-board-2017-codings.json');
  const transcriptPath = join(
    testdata,
    'transcripts',
    'qc-demo-cs-education',
    'board-2017-meeting.txt',
  );
  if (!existsSync(codingsPath) || !existsSync(transcriptPath)) return null;
  const parsed = JSON.parse(readFileSync(codingsPath, 'utf8')) as Record<string, unknown>;
  const list = (Object.values(parsed).find((v) => Array.isArray(v)) ?? []) as {
    selectionName: string;
    code: string;
  }[];
  const lines = readFileSync(transcriptPath, 'utf8').split(/\r?\n/);
  const codesByLine = new Map<number, Set<string>>();
  for (const c of list) {
    const line = Number(/line:(\d+)/.exec(c.selectionName)?.[1]);
    if (!Number.isFinite(line)) continue;
    const set = codesByLine.get(line) ?? new Set<string>();
    set.add(c.code);
    codesByLine.set(line, set);
  }
  const texts: GoldText[] = [];
  lines.forEach((raw, i) => {
    const lineNo = i; // qc numbers lines from 0
    const text = raw.replace(/^Speaker \d+:\s*/, '').trimEnd();
    if (!text.trim()) return;
    const codes = [...(codesByLine.get(lineNo) ?? [])];
    texts.push({
      id: `line-${lineNo}`,
      order: lineNo,
      text,
      spans: codes.length ? [{ start: 0, end: text.length, codes }] : [],
    });
  });
  return {
    name: 'qc demo board-2017 meeting (AGPL-3.0, LOCAL ONLY, not shipped)',
    texts,
    descriptions: new Map(),
    oneDocument: true,
    notes:
      'line-based coding; each wrapped line is one unit; codes are hierarchical paths, used as-is',
  };
}
