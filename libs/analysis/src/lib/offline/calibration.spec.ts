import { calibrated, fitPlatt, rawScoreFor, type HeldOutScore } from './calibration';

/** Scores where a higher score means a likelier label: about `p` of the sentences at score p are labelled. */
function honestScores(): HeldOutScore[] {
  const out: HeldOutScore[] = [];
  for (let i = 0; i < 200; i++) {
    const p = (i % 20) / 20 + 0.025;
    out.push({ p: p * 0.5, y: (i * 7919) % 100 < p * 100 });
  }
  return out;
}

describe('fitPlatt', () => {
  it('maps scores that understate the odds onto higher, still ordered confidences', () => {
    const scaling = fitPlatt(honestScores());
    expect(scaling).not.toBeNull();
    const low = calibrated(scaling!, 0.1);
    const high = calibrated(scaling!, 0.4);
    expect(high).toBeGreaterThan(low);
    expect(high).toBeGreaterThan(0.4);
    expect(high).toBeLessThan(1);
  });

  it('finds the raw score of a calibrated confidence again', () => {
    const scaling = fitPlatt(honestScores())!;
    expect(calibrated(scaling, rawScoreFor(scaling, 0.3))).toBeCloseTo(0.3, 6);
  });

  it('calibrates nothing without enough positives, or when scores do not rise with labels', () => {
    const negatives: HeldOutScore[] = Array.from({ length: 20 }, () => ({ p: 0.1, y: false }));
    expect(fitPlatt([{ p: 0.9, y: true }, ...negatives])).toBeNull();
    const inverted = honestScores().map((s) => ({ p: 0.5 - s.p, y: s.y }));
    expect(fitPlatt(inverted)).toBeNull();
  });

  it('is deterministic', () => {
    expect(fitPlatt(honestScores())).toEqual(fitPlatt(honestScores()));
  });
});
