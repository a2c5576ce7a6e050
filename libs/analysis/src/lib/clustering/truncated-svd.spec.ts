import { Matrix, SVD } from 'ml-matrix';
import { seededRandom } from '../offline/random';
import { orthonormalizeColumns, type SparseRows, truncatedSvd } from './truncated-svd';
import { tokenize } from '../text';
import { syntheticHighlights } from './synthetic-highlights';
import { lsaVectors } from './vectors';

/** A sparse matrix with a few strong directions and noise, like TF-IDF of texts on topics. */
function sparseMatrix(
  rows: number,
  cols: number,
  seed: number,
): { x: SparseRows; dense: number[][] } {
  const rnd = seededRandom(seed);
  const dense = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => {
      const topic = j % 6 === i % 6 ? 1 : 0;
      return rnd() < 0.08 + 0.25 * topic ? rnd() * (1 + 2 * topic) : 0;
    }),
  );
  const rowStart = new Int32Array(rows + 1);
  const columns: number[] = [];
  const values: number[] = [];
  dense.forEach((row, i) => {
    row.forEach((w, j) => {
      if (w !== 0) {
        columns.push(j);
        values.push(w);
      }
    });
    rowStart[i + 1] = columns.length;
  });
  return {
    x: {
      rows,
      cols,
      rowStart,
      columns: Int32Array.from(columns),
      values: Float64Array.from(values),
    },
    dense,
  };
}

describe('truncatedSvd', () => {
  const { x, dense } = sparseMatrix(120, 80, 1);
  const exact = new SVD(new Matrix(dense), { autoTranspose: true });

  it('finds the leading singular values of the exact decomposition', () => {
    const { values } = truncatedSvd(x, 8);
    values.forEach((s, j) => expect(Math.abs(s / exact.diagonal[j]! - 1)).toBeLessThan(1e-4));
    // More subspace iterations converge on them.
    const closer = truncatedSvd(x, 8, { powerIterations: 12 }).values;
    closer.forEach((s, j) => expect(Math.abs(s / exact.diagonal[j]! - 1)).toBeLessThan(1e-9));
  });

  it('gives the rows’ coordinates U·Σ of the exact decomposition, up to the sign of each direction', () => {
    const { scores, rank } = truncatedSvd(x, 6);
    const u = exact.leftSingularVectors;
    for (let j = 0; j < rank; j++) {
      const sign = Math.sign(scores[j]!) === Math.sign(u.get(0, j)) ? 1 : -1;
      let error = 0;
      let norm = 0;
      for (let i = 0; i < x.rows; i++) {
        const expected = sign * u.get(i, j) * exact.diagonal[j]!;
        error += (scores[i * rank + j]! - expected) ** 2;
        norm += expected ** 2;
      }
      expect(Math.sqrt(error / norm)).toBeLessThan(1e-2);
    }
  });

  it('is deterministic for a seed', () => {
    expect(truncatedSvd(x, 5, { seed: 3 })).toEqual(truncatedSvd(x, 5, { seed: 3 }));
  });
});

describe('orthonormalizeColumns', () => {
  it('gives orthonormal columns spanning the same space, and zero for a dependent column', () => {
    const rnd = seededRandom(2);
    const rows = 50;
    const cols = 4;
    const a = new Float64Array(rows * cols).map(() => rnd() - 0.5);
    for (let i = 0; i < rows; i++) a[i * cols + 3] = 2 * a[i * cols]! - a[i * cols + 1]!;
    const original = Float64Array.from(a);
    orthonormalizeColumns(a, rows, cols);
    const dot = (m: Float64Array, p: number, q: number) => {
      let s = 0;
      for (let i = 0; i < rows; i++) s += m[i * cols + p]! * m[i * cols + q]!;
      return s;
    };
    for (let p = 0; p < 3; p++)
      for (let q = 0; q < 3; q++) expect(dot(a, p, q)).toBeCloseTo(p === q ? 1 : 0, 12);
    for (let i = 0; i < rows; i++) expect(a[i * cols + 3]).toBe(0);
    // The first column keeps its direction.
    const norm = Math.sqrt(dot(original, 0, 0));
    for (let i = 0; i < rows; i++) expect(a[i * cols]).toBeCloseTo(original[i * cols]! / norm, 12);
  });
});

describe('lsaVectors on a large matrix (randomised decomposition)', () => {
  it('places highlights as the exact decomposition does', () => {
    const documents = syntheticHighlights(400, { noisy: true, seed: 5 }).map((h) =>
      tokenize(h.text),
    );
    const fast = lsaVectors(documents, { exactSvdMaxCells: 0 });
    const exact = lsaVectors(documents, { exactSvdMaxCells: Infinity });
    // Cosines of pairs of texts, compared: directions whose singular values nearly tie at the
    // cut-off are ill-determined for any method, so single pairs may differ; on average they agree.
    let difference = 0;
    let pairs = 0;
    for (let i = 0; i < documents.length; i += 3)
      for (let j = i + 1; j < documents.length; j += 7) {
        let a = 0;
        let b = 0;
        for (let t = 0; t < fast[i]!.length; t++) {
          a += fast[i]![t]! * fast[j]![t]!;
          b += exact[i]![t]! * exact[j]![t]!;
        }
        difference += Math.abs(a - b);
        pairs++;
      }
    console.log(`mean difference ${(difference / pairs).toFixed(4)}`);
    expect(difference / pairs).toBeLessThan(0.02);
  });
});
