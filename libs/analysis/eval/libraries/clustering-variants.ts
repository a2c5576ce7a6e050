// The theme finder's clustering done by ml-kmeans or ml-hclust instead of the hand-written
// spherical k-means (same signature: vectors and k in, cluster per vector and centroids out).
import { agnes, type Cluster } from 'ml-hclust';
import { kmeans } from 'ml-kmeans';
import { dot, normalize, type SparseVector } from '../../src/lib/text';

type Clustering = { assign: number[]; centroids: SparseVector[] };

/** Normalised mean of each cluster's vectors. */
function centroidsOf(
  vectors: readonly SparseVector[],
  assign: number[],
  k: number,
): SparseVector[] {
  const sums = Array.from({ length: k }, (): SparseVector => new Map<string, number>());
  vectors.forEach((v, i) => {
    const acc = sums[assign[i] as number] as SparseVector;
    for (const [t, w] of v) acc.set(t, (acc.get(t) ?? 0) + w);
  });
  return sums.map((s) => normalize(s));
}

/** ml-kmeans on dense copies of the vectors, cosine distance, k-means++ from the same seed. */
export function mlKMeans(vectors: readonly SparseVector[], k: number, seed: number): Clustering {
  const terms = [...new Set(vectors.flatMap((v) => [...v.keys()]))];
  const column = new Map(terms.map((t, i) => [t, i]));
  const data = vectors.map((v) => {
    const row = new Array<number>(terms.length).fill(0);
    for (const [t, w] of v) row[column.get(t) as number] = w;
    return row;
  });
  const cosineDistance = (p: number[], q: number[]): number => {
    let pq = 0;
    let pp = 0;
    let qq = 0;
    for (let i = 0; i < p.length; i++) {
      const a = p[i] as number;
      const b = q[i] as number;
      pq += a * b;
      pp += a * a;
      qq += b * b;
    }
    return pp && qq ? 1 - pq / Math.sqrt(pp * qq) : 1;
  };
  const result = kmeans(data, k, {
    initialization: 'kmeans++',
    seed,
    maxIterations: 30,
    distanceFunction: cosineDistance,
  });
  return { assign: result.clusters, centroids: centroidsOf(vectors, result.clusters, k) };
}

/** ml-hclust: average-linkage agglomerative clustering (cosine distance), the tree cut into k. */
const trees = new WeakMap<readonly SparseVector[], Cluster>();
export function mlHclust(vectors: readonly SparseVector[], k: number): Clustering {
  let tree = trees.get(vectors);
  if (!tree) {
    tree = agnes([...vectors], {
      method: 'average',
      distanceFunction: (a: SparseVector, b: SparseVector) => 1 - dot(a, b),
    });
    trees.set(vectors, tree);
  }
  const assign = new Array<number>(vectors.length).fill(0);
  tree.group(k).children.forEach((child, c) => {
    for (const i of child.indices()) assign[i] = c;
  });
  return { assign, centroids: centroidsOf(vectors, assign, k) };
}
