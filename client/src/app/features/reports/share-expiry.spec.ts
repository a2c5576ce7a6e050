import { describe, expect, it } from 'vitest';
import { dateExpiry, isoDay, presetExpiry, shareState } from './share-expiry';

const NOW = new Date('2026-12-07T12:00:00Z');

describe('share expiry', () => {
  it('counts the presets from now', () => {
    expect(presetExpiry('1d', NOW).toISOString()).toBe('2026-12-08T12:00:00.000Z');
    expect(presetExpiry('7d', NOW).toISOString()).toBe('2026-12-14T12:00:00.000Z');
    expect(presetExpiry('30d', NOW).toISOString()).toBe('2027-01-06T12:00:00.000Z');
  });

  it('ends a picked day at its last millisecond', () => {
    const result = dateExpiry('2026-12-24', NOW);
    expect(result).toEqual({ at: new Date(2026, 11, 24, 23, 59, 59, 999) });
  });

  it('refuses a day that is over, too far ahead, or not a date', () => {
    expect(dateExpiry('2026-12-06', NOW)).toEqual({ problem: 'Pick a day in the future.' });
    expect(dateExpiry('2028-01-01', NOW)).toEqual({ problem: 'A link can live at most a year.' });
    expect(dateExpiry('2026-02-31', NOW)).toEqual({ problem: 'That is not a date.' });
    expect(dateExpiry('', NOW)).toEqual({ problem: 'Pick the day the link should stop working.' });
  });

  it('writes a local day as yyyy-mm-dd', () => {
    expect(isoDay(new Date(2026, 0, 5))).toBe('2026-01-05');
  });

  it('tells revoked, expired and live links apart', () => {
    const later = '2026-12-10T00:00:00Z';
    expect(
      shareState({ active: false, revokedAt: '2026-12-01T00:00:00Z', expiresAt: later }, NOW),
    ).toBe('revoked');
    expect(
      shareState({ active: false, revokedAt: null, expiresAt: '2026-12-01T00:00:00Z' }, NOW),
    ).toBe('expired');
    expect(shareState({ active: true, revokedAt: null, expiresAt: later }, NOW)).toBe('live');
  });
});
