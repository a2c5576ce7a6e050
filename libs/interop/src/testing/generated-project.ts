// Test-only helpers (not exported from the package index): large projects made on the fly, as an
// export job streams them from the database.
import { stableGuid } from '../lib/refi/guid';
import {
  type QdaCode,
  type QdaProjectInput,
  type QdaSelection,
  type QdaTextSourceInput,
} from '../lib/refi/model';

const WORDS = [
  'we',
  'tried',
  'the',
  'export',
  'twice',
  'and',
  'it',
  'failed',
  'honestly',
  'dashboard',
  'onboarding',
  'was',
  'slow',
  'but',
  'support',
  'helped',
  '😅',
  'über',
  'naïve',
  '🚀',
];

/** Deterministic text of about `characters` UTF-16 units: words, emoji, paragraphs. */
export function interviewText(seed: number, characters: number): string {
  let state = seed * 7919 + 1;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state;
  };
  const parts: string[] = [];
  let length = 0;
  while (length < characters) {
    const word = WORDS[next() % WORDS.length] as string;
    const separator = next() % 40 === 0 ? '\n\n' : ' ';
    parts.push(word, separator);
    length += word.length + separator.length;
  }
  return parts.join('');
}

export interface GeneratedProject {
  project: QdaProjectInput;
  /** How many sources the writer has asked for so far. */
  sourcesRequested: () => number;
}

/**
 * `sources` texts of `characters` each, `selectionsPerSource` selections with one coding each
 * (a second one on every tenth), over `codes` flat codes; sources and selections are async
 * generators, made only when the writer asks.
 */
export function generatedProject(options: {
  sources: number;
  selectionsPerSource: number;
  characters: number;
  codes?: number;
}): GeneratedProject {
  const codes: QdaCode[] = Array.from({ length: options.codes ?? 20 }, (_, i) => ({
    guid: stableGuid('tag', `t${i}`),
    name: `Code ${i}`,
    isCodable: true,
    children: [],
  }));
  let requested = 0;
  async function* sources(): AsyncGenerator<QdaTextSourceInput> {
    for (let s = 0; s < options.sources; s++) {
      await nextRow();
      requested++;
      const text = interviewText(s, options.characters);
      yield {
        guid: stableGuid('transcript', `tr${s}`),
        name: `Interview ${s}`,
        text,
        selections: selections(s, text, options.selectionsPerSource, codes),
      };
    }
  }
  return {
    project: { name: 'Generated', users: [], codes, sources: sources(), notes: [] },
    sourcesRequested: () => requested,
  };
}

async function* selections(
  source: number,
  text: string,
  count: number,
  codes: QdaCode[],
): AsyncGenerator<QdaSelection> {
  const step = Math.floor(text.length / (count + 1));
  for (let i = 0; i < count; i++) {
    await nextRow();
    const start = boundary(text, i * step);
    const end = boundary(text, start + step - 1);
    const code = codes[(source + i) % codes.length] as QdaCode;
    const other = codes[(source + i + 1) % codes.length] as QdaCode;
    const codings = [
      { guid: stableGuid('highlight-tag', `${source}/${i}/a`), codeGuid: code.guid },
    ];
    if (i % 10 === 0) {
      codings.push({ guid: stableGuid('highlight-tag', `${source}/${i}/b`), codeGuid: other.guid });
    }
    yield { guid: stableGuid('highlight', `${source}/${i}`), start, end, codings };
  }
}

/** The index, moved past the low half of a surrogate pair it would split. */
function boundary(text: string, index: number): number {
  const before = text.charCodeAt(index - 1);
  return before >= 0xd800 && before <= 0xdbff ? index + 1 : index;
}

/** Each row arrives later, as from a database cursor. */
function nextRow(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
