import { createHash } from 'node:crypto';
import { groundQuote, type TurnSpan, type TurnText } from '@verbatim/analysis';
import { AnalysisMode } from './analysis-run.entity';
import { type ChunkRange, type Proposal } from './providers/analysis-provider';

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

export interface PipelineInput {
  mode: AnalysisMode;
  transcriptId: string;
  turns: TurnText[];
  chunk: ChunkRange;
  /** The project's tags a DEDUCTIVE suggestion may carry. */
  codebook: { id: string; name: string }[];
  highlights: ExistingHighlight[];
  /** Pending and rejected suggestions on the transcript, from every run. */
  suggestions: ExistingSuggestion[];
}

export interface GroundedSuggestion extends TurnSpan {
  quote: string;
  tagIds: string[];
  themeName: string | null;
  themeDefinition: string | null;
  rationale: string;
  confidence: number;
  fingerprint: string;
}

export interface PipelineResult {
  suggestions: GroundedSuggestion[];
  droppedUngrounded: number;
  rejectedInvalid: number;
  skippedDuplicates: number;
}

/**
 * What makes a provider's proposals trustworthy, whichever provider made them:
 * 1. validation: DEDUCTIVE tags must be codebook tags (by id or exact name), INDUCTIVE themes
 *    need a name; anything else is rejected, not stored;
 * 2. grounding: the quote is located in the transcript and replaced by the transcript's own text
 *    (unlocatable quotes are dropped and counted);
 * 3. de-duplication: a tag is dropped from a suggestion when a highlight with that tag covers
 *    ≥ 80 % of it, or a pending or rejected suggestion with it overlaps it by ≥ 80 % (so a
 *    rejection is not proposed again); a suggestion left without tags is skipped.
 */
export function processProposals(input: PipelineInput, proposals: Proposal[]): PipelineResult {
  return dedupe(input, groundProposals(input, proposals));
}

/** Steps 1 and 2, which need only the transcript and the codebook (no lock). */
export interface GroundedBatch {
  grounded: Omit<GroundedSuggestion, 'fingerprint'>[];
  droppedUngrounded: number;
  rejectedInvalid: number;
}

export function groundProposals(
  input: Pick<PipelineInput, 'mode' | 'turns' | 'chunk' | 'codebook'>,
  proposals: Proposal[],
): GroundedBatch {
  const batch: GroundedBatch = { grounded: [], droppedUngrounded: 0, rejectedInvalid: 0 };
  const byName = new Map(input.codebook.map((t) => [t.name.trim().toLowerCase(), t.id]));
  const ids = new Set(input.codebook.map((t) => t.id));
  for (const proposal of proposals) {
    const valid = validate(input.mode, proposal, byName, ids);
    if (!valid) {
      batch.rejectedInvalid++;
      continue;
    }
    const span = ground(proposal, input.turns, input.chunk);
    if (!span) {
      batch.droppedUngrounded++;
      continue;
    }
    batch.grounded.push({
      ...span.span,
      quote: span.quote,
      tagIds: valid.tagIds,
      themeName: valid.themeName,
      themeDefinition: valid.themeDefinition,
      rationale: proposal.rationale.trim().slice(0, 2000) || 'No rationale given.',
      confidence: Math.min(
        1,
        Math.max(0, Number.isFinite(proposal.confidence) ? proposal.confidence : 0),
      ),
    });
  }
  return batch;
}

/** Step 3, against what exists now (run it where concurrent writers of the transcript are excluded). */
export function dedupe(
  input: Pick<PipelineInput, 'mode' | 'transcriptId' | 'turns' | 'highlights' | 'suggestions'>,
  batch: GroundedBatch,
): PipelineResult {
  const result: PipelineResult = {
    suggestions: [],
    droppedUngrounded: batch.droppedUngrounded,
    rejectedInvalid: batch.rejectedInvalid,
    skippedDuplicates: 0,
  };
  const positions = new TextPositions(input.turns);
  const seen: ExistingSuggestion[] = [...input.suggestions];
  for (const candidate of batch.grounded) {
    const range = positions.range(candidate);
    const covered = (other: TurnSpan) => positions.overlap(range, positions.range(other));
    let tagIds = candidate.tagIds;
    let duplicate: boolean;
    if (input.mode === AnalysisMode.DEDUCTIVE) {
      tagIds = tagIds.filter(
        (tagId) =>
          !input.highlights.some(
            (h) => h.tagIds.includes(tagId) && covered(h.span).ofFirst >= DUPLICATE_OVERLAP,
          ) &&
          !seen.some(
            (s) => s.tagIds.includes(tagId) && covered(s.span).ofLarger >= DUPLICATE_OVERLAP,
          ),
      );
      duplicate = tagIds.length === 0;
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
    result.suggestions.push({
      ...candidate,
      tagIds,
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
): { tagIds: string[]; themeName: string | null; themeDefinition: string | null } | null {
  if (mode === AnalysisMode.DEDUCTIVE) {
    const fromNames = (proposal.tagNames ?? []).map((n) => byName.get(n.trim().toLowerCase()));
    const fromIds = (proposal.tagIds ?? []).map((id) => (ids.has(id) ? id : undefined));
    const all = [...fromNames, ...fromIds];
    if (!all.length || all.some((id) => id === undefined)) return null;
    return { tagIds: [...new Set(all as string[])].sort(), themeName: null, themeDefinition: null };
  }
  const themeName = proposal.themeName?.replace(/\s+/g, ' ').trim().slice(0, 100);
  if (!themeName) return null;
  return {
    tagIds: [],
    themeName,
    themeDefinition: proposal.themeDefinition?.trim().slice(0, 2000) || null,
  };
}

/** The span in the transcript and its own text, or null when the quote is not there. */
function ground(
  proposal: Proposal,
  turns: TurnText[],
  chunk: ChunkRange,
): { span: TurnSpan; quote: string } | null {
  if (proposal.span) {
    const text = textBetween(turns, proposal.span);
    if (text !== null && text === proposal.quote && text.trim())
      return { span: proposal.span, quote: text };
  }
  const found = groundQuote(proposal.quote, turns, {
    firstTurn: chunk.firstTurn,
    lastTurn: chunk.lastTurn,
  });
  if (!found) return null;
  const { startIndex, startOffset, endIndex, endOffset } = found;
  return { span: { startIndex, startOffset, endIndex, endOffset }, quote: found.quote };
}

/** The turns' text between two positions, turns joined by '\n'; null if the span is not valid. */
export function textBetween(turns: TurnText[], span: TurnSpan): string | null {
  const byIndex = new Map(turns.map((t) => [t.index, t]));
  const first = byIndex.get(span.startIndex);
  const last = byIndex.get(span.endIndex);
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
  for (let i = span.startIndex + 1; i < span.endIndex; i++) parts.push(byIndex.get(i)?.text ?? '');
  parts.push(last.text.slice(0, span.endOffset));
  return parts.join('\n');
}

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
    tagIds.join(','),
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
