/**
 * Mentions in a comment, as the composer edits them and as the api stores them.
 *
 * Stored, a mention is a Markdown link to the person's id whose words are their name as written:
 * `[@Ana Lima](mention:5f0c…)` (the api's AddCommentInput.body says so). The id keeps the
 * reference when a name changes or two people share one; a plain Markdown renderer still shows
 * the name; and the rendering (shared/markdown) shows whoever the api kept as mentioned by their
 * current name.
 *
 * In the composer the text reads `@Ana Lima`: typing `@` offers the workspace's members, and the
 * people chosen are remembered beside the text. On sending, each `@Name` of a chosen person still
 * in the text becomes their reference, and their ids are the comment's mentionIds.
 */

/** Someone who can be mentioned. */
export interface MentionCandidate {
  readonly id: string;
  readonly name: string;
  readonly email?: string;
}

/** An `@` being typed: where it starts, where the caret is, and what follows the `@`. */
export interface MentionQuery {
  readonly start: number;
  readonly end: number;
  readonly query: string;
}

const USER_ID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** `[@words](mention:id)`; the words may hold backslash-escaped brackets. */
const REFERENCE = new RegExp(`\\[@((?:\\\\.|[^\\]\\\\\\n])*)\\]\\(mention:(${USER_ID})\\)`, 'gi');
/** A name ends where a letter, digit or underscore does not follow. */
const WORD_CHAR = '[\\p{L}\\p{N}_]';
/** What can follow the `@` while a name is typed: words, one space apart, of a name's characters. */
const NAME_SO_FAR = /^(?:[\p{L}\p{M}\p{N}.'’_-]+(?: [\p{L}\p{M}\p{N}.'’_-]+)* ?)?$/u;
/** How far back from the caret an `@` still opens the list (a name of a few words). */
const MAX_QUERY = 40;

/** The reference a body stores for a mention of `person`. */
export function mentionReference(person: MentionCandidate): string {
  return `[@${person.name.replace(/[\\[\]]/g, '\\$&').replace(/\s+/g, ' ')}](mention:${person.id})`;
}

/** The ids a body mentions, each once, in order. */
export function referencedIds(body: string): string[] {
  return [...new Set([...body.matchAll(REFERENCE)].map((m) => m[2]!.toLowerCase()))];
}

/** A stored body as the composer shows it: each reference as `@Name`, the people beside. */
export function toEditable(body: string): { text: string; chosen: MentionCandidate[] } {
  const chosen = new Map<string, MentionCandidate>();
  const text = body.replace(REFERENCE, (_, words: string, id: string) => {
    const name = words.replace(/\\(.)/g, '$1');
    if (!chosen.has(id)) chosen.set(id, { id, name });
    return `@${name}`;
  });
  return { text, chosen: [...chosen.values()] };
}

/**
 * The body to store for the composer's text: each `@Name` of a chosen person becomes their
 * reference (longest names first, so "@Ana Lima" is not taken for "@Ana"), trimmed. mentionIds
 * are the chosen people whose name is still in the text.
 */
export function toStored(
  text: string,
  chosen: readonly MentionCandidate[],
): { body: string; mentionIds: string[] } {
  const byName = new Map<string, MentionCandidate>();
  for (const person of chosen) if (!byName.has(person.name)) byName.set(person.name, person);
  if (!byName.size) return { body: text.trim(), mentionIds: [] };
  const names = [...byName.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = new RegExp(`(?<!${WORD_CHAR})@(${names.join('|')})(?!${WORD_CHAR})`, 'gu');
  const ids = new Set<string>();
  const body = text.replace(pattern, (_, name: string) => {
    const person = byName.get(name)!;
    ids.add(person.id);
    return mentionReference(person);
  });
  return { body: body.trim(), mentionIds: [...ids] };
}

/**
 * The `@` the caret is typing after, if any: at the start or after a space or an opening
 * bracket or quote, at most MAX_QUERY characters back, followed so far only by what a name is
 * made of (letters, digits, `.'-_`, single spaces between words; no line break or comma).
 */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const from = Math.max(0, caret - MAX_QUERY - 1);
  for (let i = caret - 1; i >= from; i--) {
    const char = text[i]!;
    if (char === '\n') return null;
    if (char !== '@') continue;
    const before = i === 0 ? ' ' : text[i - 1]!;
    const query = text.slice(i + 1, caret);
    if (!/[\s([{"'“‘]/.test(before) || !NAME_SO_FAR.test(query)) return null;
    return { start: i, end: caret, query };
  }
  return null;
}

/**
 * The members matching what follows the `@`, best first: a name starting with it, then a word
 * of the name starting with it, then an e-mail address, then a name containing it. Case and
 * accents do not matter. At most `limit`, without those in `excludeIds` (yourself).
 */
export function matchMembers(
  members: readonly MentionCandidate[],
  query: string,
  limit = 8,
  excludeIds: readonly string[] = [],
): MentionCandidate[] {
  const q = fold(query.trim());
  const rank = (m: MentionCandidate): number => {
    const name = fold(m.name);
    if (name.startsWith(q)) return 0;
    if (name.split(/\s+/).some((word) => word.startsWith(q))) return 1;
    if (m.email && fold(m.email).startsWith(q)) return 2;
    return name.includes(q) ? 3 : -1;
  };
  return members
    .filter((m) => !excludeIds.includes(m.id))
    .map((m) => ({ m, r: rank(m) }))
    .filter(({ r }) => r >= 0)
    .sort((a, b) => a.r - b.r || a.m.name.localeCompare(b.m.name))
    .slice(0, limit)
    .map(({ m }) => m);
}

/**
 * How `person` reads in the composer beside the people already chosen: as they were chosen
 * before, or, when someone else chosen has the same name, with their e-mail's name added
 * ("Alex Kim (alex.k)") so that each `@Name` in the text names one person.
 */
export function asMentioned(
  person: MentionCandidate,
  chosen: readonly MentionCandidate[],
): MentionCandidate {
  const before = chosen.find((p) => p.id === person.id);
  if (before) return before;
  if (!chosen.some((p) => p.name === person.name)) return person;
  const hint = person.email?.split('@')[0] || person.id.slice(0, 8);
  let name = `${person.name} (${hint})`;
  for (let n = 2; chosen.some((p) => p.name === name); n++) name = `${person.name} (${hint} ${n})`;
  return { ...person, name };
}

/** The text with the `@query` replaced by `@Name `, and where the caret goes after it. */
export function insertMention(
  text: string,
  at: MentionQuery,
  person: MentionCandidate,
): { text: string; caret: number } {
  const after = text.slice(at.end);
  const mention = `@${person.name}${/^[\s.,;:!?)\]}]/.test(after) ? '' : ' '}`;
  return { text: text.slice(0, at.start) + mention + after, caret: at.start + mention.length };
}

function fold(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase();
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
