import { describe, expect, it } from 'vitest';
import { matchRanges, queryStems, stem } from './query-marks';

describe('queryStems', () => {
  it('drops search operators: quotes, OR, excluded words', () => {
    expect(queryStems('"export step" OR onboarding -pricing')).toEqual([
      'export',
      'step',
      'onboard',
    ]);
    expect(queryStems('  ')).toEqual([]);
    expect(queryStems(undefined)).toEqual([]);
  });

  it('stems common endings but keeps short words whole', () => {
    expect(stem('Confusing')).toBe('confus');
    expect(stem('exports')).toBe('export');
    expect(stem('bus')).toBe('bus');
  });
});

describe('matchRanges', () => {
  it('marks whole words starting with a stem, whatever their case or ending', () => {
    const text = 'Exporting was confusing; the EXPORT step confused everyone.';
    const ranges = matchRanges(text, queryStems('export confusing'));
    expect(ranges.map(([a, b]) => text.slice(a, b))).toEqual([
      'Exporting',
      'confusing',
      'EXPORT',
      'confused',
    ]);
  });

  it('counts offsets in UTF-16 units after emoji', () => {
    const text = '😅 export';
    expect(matchRanges(text, ['export'])).toEqual([[3, 9]]);
  });
});
