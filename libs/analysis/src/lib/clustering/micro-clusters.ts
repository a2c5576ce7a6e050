// ml-kmeans has types only behind package "exports", which moduleResolution "node" does not read.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./ml-kmeans.d.ts" />
import { kmeans } from 'ml-kmeans';
import { seededRandom } from '../offline/random';

export interface MicroClusterOptions {
  /**
   * Rounds of Lloyd's algorithm at most (default 6): micro-clusters need no exact optimum; on
   * the synthetic 5,000-highlight board 5 rounds came within 0.3 % of the sum of squares
   * reached at convergence (after 11), and 5 or 10 rounds found the same themes.
   */
  maxIterations?: number;
  seed?: number;
}

/**
 * Over-clusters vectors into at most `count` small groups with k-means (ml-kmeans, Lloyd's
 * algorithm on squared Euclidean distance, which on unit vectors orders like cosine distance),
 * seeded by k-means++ (Arthur & Vassilvitskii 2007) with a fixed seed so the same vectors give
 * the same groups. Returns each vector's group, numbered in the order of the groups' first
 * members; empty groups are dropped. Fewer vectors than `count`: each is its own group.
 */
export function microClusters(
  vectors: readonly (readonly number[])[],
  count: number,
  options: MicroClusterOptions = {},
): number[] {
  const n = vectors.length;
  if (n <= count) return vectors.map((_, i) => i);
  const data = vectors.map((v) => [...v]);
  const result = kmeans(data, count, {
    initialization: kMeansPlusPlus(data, count, options.seed ?? 1),
    maxIterations: options.maxIterations ?? 6,
  });
  const renumber = new Map<number, number>();
  return result.clusters.map((c) => {
    let id = renumber.get(c);
    if (id === undefined) {
      id = renumber.size;
      renumber.set(c, id);
    }
    return id;
  });
}

/**
 * k-means++ seeding: the first centre at random, each next one a vector drawn with probability
 * proportional to its squared distance to the nearest centre so far. O(n·k·d), deterministic for a
 * seed. (ml-kmeans's own "kmeans++" tries several candidates per centre through matrix copies,
 * which costs seconds at 5,000 vectors and 200 centres.)
 */
export function kMeansPlusPlus(data: readonly number[][], k: number, seed: number): number[][] {
  const n = data.length;
  const random = seededRandom(seed);
  const nearest = new Float64Array(n).fill(Infinity);
  const centres: number[][] = [];
  let next = Math.floor(random() * n);
  while (centres.length < k) {
    const centre = [...data[next]!];
    centres.push(centre);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const v = data[i]!;
      let s = 0;
      for (let t = 0; t < centre.length; t++) {
        const diff = v[t]! - centre[t]!;
        s += diff * diff;
      }
      if (s < nearest[i]!) nearest[i] = s;
      total += nearest[i]!;
    }
    if (centres.length === k) break;
    if (total <= 0) {
      // Every vector sits on a centre: the remaining centres repeat vectors (they stay empty).
      next = centres.length % n;
      continue;
    }
    let target = random() * total;
    next = n - 1;
    for (let i = 0; i < n; i++) {
      target -= nearest[i]!;
      if (target < 0) {
        next = i;
        break;
      }
    }
  }
  return centres;
}
