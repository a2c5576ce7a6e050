import { createHash } from 'node:crypto';
import {
  describeInjection,
  detectInjection,
  injectionContext,
  locateQuote,
  type TurnSpan,
  type TurnText,
} from '@verbatim/analysis';
import { AnalysisMode } from './analysis-run.entity';
import { type ChunkRange, type Proposal } from './providers/analysis-provider';
import { MatchKind } from './suggestion.entity';

/** A suggestion is a duplicate when this much of it is already covered (see `coverage`). */
export const DUPLICATE_OVERLAP = 0.8;

export interface ExistingHighlight {
  span: TurnSpan;
  tagIds: string[];
  tagNames: string[];
}

export interface ExistingSuggestion {
  span: TurnSpan;
  tagIds: string[];
  themeName: string | null;
}

/** Why a proposal was rejected as invalid (counted per run, shown in its summary). */
export enum InvalidReason {
  /** A DEDUCTIVE proposal without tags, or with a tag that is not in the codebook. */
  UNKNOWN_TAG = 'UNKNOWN_TAG',
  /** An INDUCTIVE proposal without a theme name. */
  NO_THEME = 'NO_THEME',
  /** The quote joins the words of two speakers (and could not be cut to one participant's). */
  TWO_SPEAKERS = 'TWO_SPEAKERS',
  /** The quote is the interviewer's words, and no tag proposed applies to them. */
  INTERVIEWER_TURN = 'INTERVIEWER_TURN',
  /** The quote was found only approximately, with a negation or a number changed. */
  MEANING_CHANGED = 'MEANING_CHANGED',
}

export type InvalidReasonCounts = Partial<Record<InvalidReason, number>>;

export interface PipelineInput {
  mode: AnalysisMode;
  transcriptId: string;
  turns: TurnText[];
  chunk: ChunkRange;
  /**
   * The project's tags a DEDUCTIVE suggestion may carry; `interviewerTurns` when people apply
   * the tag to the interviewer's words too.
   */
  codebook: { id: string; name: string; interviewerTurns?: boolean }[];
  /**
   * Whether a model read the chunk to make the proposals (default true): then instructions
   * hidden anywhere in the chunk may have steered them. The offline tagger reads none.
   */
  modelReadChunk?: boolean;
  highlights: ExistingHighlight[];
  /** Pending and rejected suggestions on the transcript, from every run. */
  suggestions: ExistingSuggestion[];
}

/** A codebook tag of a suggestion with its own confidence (0..1). */
export interface SuggestedTag {
  tagId: string;
  confidence: number;
}

export interface GroundedSuggestion extends TurnSpan {
  quote: string;
  /** DEDUCTIVE: codebook tags, most confident first. */
  tags: SuggestedTag[];
  themeName: string | null;
  themeDefinition: string | null;
  rationale: string;
  /** The first tag's confidence (DEDUCTIVE), the proposal's (INDUCTIVE). */
  confidence: number;
  /** How the quote was found in the transcript, and how close (1 unless FUZZY). */
  matchKind: MatchKind;
  matchSimilarity: number;
  /** Text that instructs a model was in the quote or in the chunk the model read. */
  flagged: boolean;
  flagReason: string | null;
  fingerprint: string;
}

export interface PipelineResult {
  suggestions: GroundedSuggestion[];
  droppedUngrounded: number;
  rejectedInvalid: number;
  /** `rejectedInvalid`, by reason. */
  invalidReasons: InvalidReasonCounts;
  skippedDuplicates: number;
}

/**
 * What makes a provider's proposals trustworthy, whichever provider made them:
 * 1. validation: DEDUCTIVE tags must be codebook tags (by id or exact name), INDUCTIVE themes
 *    need a name; anything else is rejected, not stored;
 * 2. grounding: the quote is located in the transcript and replaced by the transcript's own text
 *    (unlocatable quotes are dropped and counted); how it was found (EXACT, NORMALISED, FUZZY)
 *    is kept, and a fuzzy match that changes a negation or a number is rejected;
 * 3. one speaker: a quote joining two participants' words is rejected; one that takes in the
 *    interviewer's words around a participant's is cut to the participant's words when those
 *    are at least half of it (rejected otherwise); a quote of interviewer words only keeps the
 *    tags people apply to interviewer turns, and is rejected when none is left;
 * 4. injection: a suggestion whose quote, or whose chunk (when a model read it), holds text that
 *    instructs a model is flagged with the reason, for a person to read before accepting;
 * 5. de-duplication: a tag is dropped from a suggestion when a highlight with that tag covers
 *    ≥ 80 % of it, or a pending or rejected suggestion with it overlaps it by ≥ 80 % (so a
 *    rejection is not proposed again); a suggestion left without tags is skipped.
 */
export function processProposals(input: PipelineInput, proposals: Proposal[]): PipelineResult {
  return dedupe(input, groundProposals(input, proposals));
}

/** Steps 1 to 4, which need only the transcript and the codebook (no lock). */
export interface GroundedBatch {
  grounded: Omit<GroundedSuggestion, 'fingerprint'>[];
  droppedUngrounded: number;
  rejectedInvalid: number;
  invalidReasons: InvalidReasonCounts;
}

export function groundProposals(
  input: Pick<PipelineInput, 'mode' | 'turns' | 'chunk' | 'codebook' | 'modelReadChunk'>,
  proposals: Proposal[],
): GroundedBatch {
  const batch: GroundedBatch = {
    grounded: [],
    droppedUngrounded: 0,
    rejectedInvalid: 0,
    invalidReasons: {},
  };
  const invalid = (reason: InvalidReason) => {
    batch.rejectedInvalid++;
    batch.invalidReasons[reason] = (batch.invalidReasons[reason] ?? 0) + 1;
  };
  const byName = new Map(input.codebook.map((t) => [t.name.trim().toLowerCase(), t.id]));
  const ids = new Set(input.codebook.map((t) => t.id));
  const forInterviewer = new Set(input.codebook.filter((t) => t.interviewerTurns).map((t) => t.id));
  const chunkFlag =
    input.modelReadChunk === false ? null : chunkInjection(input.turns, input.chunk);
  for (const proposal of proposals) {
    const valid = validate(input.mode, proposal, byName, ids);
    if (!valid) {
      invalid(
        input.mode === AnalysisMode.DEDUCTIVE ? InvalidReason.UNKNOWN_TAG : InvalidReason.NO_THEME,
      );
      continue;
    }
    const found = ground(proposal, input.turns, input.chunk);
    if (found === 'MEANING_CHANGED') {
      invalid(InvalidReason.MEANING_CHANGED);
      continue;
    }
    if (!found) {
      batch.droppedUngrounded++;
      continue;
    }
    const own = oneSpeaker(found.span, input.turns);
    if (!own) {
      invalid(InvalidReason.TWO_SPEAKERS);
      continue;
    }
    let tags = valid.tags;
    if (own.interviewer) {
      tags =
        input.mode === AnalysisMode.DEDUCTIVE
          ? tags.filter((t) => forInterviewer.has(t.tagId))
          : [];
      if (!tags.length) {
        invalid(InvalidReason.INTERVIEWER_TURN);
        continue;
      }
    }
    const quote =
      own.span === found.span ? found.quote : (textBetween(input.turns, own.span) ?? '');
    const flag = quoteInjection(quote) ?? chunkFlag;
    batch.grounded.push({
      ...own.span,
      quote,
      tags,
      themeName: valid.themeName,
      themeDefinition: valid.themeDefinition,
      rationale: proposal.rationale.trim().slice(0, 2000) || 'No rationale given.',
      confidence: tags[0]?.confidence ?? unitInterval(proposal.confidence),
      matchKind: found.matchKind,
      matchSimilarity: found.similarity,
      flagged: flag !== null,
      flagReason: flag,
    });
  }
  return batch;
}

/**
 * SQL for `UPDATE analysis_run SET invalid_reasons = …`: the run's counts by reason plus a
 * chunk's, given as JSON text in the parameter `param` names (`$5`).
 */
export const addInvalidReasons = (
  param: string,
) => `(SELECT coalesce(jsonb_object_agg(k, n), '{}'::jsonb) FROM (
    SELECT k, sum(n)::int AS n FROM (
      SELECT key AS k, value::int AS n FROM jsonb_each_text(invalid_reasons)
      UNION ALL SELECT key, value::int FROM jsonb_each_text(${param}::jsonb)) parts GROUP BY k) sums)`;

/** Why a quote is flagged: it holds text that instructs a model. */
function quoteInjection(quote: string): string | null {
  const [finding] = detectInjection(quote);
  if (!finding) return null;
  return `The quote itself contains text that ${describeInjection(finding.kind)}: “${injectionContext(quote, finding)}”`;
}

/** Why every suggestion of a chunk is flagged: the chunk the model read instructs it. */
function chunkInjection(turns: TurnText[], chunk: ChunkRange): string | null {
  for (const turn of turns) {
    if (turn.index < chunk.firstTurn || turn.index > chunk.lastTurn) continue;
    const [finding] = detectInjection(turn.text);
    if (!finding) continue;
    return `The excerpt the model read contains text that ${describeInjection(finding.kind)} (turn ${turn.index + 1}): “${injectionContext(turn.text, finding)}”`;
  }
  return null;
}

/**
 * The span cut to one speaker's words: unchanged when one speaker said all of it (`interviewer`
 * when that is the interviewer); cut to the participant's turns when the rest is the
 * interviewer's and the participant's words are at least half of it; null otherwise.
 */
function oneSpeaker(
  span: TurnSpan,
  turns: TurnText[],
): { span: TurnSpan; interviewer: boolean } | null {
  const covered: TurnText[] = [];
  for (let i = span.startIndex; i <= span.endIndex; i++) {
    const turn = turnAt(turns, i);
    if (turn) covered.push(turn);
  }
  const who = (t: TurnText) => `${t.isInterviewer ? 'I' : 'P'}:${t.speaker ?? ''}`;
  const speakers = new Set(covered.map(who));
  if (speakers.size <= 1) return { span, interviewer: covered.every((t) => t.isInterviewer) };
  const participants = new Set(covered.filter((t) => !t.isInterviewer).map(who));
  if (participants.size !== 1) return null; // two participants, or two interviewers
  const first = covered.findIndex((t) => !t.isInterviewer);
  const last = covered.length - 1 - [...covered].reverse().findIndex((t) => !t.isInterviewer);
  if (covered.slice(first, last + 1).some((t) => t.isInterviewer)) return null; // the interviewer in between
  const from = covered[first] as TurnText;
  const to = covered[last] as TurnText;
  const cut: TurnSpan = {
    startIndex: from.index,
    startOffset: from.index === span.startIndex ? span.startOffset : 0,
    endIndex: to.index,
    endOffset: to.index === span.endIndex ? span.endOffset : to.text.length,
  };
  const length = (s: TurnSpan) => (textBetween(turns, s) ?? '').replace(/\s+/g, '').length;
  const kept = textBetween(turns, cut);
  if (!kept?.trim() || length(cut) * 2 < length(span)) return null;
  return { span: trimSpan(cut, turns), interviewer: false };
}

/** A span without whitespace at either end. */
function trimSpan(span: TurnSpan, turns: TurnText[]): TurnSpan {
  const { startIndex, endIndex } = span;
  let { startOffset, endOffset } = span;
  const start = turnAt(turns, startIndex)?.text ?? '';
  while (startOffset < start.length && /\s/.test(start.charAt(startOffset))) startOffset++;
  const end = turnAt(turns, endIndex)?.text ?? '';
  while (endOffset > 0 && /\s/.test(end.charAt(endOffset - 1))) endOffset--;
  if (startIndex === endIndex && endOffset <= startOffset) return span;
  return { startIndex, startOffset, endIndex, endOffset };
}

/** Step 5, against what exists now (run it where concurrent writers of the transcript are excluded). */
export function dedupe(
  input: Pick<PipelineInput, 'mode' | 'transcriptId' | 'turns' | 'highlights' | 'suggestions'>,
  batch: GroundedBatch,
): PipelineResult {
  const result: PipelineResult = {
    suggestions: [],
    droppedUngrounded: batch.droppedUngrounded,
    rejectedInvalid: batch.rejectedInvalid,
    invalidReasons: { ...batch.invalidReasons },
    skippedDuplicates: 0,
  };
  const positions = new TextPositions(input.turns);
  const seen: ExistingSuggestion[] = [...input.suggestions];
  for (const candidate of batch.grounded) {
    const range = positions.range(candidate);
    const covered = (other: TurnSpan) => positions.overlap(range, positions.range(other));
    let tags = candidate.tags;
    let duplicate: boolean;
    if (input.mode === AnalysisMode.DEDUCTIVE) {
      tags = tags.filter(
        ({ tagId }) =>
          !input.highlights.some(
            (h) => h.tagIds.includes(tagId) && covered(h.span).ofFirst >= DUPLICATE_OVERLAP,
          ) &&
          !seen.some(
            (s) => s.tagIds.includes(tagId) && covered(s.span).ofLarger >= DUPLICATE_OVERLAP,
          ),
      );
      duplicate = tags.length === 0;
    } else {
      const theme = candidate.themeName!.toLowerCase();
      duplicate =
        input.highlights.some(
          (h) =>
            h.tagNames.some((n) => n.toLowerCase() === theme) &&
            covered(h.span).ofFirst >= DUPLICATE_OVERLAP,
        ) ||
        seen.some(
          (s) =>
            s.themeName?.toLowerCase() === theme && covered(s.span).ofLarger >= DUPLICATE_OVERLAP,
        );
    }
    if (duplicate) {
      result.skippedDuplicates++;
      continue;
    }
    const span: TurnSpan = {
      startIndex: candidate.startIndex,
      startOffset: candidate.startOffset,
      endIndex: candidate.endIndex,
      endOffset: candidate.endOffset,
    };
    const tagIds = tags.map((t) => t.tagId);
    result.suggestions.push({
      ...candidate,
      tags,
      confidence: tags[0]?.confidence ?? candidate.confidence,
      fingerprint: fingerprint(input.transcriptId, span, tagIds, candidate.themeName),
    });
    seen.push({ span, tagIds, themeName: candidate.themeName });
  }
  return result;
}

function validate(
  mode: AnalysisMode,
  proposal: Proposal,
  byName: Map<string, string>,
  ids: Set<string>,
): { tags: SuggestedTag[]; themeName: string | null; themeDefinition: string | null } | null {
  if (mode === AnalysisMode.DEDUCTIVE) {
    const proposed = proposal.tags ?? [];
    const tags: SuggestedTag[] = [];
    for (const tag of proposed) {
      const tagId = tag.id !== undefined ? (ids.has(tag.id) ? tag.id : undefined) : undefined;
      const found = tagId ?? (tag.name ? byName.get(tag.name.trim().toLowerCase()) : undefined);
      if (!found) return null;
      const confidence = unitInterval(tag.confidence ?? proposal.confidence);
      const same = tags.find((t) => t.tagId === found);
      if (!same) tags.push({ tagId: found, confidence });
      else same.confidence = Math.max(same.confidence, confidence);
    }
    if (!tags.length) return null;
    // Most confident first (a stable sort: equally confident tags keep the provider's order).
    tags.sort((a, b) => b.confidence - a.confidence);
    return { tags, themeName: null, themeDefinition: null };
  }
  const themeName = proposal.themeName?.replace(/\s+/g, ' ').trim().slice(0, 100);
  if (!themeName) return null;
  return {
    tags: [],
    themeName,
    themeDefinition: proposal.themeDefinition?.trim().slice(0, 2000) || null,
  };
}

/**
 * The span in the transcript, its own text and how it was found; null when the quote is not
 * there, MEANING_CHANGED when it was found only with a negation or a number changed.
 */
function ground(
  proposal: Proposal,
  turns: TurnText[],
  chunk: ChunkRange,
):
  | { span: TurnSpan; quote: string; matchKind: MatchKind; similarity: number }
  | 'MEANING_CHANGED'
  | null {
  if (proposal.span) {
    const text = textBetween(turns, proposal.span);
    if (text !== null && text === proposal.quote && text.trim())
      return { span: proposal.span, quote: text, matchKind: MatchKind.EXACT, similarity: 1 };
  }
  const outcome = locateQuote(proposal.quote, turns, {
    firstTurn: chunk.firstTurn,
    lastTurn: chunk.lastTurn,
  });
  if (outcome.failure === 'MEANING_CHANGED') return 'MEANING_CHANGED';
  const found = outcome.grounded;
  if (!found) return null;
  const { startIndex, startOffset, endIndex, endOffset } = found;
  return {
    span: { startIndex, startOffset, endIndex, endOffset },
    quote: found.quote,
    matchKind: MatchKind[found.matchKind],
    similarity: found.similarity,
  };
}

/** The turns' text between two positions, turns joined by '\n'; null if the span is not valid. */
export function textBetween(turns: TurnText[], span: TurnSpan): string | null {
  const first = turnAt(turns, span.startIndex);
  const last = turnAt(turns, span.endIndex);
  if (!first || !last || span.endIndex < span.startIndex) return null;
  if (
    span.startOffset < 0 ||
    span.startOffset > first.text.length ||
    span.endOffset < 0 ||
    span.endOffset > last.text.length
  )
    return null;
  if (span.startIndex === span.endIndex)
    return span.startOffset < span.endOffset
      ? first.text.slice(span.startOffset, span.endOffset)
      : null;
  const parts = [first.text.slice(span.startOffset)];
  for (let i = span.startIndex + 1; i < span.endIndex; i++)
    parts.push(turnAt(turns, i)?.text ?? '');
  parts.push(last.text.slice(0, span.endOffset));
  return parts.join('\n');
}

/**
 * The turn with this index. A transcript's turns are read in order from index 0, so it is
 * usually at that position; otherwise it is searched for (a chunk's or a test's turns).
 */
function turnAt(turns: readonly TurnText[], index: number): TurnText | undefined {
  const at = turns[index];
  return at?.index === index ? at : turns.find((t) => t.index === index);
}

/** A confidence as stored: a number in 0..1 (0 when the provider gave none that makes sense). */
const unitInterval = (x: number | undefined): number =>
  Math.min(1, Math.max(0, typeof x === 'number' && Number.isFinite(x) ? x : 0));

function fingerprint(
  transcriptId: string,
  span: TurnSpan,
  tagIds: string[],
  themeName: string | null,
): string {
  const key = [
    transcriptId,
    span.startIndex,
    span.startOffset,
    span.endIndex,
    span.endOffset,
    [...tagIds].sort().join(','),
    themeName?.toLowerCase() ?? '',
  ];
  return createHash('sha256').update(key.join('|')).digest('hex');
}

/** Positions as character offsets into the whole transcript (turns joined by '\n'). */
class TextPositions {
  private readonly starts = new Map<number, number>();

  constructor(turns: TurnText[]) {
    let at = 0;
    for (const turn of [...turns].sort((a, b) => a.index - b.index)) {
      this.starts.set(turn.index, at);
      at += turn.text.length + 1;
    }
  }

  range(span: TurnSpan): [number, number] {
    return [
      (this.starts.get(span.startIndex) ?? 0) + span.startOffset,
      (this.starts.get(span.endIndex) ?? 0) + span.endOffset,
    ];
  }

  /** How much of `a` is covered by `b` (ofFirst) and the overlap over the larger of the two. */
  overlap(a: [number, number], b: [number, number]): { ofFirst: number; ofLarger: number } {
    const shared = Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));
    const lengthA = Math.max(1, a[1] - a[0]);
    const larger = Math.max(lengthA, b[1] - b[0], 1);
    return { ofFirst: shared / lengthA, ofLarger: shared / larger };
  }
}
