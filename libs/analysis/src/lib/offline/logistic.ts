import type { SparseVector } from '../text';

/** One training example of a binary logistic regression over sparse vectors. */
export interface TrainingExample {
  vec: SparseVector;
  positive: boolean;
  /** How much the example counts (background sentences count less than people's examples). */
  weight: number;
}

export interface LogisticOptions {
  /** Passes over the examples. */
  epochs: number;
  /** Weight decay per epoch. */
  l2: number;
  /** Positive examples weigh up to this much more (class balance; 1 = not at all). */
  positiveWeight: number;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-Math.max(-30, Math.min(30, z))));

/**
 * Binary logistic regression by stochastic gradient descent over sparse vectors, in the order
 * given (the caller shuffles, from a fixed seed), with per-example weights, a learning rate that
 * decays per epoch and weight decay. The bias starts at the prior log-odds, so the weights learn
 * only what the words add. With no positive example the model says no (bias −10).
 *
 * Hand-written on purpose: ml-logistic-regression fits dense matrices by full-batch gradient
 * descent, without example weights or a bias, and was about 130 times slower on the evaluation
 * for no better agreement (the README's comparison, libs/analysis/eval/compare-libraries.ts).
 */
export function fitLogistic(
  examples: readonly TrainingExample[],
  options: LogisticOptions,
): { weights: SparseVector; bias: number } {
  const weights: SparseVector = new Map();
  let posWeight = 0;
  let totalWeight = 0;
  for (const e of examples) {
    totalWeight += e.weight;
    if (e.positive) posWeight += e.weight;
  }
  if (posWeight === 0 || totalWeight === 0) return { weights, bias: -10 };
  // Class balance: positives weigh up to `positiveWeight` times more, never past the negatives' total.
  const posBoost = Math.max(
    1,
    Math.min(options.positiveWeight, (totalWeight - posWeight) / posWeight),
  );
  const prior = Math.min(0.99, Math.max(0.01, posWeight / totalWeight));
  let bias = Math.log(prior / (1 - prior));
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const rate = 1 / (1 + epoch * 0.1);
    for (const e of examples) {
      const y = e.positive ? 1 : 0;
      let z = bias;
      for (const [k, x] of e.vec) z += (weights.get(k) ?? 0) * x;
      const g = (sigmoid(z) - y) * e.weight * (y ? posBoost : 1) * rate;
      bias -= g * 0.1;
      for (const [k, x] of e.vec) weights.set(k, (weights.get(k) ?? 0) - g * x);
    }
    const shrink = 1 - rate * options.l2;
    if (shrink > 0) for (const [k, w] of weights) weights.set(k, w * shrink);
  }
  return { weights, bias };
}
