import { describe, expect, it } from 'vitest';
import {
  bulkAcceptable,
  confidenceFromPercent,
  formatBulkResult,
  formatInvalidReasons,
  formatMatch,
  matchHint,
  formatConfidence,
  formatCost,
  formatSummary,
  formatUsage,
  isActive,
  modeLabel,
  percentOf,
  runStatusLabel,
  tagConfidence,
} from './analysis-format';

describe('tagConfidence', () => {
  it('shows a tag’s own confidence rounded down, and keeps it off a highlight accepted above it', () => {
    expect(tagConfidence(0.812, null)).toEqual({ label: '81%', applied: true });
    expect(tagConfidence(0.65, 0.65)).toEqual({ label: '65%', applied: true });
    expect(tagConfidence(0.648, 0.65)).toEqual({ label: '64%', applied: false });
  });

  it('a tag the reviewer added has no confidence and is always applied', () => {
    expect(tagConfidence(undefined, 0.9)).toEqual({ label: '', applied: true });
  });
});

describe('formatConfidence', () => {
  it('shows a 0..1 confidence as a whole percentage, rounded down as thresholds compare', () => {
    expect(formatConfidence(0.8349)).toBe('83%');
    expect(formatConfidence(0.835)).toBe('83%');
    // "Accept all ≥ 65%" leaves 0.648 pending, so it must not read as 65%.
    expect(formatConfidence(0.648)).toBe('64%');
    expect(formatConfidence(0.65)).toBe('65%');
    expect(formatConfidence(0.29)).toBe('29%');
    expect(formatConfidence(0.57)).toBe('57%');
    expect(formatConfidence(1)).toBe('100%');
    expect(formatConfidence(0)).toBe('0%');
  });

  it('clamps values outside 0..1 and shows a dash for no number', () => {
    expect(formatConfidence(1.7)).toBe('100%');
    expect(formatConfidence(-0.2)).toBe('0%');
    expect(formatConfidence(Number.NaN)).toBe('—');
    expect(formatConfidence(null)).toBe('—');
  });
});

describe('percentOf', () => {
  it('turns progress into a 0–100 value for a progress bar', () => {
    expect(percentOf(0.5)).toBe(50);
    expect(percentOf(2)).toBe(100);
    expect(percentOf(undefined)).toBe(0);
  });
});

describe('formatCost', () => {
  it('says when the price is unknown or nothing was spent', () => {
    expect(formatCost(null)).toBe('unknown price');
    expect(formatCost(0)).toBe('free');
  });

  it('keeps four decimals for fractions of a cent and two above', () => {
    expect(formatCost(0.00421)).toBe('$0.0042');
    expect(formatCost(1.2749)).toBe('$1.27');
    expect(formatCost(0.00001)).toBe('under $0.0001');
  });
});

describe('formatUsage', () => {
  it('says the offline tagger used no tokens', () => {
    expect(
      formatUsage({ promptTokens: 0, completionTokens: 0, requests: 0, estimatedCostUsd: 0 }),
    ).toBe('No tokens used');
  });

  it('lists tokens, requests and cost', () => {
    expect(
      formatUsage({
        promptTokens: 12_345,
        completionTokens: 210,
        requests: 3,
        estimatedCostUsd: 0.0042,
      }),
    ).toBe('12,345 tokens in, 210 out · 3 requests · $0.0042');
  });
});

describe('labels', () => {
  it('names statuses and modes, passing unknown values through', () => {
    expect(runStatusLabel('RUNNING')).toBe('Running');
    expect(runStatusLabel('PAUSED')).toBe('PAUSED');
    expect(modeLabel('DEDUCTIVE')).toBe('Apply the codebook');
    expect(modeLabel('INDUCTIVE')).toBe('Find new themes');
  });

  it('treats queued and running runs as active', () => {
    expect(isActive('QUEUED')).toBe(true);
    expect(isActive('RUNNING')).toBe(true);
    expect(isActive('COMPLETED')).toBe(false);
    expect(isActive('CANCELLED')).toBe(false);
  });
});

describe('formatSummary', () => {
  it('counts accepted, rejected and pending suggestions', () => {
    expect(
      formatSummary({
        total: 12,
        pending: 8,
        accepted: 3,
        rejected: 1,
        droppedUngrounded: 2,
        rejectedInvalid: 0,
        invalidReasons: [],
        skippedDuplicates: 0,
      }),
    ).toBe('12 suggestions: 3 accepted, 1 rejected, 8 pending');
  });

  it('says so when there are none yet', () => {
    expect(
      formatSummary({
        total: 0,
        pending: 0,
        accepted: 0,
        rejected: 0,
        droppedUngrounded: 0,
        rejectedInvalid: 0,
        invalidReasons: [],
        skippedDuplicates: 0,
      }),
    ).toBe('No suggestions yet');
  });
});

describe('confidenceFromPercent', () => {
  it('reads a percentage as a fraction, and nothing for empty or zero', () => {
    expect(confidenceFromPercent('75')).toBe(0.75);
    // A whole percentage: the field shows 65, so 65 % is what is applied, never 0.648.
    expect(confidenceFromPercent('64.8')).toBe(0.65);
    expect(confidenceFromPercent(0.3)).toBeNull();
    expect(confidenceFromPercent(150)).toBe(1);
    expect(confidenceFromPercent('')).toBeNull();
    expect(confidenceFromPercent('0')).toBeNull();
    expect(confidenceFromPercent('abc')).toBeNull();
  });
});

describe('formatMatch', () => {
  it('says how the quote was found, with the similarity of a fuzzy match', () => {
    expect(formatMatch('EXACT', 1)).toBe('Exact match');
    expect(formatMatch('NORMALISED', 1)).toBe('Normalised match');
    expect(formatMatch('FUZZY', 0.912)).toBe('Fuzzy match, 91 %');
    // never rounds a fuzzy match up to look exact
    expect(formatMatch('FUZZY', 0.996)).toBe('Fuzzy match, 99 %');
    expect(formatMatch('FUZZY', null)).toBe('Fuzzy match');
    expect(formatMatch(null, null)).toBe('Match not recorded');
  });

  it('explains each kind to a reviewer', () => {
    expect(matchHint('FUZZY')).toMatch(/transcript’s own words/);
    expect(matchHint(null)).toMatch(/compare the quote/);
  });
});

describe('bulkAcceptable', () => {
  it('takes only unflagged suggestions found as written', () => {
    expect(bulkAcceptable({ matchKind: 'EXACT', flagged: false })).toBe(true);
    expect(bulkAcceptable({ matchKind: 'NORMALISED', flagged: false })).toBe(true);
    expect(bulkAcceptable({ matchKind: 'FUZZY', flagged: false })).toBe(false);
    expect(bulkAcceptable({ matchKind: null, flagged: false })).toBe(false);
    expect(bulkAcceptable({ matchKind: 'EXACT', flagged: true })).toBe(false);
  });
});

describe('formatBulkResult', () => {
  it('says how many were accepted, and how many wait for a person and why', () => {
    expect(
      formatBulkResult({
        accepted: 3,
        skipped: 4,
        skippedFlagged: 2,
        skippedFuzzy: 1,
        skippedFailed: 1,
      }),
    ).toBe(
      '3 suggestions accepted. Left for you to review one by one: 2 flagged, 1 fuzzy match. 1 could not be accepted (the words changed since they were suggested).',
    );
    expect(
      formatBulkResult({
        accepted: 1,
        skipped: 0,
        skippedFlagged: 0,
        skippedFuzzy: 0,
        skippedFailed: 0,
      }),
    ).toBe('1 suggestion accepted.');
    expect(
      formatBulkResult({
        accepted: 0,
        skipped: 2,
        skippedFlagged: 0,
        skippedFuzzy: 2,
        skippedFailed: 0,
      }),
    ).toBe('0 suggestions accepted. Left for you to review one by one: 2 fuzzy matches.');
  });
});

describe('formatInvalidReasons', () => {
  it('lists why proposals were rejected', () => {
    expect(
      formatInvalidReasons([
        { reason: 'TWO_SPEAKERS', count: 2 },
        { reason: 'MEANING_CHANGED', count: 1 },
        { reason: 'INTERVIEWER_TURN', count: 0 },
      ]),
    ).toBe('2 joined two speakers, 1 negation or number changed');
    expect(formatInvalidReasons([])).toBe('');
  });
});
