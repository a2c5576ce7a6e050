/**
 * What an import will write, made from what the REFI-QDA readers return: pure data, built in a
 * worker thread, checked for everything Verbatim refuses, so the writing transaction only writes.
 */
import {
  type QdaCode,
  type QdaProject,
  type QdaTextSource,
  TurnPositions,
  type TurnsFromText,
  turnsForText,
} from '@verbatim/interop';
import { detectTranscriptLanguage } from '@verbatim/transcript';

/**
 * Something the import left out or changed, for the person importing: the reader's warnings
 * (libs/interop's codes) and this importer's own (RENAMED_CODE, SELECTION_OUTSIDE_TURNS,
 * EMPTY_SOURCE, NOTES_NOT_IMPORTED).
 */
export interface ImportWarning {
  code: string;
  message: string;
}

export interface PlanCode {
  key: string;
  parentKey: string | null;
  name: string;
  description: string | null;
  color: string | null;
}

export interface PlanHighlight {
  startTurn: number;
  startOffset: number;
  endTurn: number;
  endOffset: number;
  note: string | null;
  codeKeys: string[];
}

export interface PlanSource {
  name: string;
  checksumInput: string;
  byteSize: number;
  language: string | null;
  turns: { speaker: string | null; startMs: number | null; text: string }[];
  highlights: PlanHighlight[];
}

export interface ImportPlan {
  name: string;
  description: string | null;
  codes: PlanCode[];
  sources: PlanSource[];
  warnings: ImportWarning[];
}

export interface PlanLimits {
  maxCodes: number;
}

/** Refused before anything is written: the message is for the person importing. */
export class PlanRefusal extends Error {}

const NAME_MAX = 100;

/** The codebook as tags, parents before children, names unique in any case within the project. */
export function planCodes(codes: readonly QdaCode[], warnings: ImportWarning[]): PlanCode[] {
  const out: PlanCode[] = [];
  const taken = new Set<string>();
  const renamed: string[] = [];
  const walk = (list: readonly QdaCode[], parentKey: string | null) => {
    for (const code of list) {
      const base = code.name.trim().slice(0, NAME_MAX) || 'Untitled code';
      let name = base;
      for (let n = 2; taken.has(name.toLowerCase()); n++) {
        const suffix = ` (${n})`;
        name = base.slice(0, NAME_MAX - suffix.length) + suffix;
      }
      if (name !== code.name) renamed.push(`“${code.name.slice(0, 60)}” as “${name}”`);
      taken.add(name.toLowerCase());
      out.push({
        key: code.guid,
        parentKey,
        name,
        description: code.description?.trim() || null,
        color: code.color ?? null,
      });
      walk(code.children, code.guid);
    }
  };
  walk(codes, null);
  if (renamed.length)
    warnings.push({
      code: 'RENAMED_CODE',
      message: `${renamed.length} code name(s) were changed, as tag names are unique in a project (in any letter case) and at most ${NAME_MAX} characters: ${list(renamed)}.`,
    });
  return out;
}

/** A text source as turns, with its selections as highlights on those turns. */
export function planSource(
  source: QdaTextSource,
  codeKeys: ReadonlySet<string>,
  lost: string[],
): PlanSource {
  // PostgreSQL cannot store NUL: it becomes U+FFFD, one character for one, so positions hold.
  const read = splitLongTurns(turnsForText(source.text.replace(/\u0000/g, '\uFFFD')));
  const positions = new TurnPositions(read);
  const highlights: PlanHighlight[] = [];
  for (const selection of source.selections) {
    const start = positions.fromText(selection.start, 'start');
    const end = positions.fromText(selection.end, 'end');
    const inWords =
      start &&
      end &&
      (end.turn > start.turn || (end.turn === start.turn && end.offset > start.offset));
    if (!inWords) {
      lost.push(`${source.name.slice(0, 60)} ${selection.start}–${selection.end}`);
      continue;
    }
    highlights.push({
      startTurn: start.turn,
      startOffset: start.offset,
      endTurn: end.turn,
      endOffset: end.offset,
      note: selection.description?.trim() || null,
      codeKeys: [
        ...new Set(selection.codings.map((c) => c.codeGuid).filter((g) => codeKeys.has(g))),
      ],
    });
  }
  return {
    name: source.name.replace(/\u0000/g, '\uFFFD'),
    checksumInput: `${source.guid}\n${source.text}`,
    byteSize: Buffer.byteLength(source.text, 'utf8'),
    language: detectTranscriptLanguage(read.turns)?.language ?? null,
    turns: read.turns,
    highlights,
  };
}

/** Turns longer than this are cut (as ingest does: a search vector holds at most 1 MB). */
export const MAX_TURN_CHARS = 20_000;

/**
 * Cuts turns longer than `max` into consecutive turns of the same speaker, each ending after a
 * space where one is near the limit, never inside a character; the pieces keep their places in
 * the text, so selections map onto them (a selection over a cut becomes a highlight across turns).
 */
export function splitLongTurns(read: TurnsFromText, max = MAX_TURN_CHARS): TurnsFromText {
  if (read.lengths.every((length) => length <= max)) return read;
  const out: TurnsFromText = { turns: [], starts: [], lengths: [], layout: read.layout };
  read.turns.forEach((turn, i) => {
    let rest = turn.text;
    let at = read.starts[i]!;
    let first = true;
    while (rest.length) {
      let cut = rest.length;
      if (rest.length > max) {
        const space = rest.lastIndexOf(' ', max - 1);
        cut = space > max / 2 ? space + 1 : max;
        const code = rest.charCodeAt(cut);
        if (code >= 0xdc00 && code <= 0xdfff) cut--;
      }
      out.turns.push({ ...turn, startMs: first ? turn.startMs : null, text: rest.slice(0, cut) });
      out.starts.push(at);
      out.lengths.push(cut);
      at += cut;
      rest = rest.slice(cut);
      first = false;
    }
  });
  return out;
}

/** The whole plan of a project import. */
export function planProject(
  project: QdaProject,
  readerWarnings: readonly ImportWarning[],
  limits: PlanLimits,
): ImportPlan {
  const warnings = [...readerWarnings];
  const codes = planCodes(project.codes, warnings);
  if (codes.length > limits.maxCodes)
    throw new PlanRefusal(
      `The file’s codebook has ${codes.length} codes; a Verbatim project holds at most ${limits.maxCodes} tags.`,
    );
  const keys = new Set(codes.map((c) => c.key));
  const lost: string[] = [];
  const empty: string[] = [];
  const sources: PlanSource[] = [];
  for (const source of project.sources) {
    const planned = planSource(source, keys, lost);
    if (!planned.turns.length) {
      empty.push(source.name);
      continue;
    }
    sources.push(planned);
  }
  if (lost.length)
    warnings.push({
      code: 'SELECTION_OUTSIDE_TURNS',
      message: `${lost.length} selection(s) cover no words of a turn (only a speaker label, a time or blank lines) and were not imported: ${list(lost)}.`,
    });
  if (empty.length)
    warnings.push({
      code: 'EMPTY_SOURCE',
      message: `${empty.length} source(s) have only blanks and were not imported: ${list(empty)}.`,
    });
  if (project.notes.length)
    warnings.push({
      code: 'NOTES_NOT_IMPORTED',
      message: `${project.notes.length} note(s) (memos) were not imported: Verbatim has no place for them yet.`,
    });
  return {
    name: project.name,
    description: project.description?.trim() || null,
    codes,
    sources,
    warnings,
  };
}

/** A codebook import: a project with the codebook only. */
export function planCodebook(
  name: string,
  codes: readonly QdaCode[],
  readerWarnings: readonly ImportWarning[],
  limits: PlanLimits,
): ImportPlan {
  return planProject(
    { name, users: [], codes: [...codes], sources: [], notes: [] },
    readerWarnings,
    limits,
  );
}

function list(items: string[]): string {
  const shown = items.slice(0, 5).join('; ');
  return items.length > 5 ? `${shown} and ${items.length - 5} more` : shown;
}
