/** 2×2 counts for one tag over evaluation units (unit × tag presence). */
export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export const emptyCounts = (): Counts => ({ tp: 0, fp: 0, fn: 0, tn: 0 });

export function addCounts(a: Counts, b: Counts): Counts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn, tn: a.tn + b.tn };
}

export function record(c: Counts, gold: boolean, predicted: boolean): void {
  if (gold && predicted) c.tp++;
  else if (predicted) c.fp++;
  else if (gold) c.fn++;
  else c.tn++;
}

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
  kappa: number;
}

/** Precision, recall, F1 and Cohen's kappa (0/0 taken as 0; kappa 0 when chance agreement is 1). */
export function scores(c: Counts): Scores {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const n = c.tp + c.fp + c.fn + c.tn;
  let kappa = 0;
  if (n > 0) {
    const po = (c.tp + c.tn) / n;
    const goldYes = (c.tp + c.fn) / n;
    const predYes = (c.tp + c.fp) / n;
    const pe = goldYes * predYes + (1 - goldYes) * (1 - predYes);
    kappa = pe < 1 ? (po - pe) / (1 - pe) : 0;
  }
  return { precision, recall, f1, kappa };
}
