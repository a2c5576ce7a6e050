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
  // The examples' terms as indices into one array of weights (in order of first appearance),
  // read once: the epochs then do arithmetic on arrays instead of looking terms up in maps.
  const index = new Map<string, number>();
  const terms: string[] = [];
  const rows = examples.map((e) => {
    const at = new Int32Array(e.vec.size);
    const x = new Float64Array(e.vec.size);
    let j = 0;
    for (const [k, v] of e.vec) {
      let i = index.get(k);
      if (i === undefined) {
        i = terms.length;
        index.set(k, i);
        terms.push(k);
      }
      at[j] = i;
      x[j++] = v;
    }
    return { at, x, y: e.positive ? 1 : 0, weight: e.weight };
  });
  const w = new Float64Array(terms.length);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const rate = 1 / (1 + epoch * 0.1);
    for (const { at, x, y, weight } of rows) {
      let z = bias;
      for (let j = 0; j < at.length; j++) z += (w[at[j] as number] as number) * (x[j] as number);
      const g = (sigmoid(z) - y) * weight * (y ? posBoost : 1) * rate;
      bias -= g * 0.1;
      for (let j = 0; j < at.length; j++) {
        const i = at[j] as number;
        w[i] = (w[i] as number) - g * (x[j] as number);
      }
    }
    const shrink = 1 - rate * options.l2;
    if (shrink > 0) for (let i = 0; i < w.length; i++) w[i] = (w[i] as number) * shrink;
  }
  terms.forEach((k, i) => weights.set(k, w[i] as number));
  return { weights, bias };
}
