// The tagger's per-tag logistic regression fitted by ml-logistic-regression (mljs) instead.
import LogisticRegression from 'ml-logistic-regression';
import { Matrix } from 'ml-matrix';
import * as logistic from '../../src/lib/offline/logistic';
import type { SparseVector } from '../../src/lib/text';
import { swapExport } from './swap';

/** Full-batch gradient steps and their size (chosen on the development fold 0). */
const STEPS = Number(process.env['LR_STEPS'] ?? 300);
const RATE = Number(process.env['LR_RATE'] ?? 0.05);

function fitWithLibrary(examples: readonly logistic.TrainingExample[]): {
  weights: SparseVector;
  bias: number;
} {
  if (!examples.some((e) => e.positive)) return { weights: new Map(), bias: -10 };
  // Dense features over the words the examples use, and a constant column for the bias (the
  // library fits none); example weights cannot be given.
  const terms = [...new Set(examples.flatMap((e) => [...e.vec.keys()]))];
  const column = new Map(terms.map((t, i) => [t, i]));
  const X = new Matrix(examples.length, terms.length + 1);
  examples.forEach((e, r) => {
    for (const [t, w] of e.vec) X.set(r, column.get(t) as number, w);
    X.set(r, terms.length, 1);
  });
  const y = Matrix.columnVector(examples.map((e) => (e.positive ? 1 : 0)));
  const model = new LogisticRegression({ numSteps: STEPS, learningRate: RATE });
  model.train(X, y);
  // Classifier 0 is "not class 0" against class 0: the probability of a positive.
  const w = (model.classifiers[0] as { weights: Matrix }).weights.to1DArray();
  const weights: SparseVector = new Map();
  terms.forEach((t, i) => {
    const weight = w[i];
    if (weight) weights.set(t, weight);
  });
  return { weights, bias: w[terms.length] ?? 0 };
}

swapExport(logistic as never, 'fitLogistic', 'logistic-regression', fitWithLibrary);
