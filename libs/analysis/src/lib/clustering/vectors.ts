import { Matrix, SVD } from 'ml-matrix';
import { TfIdfModel } from '../text';
import { type SparseRows, truncatedSvd, type TruncatedSvd } from './truncated-svd';

export interface LsaOptions {
  /**
   * Latent dimensions kept (default: the square root of the number of documents, between 2 and
   * 100; never more than the documents less one). Short texts share few words: few dimensions
   * merge near-synonymous vocabularies, many keep each text's own words and split every topic.
   */
  dimensions?: number;
  /** Most terms kept, the ones in most documents (default 3,000): bounds the SVD's work. */
  maxTerms?: number;
  /** Largest documents × terms decomposed exactly (default EXACT_SVD_MAX_CELLS). */
  exactSvdMaxCells?: number;
}

/**
 * Latent semantic analysis: TF-IDF vectors of the documents (stemmed words and word pairs,
 * sublinear tf, terms of one document only dropped when there are enough documents), reduced by
 * a truncated singular value decomposition to their main directions, scaled by the singular
 * values and L2-normalised: exact (ml-matrix) for small matrices, randomised with a fixed seed on
 * the sparse matrix for large ones (see truncatedSvd), so 5,000 texts take well under a second. Documents that share no word but share neighbours end up
 * close; the noise of rare words goes. A document with no term gets a zero vector.
 */
export function lsaVectors(
  documents: readonly (readonly string[])[],
  options: LsaOptions = {},
): number[][] {
  const n = documents.length;
  if (n === 0) return [];
  const model = new TfIdfModel(documents, { bigrams: true, minDf: n >= 12 ? 2 : 1 });
  const maxTerms = options.maxTerms ?? 3_000;
  const df = new Map<string, number>();
  const sparse = documents.map((doc) => model.vector(doc));
  for (const v of sparse) for (const term of v.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const vocabulary = [...df.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxTerms)
    .map(([term]) => term);
  if (vocabulary.length === 0) return documents.map(() => []);
  const column = new Map(vocabulary.map((term, j) => [term, j]));
  const wanted = options.dimensions ?? Math.max(2, Math.min(100, Math.round(Math.sqrt(n))));
  const m = vocabulary.length;
  const { values, scores, rank } =
    n * m <= (options.exactSvdMaxCells ?? EXACT_SVD_MAX_CELLS)
      ? exactSvd(sparse, column, n, m)
      : truncatedSvd(sparseRows(sparse, column, n, m), Math.min(wanted, n - 1 || 1), {
          seed: 1,
        });
  const nonZero = values.filter((s) => s > 1e-9).length;
  const d = Math.max(1, Math.min(wanted, Math.max(1, n - 1), nonZero, rank));
  return documents.map((_, i) => {
    const row = new Array<number>(d);
    let norm = 0;
    for (let j = 0; j < d; j++) {
      const w = scores[i * rank + j]!;
      row[j] = w;
      norm += w * w;
    }
    if (norm === 0) return row.fill(0);
    norm = Math.sqrt(norm);
    return row.map((w) => w / norm);
  });
}

/**
 * Below this many cells (documents × terms) the TF-IDF matrix is decomposed exactly (dense
 * ml-matrix SVD, cheap at that size); above, by the randomised truncated SVD on the sparse
 * matrix. The same split as scikit-learn's PCA with svd_solver 'auto'.
 */
export const EXACT_SVD_MAX_CELLS = 250_000;

/** Every singular value, with U·Σ row-major (rank = min(n, m)). */
function exactSvd(
  sparse: readonly ReadonlyMap<string, number>[],
  column: ReadonlyMap<string, number>,
  n: number,
  m: number,
): TruncatedSvd {
  const x = Matrix.zeros(n, m);
  sparse.forEach((v, i) => {
    for (const [term, w] of v) {
      const j = column.get(term);
      if (j !== undefined) x.set(i, j, w);
    }
  });
  const svd = new SVD(x, {
    computeLeftSingularVectors: true,
    computeRightSingularVectors: false,
    autoTranspose: true,
  });
  const values = svd.diagonal;
  const u = svd.leftSingularVectors;
  const rank = Math.min(values.length, u.columns);
  const scores = new Float64Array(n * rank);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < rank; j++) scores[i * rank + j] = u.get(i, j) * (values[j] ?? 0);
  return { values: values.slice(0, rank), scores, rank };
}

/** The TF-IDF vectors as a sparse row matrix over the kept vocabulary (columns in order). */
function sparseRows(
  sparse: readonly ReadonlyMap<string, number>[],
  column: ReadonlyMap<string, number>,
  n: number,
  m: number,
): SparseRows {
  const rowStart = new Int32Array(n + 1);
  const entries: { j: number; w: number }[][] = sparse.map((v) => {
    const row: { j: number; w: number }[] = [];
    for (const [term, w] of v) {
      const j = column.get(term);
      if (j !== undefined) row.push({ j, w });
    }
    return row.sort((a, b) => a.j - b.j);
  });
  entries.forEach((row, i) => (rowStart[i + 1] = rowStart[i]! + row.length));
  const columns = new Int32Array(rowStart[n]!);
  const values = new Float64Array(rowStart[n]!);
  entries.forEach((row, i) =>
    row.forEach((e, p) => {
      columns[rowStart[i]! + p] = e.j;
      values[rowStart[i]! + p] = e.w;
    }),
  );
  return { rows: n, cols: m, rowStart, columns, values };
}

/** Cosine similarity of two L2-normalised dense vectors (0 when either is zero). */
export function cosineOfUnit(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
}
