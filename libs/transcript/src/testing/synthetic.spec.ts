import { parseTranscriptText } from '../lib/parse-transcript';
import { makeSyntheticTranscript } from './synthetic';

describe('makeSyntheticTranscript', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = makeSyntheticTranscript({ format: 'WEBVTT', minutes: 5, seed: 7 });
    expect(makeSyntheticTranscript({ format: 'WEBVTT', minutes: 5, seed: 7 })).toBe(a);
    expect(makeSyntheticTranscript({ format: 'WEBVTT', minutes: 5, seed: 8 })).not.toBe(a);
  });

  it('writes about 4,000 cues and 1,800 turns for a 3-hour WebVTT interview', () => {
    const text = makeSyntheticTranscript({ format: 'WEBVTT', minutes: 180 });
    const cues = text.split('-->').length - 1;
    expect(cues).toBeGreaterThan(3500);
    expect(cues).toBeLessThan(4500);
    const parsed = parseTranscriptText(text);
    expect(parsed.turns).toHaveLength(1800);
    expect((parsed.durationMs ?? 0) / 3_600_000).toBeGreaterThan(2.7);
    expect((parsed.durationMs ?? 0) / 3_600_000).toBeLessThan(3.3);
  });

  it.each(['WEBVTT', 'SRT', 'TEXT', 'STT_JSON'] as const)(
    'writes %s that parses back to the same turns',
    (format) => {
      const parsed = parseTranscriptText(
        makeSyntheticTranscript({ format, minutes: 6, speakers: 3, seed: 3 }),
      );
      expect(parsed.format).toBe(format);
      expect(parsed.turns).toHaveLength(60);
      expect(new Set(parsed.turns.map((t) => t.speaker)).size).toBe(3);
      expect(parsed.warnings).toEqual([]);
    },
  );

  it('gives the same turn texts in every format', () => {
    const formats = ['WEBVTT', 'SRT', 'TEXT', 'STT_JSON'] as const;
    const texts = formats.map((format) =>
      parseTranscriptText(makeSyntheticTranscript({ format, minutes: 3 })).turns.map((t) => t.text),
    );
    for (const other of texts.slice(1)) expect(other).toEqual(texts[0]);
  });

  it('varies sentence lengths and uses two speakers by default', () => {
    const parsed = parseTranscriptText(makeSyntheticTranscript({ format: 'TEXT', minutes: 30 }));
    expect(new Set(parsed.turns.map((t) => t.speaker)).size).toBe(2);
    const lengths = parsed.turns.map((t) => t.text.length);
    expect(Math.max(...lengths)).toBeGreaterThan(4 * Math.min(...lengths));
  });
});
