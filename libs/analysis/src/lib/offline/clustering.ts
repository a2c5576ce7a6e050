import { dot, normalize, type SparseVector } from '../text';
import { seededRandom } from './random';

/**
 * Spherical k-means over unit-length sparse vectors (cosine similarity; centroids normalised),
 * seeded by k-means++ from a fixed seed: the same input gives the same clusters. Hand-written:
 * ml-kmeans needs dense vectors (memory grows with passages × vocabulary) and was slower and no
 * closer to people's codes, ml-hclust keeps a distance matrix of every pair of passages (see the
 * README's comparison, libs/analysis/eval/compare-libraries.ts).
 */
export function kMeans(
  points: readonly SparseVector[],
  k: number,
  seed: number,
): { assign: number[]; centroids: SparseVector[] } {
  const rnd = seededRandom(seed);
  // k-means++ seeding.
  const centroids: SparseVector[] = [new Map(points[Math.floor(rnd() * points.length)])];
  const nearest = points.map((p) => 1 - dot(p, centroids[0] as SparseVector));
  while (centroids.length < k) {
    const total = nearest.reduce((a, b) => a + Math.max(0, b) ** 2, 0);
    let r = rnd() * total;
    let pick = 0;
    for (let i = 0; i < points.length; i++) {
      r -= Math.max(0, nearest[i] as number) ** 2;
      if (r <= 0) {
        pick = i;
        break;
      }
    }
    const c = new Map(points[pick] as SparseVector);
    centroids.push(c);
    points.forEach((p, i) => (nearest[i] = Math.min(nearest[i] as number, 1 - dot(p, c))));
  }
  let assign = points.map(() => -1);
  for (let iter = 0; iter < 30; iter++) {
    const next = points.map((p) => {
      let bestC = 0;
      let bestS = -Infinity;
      centroids.forEach((c, j) => {
        const s = dot(p, c);
        if (s > bestS) {
          bestS = s;
          bestC = j;
        }
      });
      return bestC;
    });
    const changed = next.some((a, i) => a !== assign[i]);
    assign = next;
    for (let j = 0; j < k; j++) {
      const acc: SparseVector = new Map();
      points.forEach((p, i) => {
        if (assign[i] === j) for (const [t, w] of p) acc.set(t, (acc.get(t) ?? 0) + w);
      });
      if (acc.size > 0) centroids[j] = normalize(acc);
    }
    if (!changed) break;
  }
  return { assign, centroids };
}

/**
 * Mean silhouette (cosine distance) over an even sample of at most 600 points. Hand-written: no
 * maintained library computes it.
 */
export function silhouette(points: readonly SparseVector[], assign: number[], k: number): number {
  const step = Math.max(1, Math.floor(points.length / 600));
  const sample: number[] = [];
  for (let i = 0; i < points.length; i += step) sample.push(i);
  let total = 0;
  for (const i of sample) {
    const sums = new Array<number>(k).fill(0);
    const counts = new Array<number>(k).fill(0);
    for (const j of sample) {
      if (i === j) continue;
      const c = assign[j] as number;
      // Vectors are unit length: the dot product is the cosine.
      sums[c] = (sums[c] as number) + 1 - dot(points[i] as SparseVector, points[j] as SparseVector);
      counts[c] = (counts[c] as number) + 1;
    }
    const own = assign[i] as number;
    if (!counts[own]) continue;
    const a = (sums[own] as number) / counts[own];
    let b = Infinity;
    for (let c = 0; c < k; c++)
      if (c !== own && counts[c]) b = Math.min(b, (sums[c] as number) / (counts[c] as number));
    if (Number.isFinite(b)) total += (b - a) / Math.max(a, b, 1e-9);
  }
  return total / sample.length;
}
