import type {
  AcceptSuggestionsMutation,
  AnalysisMode,
  AnalysisRunFragment as AnalysisRun,
  AnalysisRunStatus,
  InvalidReason,
  MatchKind,
  SuggestionFragment,
  SuggestionStatus,
} from '@verbatim/contracts';
import { isKeyOf, plural } from '../../shared/format';

type AnalysisUsage = AnalysisRun['usage'];
type BulkReviewResult = AcceptSuggestionsMutation['acceptSuggestions'];

/** A suggestion's tag as the reviewer edits it: one the reviewer added has no confidence. */
export type SuggestionTag = Omit<SuggestionFragment['tags'][number], 'confidence'> & {
  confidence?: number | null;
};

/**
 * A confidence as the whole percentage thresholds are set in, rounded down: 0.8349 → "83%",
 * 0.648 → "64%". Never rounded up, so "Accept all ≥ 65%" and "at least 65%" take exactly the
 * suggestions shown as 65% or more. Clamped to 0–100, "—" when not a number.
 */
export function formatConfidence(confidence: number | null | undefined): string {
  if (confidence === null || confidence === undefined || !Number.isFinite(confidence)) return '—';
  return `${wholePercentDown(Math.max(0, Math.min(1, confidence)))}%`;
}

/**
 * A suggested tag's own confidence as shown beside it, and whether accepting at `threshold`
 * (0..1, null for none) puts it on the highlight: tags below the threshold stay off.
 */
export function tagConfidence(
  confidence: number | null | undefined,
  threshold: number | null | undefined,
): { label: string; applied: boolean } {
  const known = confidence !== null && confidence !== undefined && Number.isFinite(confidence);
  return {
    label: known ? formatConfidence(confidence) : '',
    applied: !known || threshold === null || threshold === undefined || confidence >= threshold,
  };
}

/** 0.648 → 64, and 0.29 → 29 although 0.29 × 100 is 28.999… in floating point. */
function wholePercentDown(fraction: number): number {
  return Math.floor(Math.round(fraction * 100_000) / 1000);
}

/** A 0..1 fraction as a whole percentage for progress bars (0–100). */
export function percentOf(fraction: number | null | undefined): number {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return 0;
  return Math.round(Math.max(0, Math.min(1, fraction)) * 100);
}

/** "$0.0042", "$1.27", "under $0.0001", "unknown price" (null), "free" (0). */
export function formatCost(usd: number | null | undefined): string {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return 'unknown price';
  if (usd === 0) return 'free';
  if (usd < 0.0001) return 'under $0.0001';
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}

/** "1,234 tokens in, 210 out · 3 requests · $0.0042"; "No tokens used" for the offline tagger. */
export function formatUsage(usage: AnalysisUsage): string {
  const tokens = usage.promptTokens + usage.completionTokens;
  if (tokens === 0 && usage.requests === 0) return 'No tokens used';
  return [
    `${usage.promptTokens.toLocaleString('en-US')} tokens in, ${usage.completionTokens.toLocaleString('en-US')} out`,
    plural(usage.requests, 'request'),
    formatCost(usage.estimatedCostUsd),
  ].join(' · ');
}

const STATUS_LABELS: Record<AnalysisRunStatus, string> = {
  QUEUED: 'Queued',
  RUNNING: 'Running',
  COMPLETED: 'Completed',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
};

/** Labels below show a value this client does not know yet (from a newer api) as it came. */
export function runStatusLabel(status: string): string {
  return isKeyOf(STATUS_LABELS, status) ? STATUS_LABELS[status] : status;
}

/** Whether a run may still change (and be cancelled). */
export function isActive(status: string): boolean {
  return status === 'QUEUED' || status === 'RUNNING';
}

const MODE_LABELS: Record<AnalysisMode, string> = {
  DEDUCTIVE: 'Apply the codebook',
  INDUCTIVE: 'Find new themes',
};

export function modeLabel(mode: string): string {
  return isKeyOf(MODE_LABELS, mode) ? MODE_LABELS[mode] : mode;
}

const SUGGESTION_STATUS_LABELS: Record<SuggestionStatus, string> = {
  PENDING: 'Pending',
  ACCEPTED: 'Accepted',
  REJECTED: 'Rejected',
};

export function suggestionStatusLabel(status: string): string {
  return isKeyOf(SUGGESTION_STATUS_LABELS, status) ? SUGGESTION_STATUS_LABELS[status] : status;
}

/** "12 suggestions: 3 accepted, 1 rejected, 8 pending"; "No suggestions yet" while there are none. */
export function formatSummary(summary: AnalysisRun['summary']): string {
  if (summary.total === 0) return 'No suggestions yet';
  return `${plural(summary.total, 'suggestion')}: ${summary.accepted.toLocaleString('en-US')} accepted, ${summary.rejected.toLocaleString('en-US')} rejected, ${summary.pending.toLocaleString('en-US')} pending`;
}

/**
 * A threshold typed or slid as a percentage, as the 0..1 fraction the api compares with, or null.
 * Thresholds are whole percentages ("64.8" is 65 %), so the number shown is the one applied.
 */
export function confidenceFromPercent(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  if (!Number.isFinite(n)) return null;
  const whole = Math.round(Math.min(100, n));
  return whole > 0 ? whole / 100 : null;
}

/** "Exact match", "Normalised match", "Fuzzy match, 91 %"; "Match not recorded" for older ones. */
export function formatMatch(
  kind: MatchKind | null | undefined,
  similarity?: number | null,
): string {
  switch (kind) {
    case 'EXACT':
      return 'Exact match';
    case 'NORMALISED':
      return 'Normalised match';
    case 'FUZZY': {
      const percent =
        similarity === null || similarity === undefined || !Number.isFinite(similarity)
          ? null
          : Math.floor(Math.max(0, Math.min(1, similarity)) * 100);
      return percent === null ? 'Fuzzy match' : `Fuzzy match, ${percent} %`;
    }
    default:
      return 'Match not recorded';
  }
}

const MATCH_HINTS: Record<MatchKind, string> = {
  EXACT: 'The model quoted the transcript character for character.',
  NORMALISED: 'The model quoted the same words; only case, punctuation or accents differed.',
  FUZZY:
    'The model’s quote differed from what was said; shown here are the transcript’s own words. Compare them before accepting: accept all leaves fuzzy matches for you.',
};

/** What a match kind tells a reviewer. */
export function matchHint(kind: MatchKind | null | undefined): string {
  return kind && Object.hasOwn(MATCH_HINTS, kind)
    ? MATCH_HINTS[kind]
    : 'Made before matches were recorded: compare the quote with the transcript before accepting.';
}

/** Whether a bulk accept may take it: found as written and not flagged (confidence aside). */
export function bulkAcceptable(s: { matchKind: MatchKind | null; flagged: boolean }): boolean {
  return !s.flagged && (s.matchKind === 'EXACT' || s.matchKind === 'NORMALISED');
}

const INVALID_REASON_LABELS: Record<InvalidReason, string> = {
  UNKNOWN_TAG: 'tag not in the codebook',
  NO_THEME: 'theme without a name',
  TWO_SPEAKERS: 'joined two speakers',
  INTERVIEWER_TURN: 'interviewer’s words',
  MEANING_CHANGED: 'negation or number changed',
};

/** "joined two speakers" — one reason a proposal was rejected, in words. */
export function invalidReasonLabel(reason: string): string {
  return isKeyOf(INVALID_REASON_LABELS, reason)
    ? INVALID_REASON_LABELS[reason]
    : reason.toLowerCase().replace(/_/g, ' ');
}

/** "2 joined two speakers, 1 interviewer’s words"; '' when there are none. */
export function formatInvalidReasons(
  reasons: readonly { reason: string; count: number }[],
): string {
  return reasons
    .filter((r) => r.count > 0)
    .map((r) => `${r.count.toLocaleString('en-US')} ${invalidReasonLabel(r.reason)}`)
    .join(', ');
}

/**
 * What a bulk accept did, in words: "3 suggestions accepted. Left for you to review one by one:
 * 2 flagged, 1 fuzzy match. 1 could not be accepted (its words changed)."
 */
export function formatBulkResult(result: BulkReviewResult): string {
  const parts = [`${plural(result.accepted, 'suggestion')} accepted.`];
  const held = [
    result.skippedFlagged ? `${result.skippedFlagged} flagged` : '',
    result.skippedFuzzy
      ? `${result.skippedFuzzy} ${result.skippedFuzzy === 1 ? 'fuzzy match' : 'fuzzy matches'}`
      : '',
  ].filter(Boolean);
  if (held.length) parts.push(`Left for you to review one by one: ${held.join(', ')}.`);
  if (result.skippedFailed)
    parts.push(
      `${result.skippedFailed} could not be accepted (the words changed since they were suggested).`,
    );
  return parts.join(' ');
}
