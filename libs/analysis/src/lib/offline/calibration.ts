import { sigmoid } from './logistic';

/** One held-out score of a tag: its raw confidence and whether people gave the tag. */
export interface HeldOutScore {
  p: number;
  y: boolean;
}

/** Platt scaling of one tag's scores: calibrated = σ(a · logit(raw) + b). */
export interface PlattScaling {
  a: number;
  b: number;
}

/** Raw scores are clamped this far from 0 and 1 before their logit is taken. */
const EDGE = 1e-4;

const logit = (p: number): number => {
  const q = Math.min(1 - EDGE, Math.max(EDGE, p));
  return Math.log(q / (1 - q));
};

/**
 * Fits Platt scaling to held-out scores (Platt 1999, with the Newton iteration of Lin, Lin and Weng
 * 2007): a one-feature logistic regression on the logit of the score, with targets pulled off 0
 * and 1 ((n₊ + 1) / (n₊ + 2) and 1 / (n₋ + 2)) so that few positives do not make it certain.
 * Null with fewer than `minPositives` positives, none negative, or when higher scores do not
 * mean likelier labels. Deterministic.
 */
export function fitPlatt(scores: readonly HeldOutScore[], minPositives = 2): PlattScaling | null {
  const positives = scores.filter((s) => s.y).length;
  const negatives = scores.length - positives;
  if (positives < minPositives || negatives === 0) return null;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  const xs = scores.map((s) => logit(s.p));
  const ts = scores.map((s) => (s.y ? hi : lo));
  let a = 1;
  let b = Math.log((positives + 1) / (negatives + 1));
  const loss = (a1: number, b1: number): number =>
    xs.reduce((sum, x, i) => {
      const z = a1 * x + b1;
      const t = ts[i] as number;
      // −[t·log σ(z) + (1 − t)·log(1 − σ(z))], written to stay finite for large |z|
      return (
        sum + (z >= 0 ? (1 - t) * z + Math.log1p(Math.exp(-z)) : -t * z + Math.log1p(Math.exp(z)))
      );
    }, 0);
  let current = loss(a, b);
  for (let iteration = 0; iteration < 100; iteration++) {
    let gA = 0;
    let gB = 0;
    let hAA = 1e-12;
    let hBB = 1e-12;
    let hAB = 0;
    xs.forEach((x, i) => {
      const q = sigmoid(a * x + b);
      const d = q - (ts[i] as number);
      const w = q * (1 - q);
      gA += d * x;
      gB += d;
      hAA += w * x * x;
      hBB += w;
      hAB += w * x;
    });
    if (Math.abs(gA) < 1e-6 && Math.abs(gB) < 1e-6) break;
    const det = hAA * hBB - hAB * hAB;
    if (!(det > 0)) break;
    const dA = -(hBB * gA - hAB * gB) / det;
    const dB = -(-hAB * gA + hAA * gB) / det;
    let step = 1;
    while (step > 1e-8) {
      const next = loss(a + step * dA, b + step * dB);
      if (next < current + 1e-4 * step * (gA * dA + gB * dB)) {
        a += step * dA;
        b += step * dB;
        current = next;
        break;
      }
      step /= 2;
    }
    if (step <= 1e-8) break;
  }
  // Scores that do not rise with people's labels calibrate to nothing.
  return a > 0 ? { a, b } : null;
}

/** A raw score through the tag's Platt scaling. */
export const calibrated = (scaling: PlattScaling, p: number): number =>
  sigmoid(scaling.a * logit(p) + scaling.b);

/** The raw score whose calibrated confidence is `q` (the inverse of `calibrated`). */
export const rawScoreFor = (scaling: PlattScaling, q: number): number =>
  sigmoid((logit(q) - scaling.b) / scaling.a);
