/** A sparse vector: term → weight. */
export type SparseVector = Map<string, number>;

export interface TfIdfOptions {
  /** Add word bigrams ("free trial") to the unigrams (default false). */
  bigrams?: boolean;
  /** Terms seen in fewer documents are dropped (default 1). */
  minDf?: number;
  /** Use 1 + log(tf) instead of raw counts (default true). */
  sublinearTf?: boolean;
}

/** Unigrams, plus adjacent-pair bigrams ("a b") when asked. */
export function termsOf(tokens: readonly string[], bigrams: boolean): string[] {
  if (!bigrams || tokens.length < 2) return [...tokens];
  const out = [...tokens];
  for (let i = 0; i + 1 < tokens.length; i++) out.push(`${tokens[i]} ${tokens[i + 1]}`);
  return out;
}

/**
 * TF-IDF weighting fitted on a corpus of tokenised documents, with smoothed idf
 * (ln((1 + N) / (1 + df)) + 1, as scikit-learn) and L2-normalised vectors.
 */
export class TfIdfModel {
  readonly idf = new Map<string, number>();
  readonly documentCount: number;
  private readonly bigrams: boolean;
  private readonly sublinear: boolean;
  /** idf of a term never seen in the corpus. */
  readonly unseenIdf: number;

  constructor(documents: readonly (readonly string[])[], options: TfIdfOptions = {}) {
    this.bigrams = options.bigrams ?? false;
    this.sublinear = options.sublinearTf ?? true;
    const minDf = options.minDf ?? 1;
    const df = new Map<string, number>();
    for (const doc of documents) {
      for (const term of new Set(termsOf(doc, this.bigrams))) df.set(term, (df.get(term) ?? 0) + 1);
    }
    this.documentCount = documents.length;
    const n = documents.length;
    for (const [term, count] of df) {
      if (count >= minDf) this.idf.set(term, Math.log((1 + n) / (1 + count)) + 1);
    }
    this.unseenIdf = Math.log(1 + n) + 1;
  }

  /**
   * The L2-normalised TF-IDF vector of a tokenised document. Terms outside the fitted vocabulary
   * are dropped unless `keepUnseen` (then they get the idf of a term seen nowhere).
   */
  vector(tokens: readonly string[], keepUnseen = false): SparseVector {
    const tf = new Map<string, number>();
    for (const term of termsOf(tokens, this.bigrams)) tf.set(term, (tf.get(term) ?? 0) + 1);
    const v: SparseVector = new Map();
    for (const [term, count] of tf) {
      const idf = this.idf.get(term) ?? (keepUnseen ? this.unseenIdf : undefined);
      if (idf === undefined) continue;
      v.set(term, (this.sublinear ? 1 + Math.log(count) : count) * idf);
    }
    return normalize(v);
  }
}

/** Scales `v` to unit length in place and returns it (an empty vector stays empty). */
export function normalize(v: SparseVector): SparseVector {
  let sum = 0;
  for (const w of v.values()) sum += w * w;
  if (sum === 0) return v;
  const norm = Math.sqrt(sum);
  for (const [k, w] of v) v.set(k, w / norm);
  return v;
}

/** Dot product of two sparse vectors. */
export function dot(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [k, w] of small) {
    const x = large.get(k);
    if (x !== undefined) s += w * x;
  }
  return s;
}

/** Cosine similarity in [-1, 1] (0 when either vector is empty). */
export function cosine(a: SparseVector, b: SparseVector): number {
  let na = 0;
  let nb = 0;
  for (const w of a.values()) na += w * w;
  for (const w of b.values()) nb += w * w;
  if (na === 0 || nb === 0) return 0;
  return dot(a, b) / Math.sqrt(na * nb);
}

/** Adds `scale * v` into `acc` in place. */
export function addInto(acc: SparseVector, v: SparseVector, scale = 1): SparseVector {
  for (const [k, w] of v) acc.set(k, (acc.get(k) ?? 0) + scale * w);
  return acc;
}

/** The normalised mean of vectors (their centroid direction). */
export function centroid(vectors: readonly SparseVector[]): SparseVector {
  const acc: SparseVector = new Map();
  for (const v of vectors) addInto(acc, v);
  return normalize(acc);
}
