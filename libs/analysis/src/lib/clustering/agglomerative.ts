// ml-hclust has types only behind package "exports", which moduleResolution "node" does not read.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./ml-hclust.d.ts" />
import { agnes, type Cluster } from 'ml-hclust';

/** The distance matrix of unit vectors: 1 − cosine similarity, in [0, 2]. */
export function cosineDistances(vectors: readonly (readonly number[])[]): number[][] {
  const n = vectors.length;
  const d = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const a = vectors[i]!;
    for (let j = i + 1; j < n; j++) {
      const b = vectors[j]!;
      let s = 0;
      for (let t = 0; t < a.length; t++) s += a[t]! * b[t]!;
      const distance = Math.max(0, 1 - s);
      d[i]![j] = distance;
      d[j]![i] = distance;
    }
  }
  return d;
}

/** Average-linkage agglomerative clustering (ml-hclust) of a distance matrix: the merge tree. */
export function averageLinkageTree(distances: number[][]): Cluster {
  return agnes(distances, { method: 'average', isDistanceMatrix: true });
}

/** The tree cut into `k` groups: each item's group number. */
export function cutTree(tree: Cluster, n: number, k: number): number[] {
  const assign = new Array<number>(n).fill(0);
  const groups = k <= 1 ? [tree] : tree.group(k).children;
  groups.forEach((child, c) => {
    for (const i of child.indices()) assign[i] = c;
  });
  return assign;
}

/**
 * Mean silhouette of a clustering (Rousseeuw 1987) on a distance matrix: for each item, how much
 * closer it is to its own group than to the nearest other, in [-1, 1]. Items alone in their
 * group count 0, as scikit-learn does. Higher is a better-separated clustering.
 */
export function silhouette(distances: number[][], assign: readonly number[]): number {
  const n = assign.length;
  const k = Math.max(...assign) + 1;
  if (k < 2 || n < 3) return 0;
  const sizes = new Array<number>(k).fill(0);
  for (const c of assign) sizes[c]!++;
  let total = 0;
  const sums = new Array<number>(k);
  for (let i = 0; i < n; i++) {
    const own = assign[i]!;
    if (sizes[own]! <= 1) continue;
    sums.fill(0);
    const row = distances[i]!;
    for (let j = 0; j < n; j++) if (j !== i) sums[assign[j]!] = sums[assign[j]!]! + row[j]!;
    const a = sums[own]! / (sizes[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++)
      if (c !== own && sizes[c]! > 0) b = Math.min(b, sums[c]! / sizes[c]!);
    const denominator = Math.max(a, b);
    if (denominator > 0 && Number.isFinite(b)) total += (b - a) / denominator;
  }
  return total / n;
}

/** Sums of the unit vectors of each group (the group's size times its mean), and the sizes. */
export interface GroupSums {
  sums: Float64Array[];
  sizes: number[];
}

/** Each group's vector sum and size, for `assign` numbering groups 0..k−1. */
export function groupSums(
  vectors: readonly (readonly number[])[],
  assign: readonly number[],
  k: number,
): GroupSums {
  const dimensions = vectors[0]?.length ?? 0;
  const sums = Array.from({ length: k }, () => new Float64Array(dimensions));
  const sizes = new Array<number>(k).fill(0);
  assign.forEach((c, i) => {
    const sum = sums[c]!;
    const v = vectors[i]!;
    for (let t = 0; t < dimensions; t++) sum[t]! += v[t]!;
    sizes[c]!++;
  });
  return { sums, sizes };
}

/**
 * Average-linkage distances between groups of unit vectors: the mean cosine distance over every
 * pair of members, which is exactly 1 − S_a·S_b / (|a|·|b|) for the groups' vector sums (the
 * cosine is linear in each vector). Groups of one vector give the plain cosine distances.
 */
export function averageLinkageDistances({ sums, sizes }: GroupSums): number[][] {
  const m = sums.length;
  const d = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  for (let a = 0; a < m; a++) {
    const sa = sums[a]!;
    for (let b = a + 1; b < m; b++) {
      const sb = sums[b]!;
      let s = 0;
      for (let t = 0; t < sa.length; t++) s += sa[t]! * sb[t]!;
      const distance = Math.max(0, 1 - s / (sizes[a]! * sizes[b]!));
      d[a]![b] = distance;
      d[b]![a] = distance;
    }
  }
  return d;
}

/**
 * The mean silhouette of `silhouette` for unit vectors under cosine distance, computed exactly
 * without the distance matrix: an item's mean distance to a group is 1 − x·S / |group| (its own
 * group without itself: 1 − (x·S − x·x) / (|group| − 1)), so the cost is O(n·k·d) instead of
 * O(n²·d) and 5,000 items need no 200 MB matrix.
 */
export function silhouetteOfUnitVectors(
  vectors: readonly (readonly number[])[],
  assign: readonly number[],
): number {
  const n = assign.length;
  const k = Math.max(...assign) + 1;
  if (k < 2 || n < 3) return 0;
  const { sums, sizes } = groupSums(vectors, assign, k);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const own = assign[i]!;
    if (sizes[own]! <= 1) continue;
    const x = vectors[i]!;
    let a = 0;
    let b = Infinity;
    for (let c = 0; c < k; c++) {
      if (sizes[c] === 0) continue;
      const sum = sums[c]!;
      let s = 0;
      for (let t = 0; t < x.length; t++) s += x[t]! * sum[t]!;
      if (c === own) {
        let self = 0;
        for (let t = 0; t < x.length; t++) self += x[t]! * x[t]!;
        a = 1 - (s - self) / (sizes[c]! - 1);
      } else b = Math.min(b, 1 - s / sizes[c]!);
    }
    const denominator = Math.max(a, b);
    if (denominator > 0 && Number.isFinite(b)) total += (b - a) / denominator;
  }
  return total / n;
}
