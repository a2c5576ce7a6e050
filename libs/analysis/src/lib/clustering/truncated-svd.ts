import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { seededRandom } from '../offline/random';

/**
 * A sparse matrix in compressed sparse row form: row i's entries are `values[k]` in columns
 * `columns[k]` for k from `rowStart[i]` to `rowStart[i + 1]`.
 */
export interface SparseRows {
  rows: number;
  cols: number;
  rowStart: Int32Array;
  columns: Int32Array;
  values: Float64Array;
}

/** The first singular values of a matrix and its rows projected on their directions. */
export interface TruncatedSvd {
  /** Singular values, largest first. */
  values: number[];
  /** Row i's coordinates, U·Σ: `scores[i * rank + j]` is u_ij·σ_j. */
  scores: Float64Array;
  rank: number;
}

export interface TruncatedSvdOptions {
  /**
   * Extra directions sampled beyond `rank`; default 20 (Halko et al. suggest 5–10 for spectra
   * that fall fast; text's fall slowly). On 1,000 synthetic highlights the cosines of LSA
   * vectors were on average within 0.007 of the exact decomposition's with 20 and 4 iterations,
   * 0.001 with 7 iterations, 0.03 with 10 and 4; the themes found were the same with 4 or 7.
   */
  oversamples?: number;
  /** Subspace (power) iterations; default 4 (scikit-learn's `randomized_svd` default). */
  powerIterations?: number;
  /** Seed of the random test matrix: the same matrix and seed give the same result. */
  seed?: number;
}

/**
 * The `rank` leading singular values and left singular vectors (scaled by their values) of a
 * sparse matrix by the randomised range finder with subspace iteration (Halko, Martinsson &
 * Tropp 2011, algorithms 4.4 and 5.1, as scikit-learn's `randomized_svd`): the range of X is
 * sampled by X·Ω for a Gaussian Ω of rank + oversamples columns, sharpened by alternating
 * products with Xᵀ and X (each with X followed by an orthonormalisation), and the small matrix
 * QᵀX is decomposed exactly (ml-matrix). Costs O(nnz·l·q + (rows + cols)·l²) for l = rank +
 * oversamples instead of a dense decomposition's O(rows·cols·min(rows, cols)). Deterministic for
 * a given seed.
 */
export function truncatedSvd(
  x: SparseRows,
  rank: number,
  options: TruncatedSvdOptions = {},
): TruncatedSvd {
  const l = Math.min(rank + (options.oversamples ?? 20), x.rows, x.cols);
  const k = Math.min(rank, l);
  const random = gaussian(options.seed ?? 1);
  const omega = new Float64Array(x.cols * l);
  for (let i = 0; i < omega.length; i++) omega[i] = random();
  // Between products an orthonormalisation only keeps the columns from all turning towards the
  // first singular vector: one Gram–Schmidt pass of the shorter of the two bases (the documents'
  // or the terms') per iteration does, since one product of an orthonormal basis with X or Xᵀ
  // raises the condition number at most by σ₁/σ_l, far from what double precision can hold. The
  // basis kept at the end gets two passes.
  const iterations = options.powerIterations ?? 4;
  const termsShorter = x.cols < x.rows;
  let q = multiply(x, omega, l);
  orthonormalizeColumns(q, x.rows, l, iterations === 0 ? 2 : 1);
  for (let it = 0; it < iterations; it++) {
    const z = multiplyTransposed(x, q, l);
    if (termsShorter) orthonormalizeColumns(z, x.cols, l, 1);
    q = multiply(x, z, l);
    const last = it === iterations - 1;
    if (last || !termsShorter) orthonormalizeColumns(q, x.rows, l, last ? 2 : 1);
  }
  // B = QᵀX (l × cols): its left singular vectors W and values S are the eigenvectors and the
  // square roots of the eigenvalues of the small l × l matrix B·Bᵀ (ml-matrix), much cheaper than
  // decomposing B; squaring costs precision only in values far below the largest, which LSA drops.
  const bt = multiplyTransposed(x, q, l);
  const gram = new Matrix(l, l);
  for (let a = 0; a < l; a++)
    for (let b = a; b < l; b++) {
      let s = 0;
      for (let r = 0; r < x.cols; r++) s += bt[r * l + a]! * bt[r * l + b]!;
      gram.set(a, b, s);
      gram.set(b, a, s);
    }
  const eigen = new EigenvalueDecomposition(gram, { assumeSymmetric: true });
  const order = eigen.realEigenvalues
    .map((value, index) => ({ value, index }))
    .sort((a, b) => b.value - a.value || a.index - b.index);
  const values = order.slice(0, k).map((e) => Math.sqrt(Math.max(0, e.value)));
  // U·Σ = Q·W·Σ, W's first k columns.
  const vectors = eigen.eigenvectorMatrix;
  const w = new Float64Array(l * k);
  for (let t = 0; t < l; t++)
    for (let j = 0; j < k; j++) w[t * k + j] = vectors.get(t, order[j]!.index) * values[j]!;
  const scores = new Float64Array(x.rows * k);
  for (let i = 0; i < x.rows; i++) {
    for (let t = 0; t < l; t++) {
      const v = q[i * l + t]!;
      if (v === 0) continue;
      for (let j = 0; j < k; j++) scores[i * k + j]! += v * w[t * k + j]!;
    }
  }
  return { values, scores, rank: k };
}

/** X·D for a dense D of `width` columns (row-major, x.cols × width): row-major x.rows × width. */
function multiply(x: SparseRows, d: Float64Array, width: number): Float64Array {
  const out = new Float64Array(x.rows * width);
  for (let i = 0; i < x.rows; i++) {
    const o = i * width;
    for (let p = x.rowStart[i]!; p < x.rowStart[i + 1]!; p++) {
      const v = x.values[p]!;
      const r = x.columns[p]! * width;
      for (let t = 0; t < width; t++) out[o + t]! += v * d[r + t]!;
    }
  }
  return out;
}

/** Xᵀ·D for a dense D of `width` columns (row-major, x.rows × width): row-major x.cols × width. */
function multiplyTransposed(x: SparseRows, d: Float64Array, width: number): Float64Array {
  const out = new Float64Array(x.cols * width);
  for (let i = 0; i < x.rows; i++) {
    const r = i * width;
    for (let p = x.rowStart[i]!; p < x.rowStart[i + 1]!; p++) {
      const v = x.values[p]!;
      const o = x.columns[p]! * width;
      for (let t = 0; t < width; t++) out[o + t]! += v * d[r + t]!;
    }
  }
  return out;
}

/**
 * Orthonormalises the columns of a row-major rows × cols matrix in place by modified
 * Gram–Schmidt; with two passes each column is projected out twice ("twice is enough", Giraud
 * et al. 2005) so the result stays orthogonal to working precision. A column that depends on
 * the ones before it becomes zero.
 */
export function orthonormalizeColumns(
  a: Float64Array,
  rows: number,
  cols: number,
  passes = 2,
): void {
  // Work on columns laid out contiguously.
  const c = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) c[j * rows + i] = a[i * cols + j]!;
  for (let j = 0; j < cols; j++) {
    const cj = j * rows;
    let before = 0;
    for (let i = 0; i < rows; i++) before += c[cj + i]! * c[cj + i]!;
    for (let pass = 0; pass < passes; pass++) {
      for (let p = 0; p < j; p++) {
        const cp = p * rows;
        let r = 0;
        for (let i = 0; i < rows; i++) r += c[cp + i]! * c[cj + i]!;
        if (r !== 0) for (let i = 0; i < rows; i++) c[cj + i]! -= r * c[cp + i]!;
      }
    }
    let norm = 0;
    for (let i = 0; i < rows; i++) norm += c[cj + i]! * c[cj + i]!;
    // What is left of a column in the span of the others is rounding noise: drop it.
    if (norm === 0 || norm <= 1e-20 * before) {
      c.fill(0, cj, cj + rows);
      continue;
    }
    const inv = 1 / Math.sqrt(norm);
    for (let i = 0; i < rows; i++) c[cj + i]! *= inv;
  }
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) a[i * cols + j] = c[j * rows + i]!;
}

/** Standard normal numbers (Box–Muller) from a seeded uniform generator. */
function gaussian(seed: number): () => number {
  const uniform = seededRandom(seed);
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const u = 1 - uniform(); // (0, 1]: log(u) is finite
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}
