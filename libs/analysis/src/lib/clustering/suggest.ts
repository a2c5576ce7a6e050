import { seededRandom } from '../offline/random';
import { tokenize } from '../text';
import {
  averageLinkageDistances,
  averageLinkageTree,
  cutTree,
  groupSums,
  silhouetteOfUnitVectors,
} from './agglomerative';
import { labelGroups, nameDetector } from './labels';
import {
  type ClusterItem,
  type SuggestThemesOptions,
  type ThemeProposal,
  type ThemeSuggester,
} from './types';
import { microClusters } from './micro-clusters';
import { cosineOfUnit, lsaVectors } from './vectors';

/** Most groups tried when k is not given. */
export const MAX_AUTO_GROUPS = 12;
/** Most items one call groups. */
export const MAX_CLUSTER_ITEMS = 5_000;
/**
 * Up to this many items the merge tree is built over the items themselves; above, over this many
 * k-means micro-clusters of them (ml-hclust keeps a distance for every pair and its merge loop
 * grows with the cube of what it merges: 200 leaves take tens of milliseconds, 2,000 took 26 s
 * of CPU). On synthetic boards of 1,000–5,000 highlights 100 to 300 micro-clusters recovered the
 * topics equally well (libs/analysis/eval/bench-theme-suggestions.ts).
 */
export const MAX_TREE_LEAVES = 200;

/**
 * Proposes themes for short texts (highlights), offline: LSA vectors (TF-IDF reduced by SVD; or
 * the vectors given, such as embeddings), an
 * average-linkage agglomerative clustering on cosine distance cut into k groups (k chosen by the
 * mean silhouette between 2 and MAX_AUTO_GROUPS when not given), titles from distinctive phrases
 * (c-TF-IDF). Above MAX_TREE_LEAVES texts the tree is built over k-means micro-clusters of them
 * (their exact average-linkage distances), the usual way to scale hierarchical clustering.
 * Groups of one text and texts with no content word are not proposed: they stay where they are.
 * Deterministic: the same texts give the same proposals. Largest groups first.
 */
export function suggestThemesOffline(
  items: readonly ClusterItem[],
  options: SuggestThemesOptions = {},
): ThemeProposal[] {
  if (items.length > MAX_CLUSTER_ITEMS)
    throw new RangeError(`at most ${MAX_CLUSTER_ITEMS} texts can be grouped at once`);
  const progress = options.onProgress ?? (() => undefined);
  const tokens = items.map((item) => tokenize(item.text, { language: item.language }));
  const usable = items.map((_, i) => i).filter((i) => tokens[i]!.length > 0);
  if (usable.length < 2) return [];
  const given = options.vectors;
  if (given && given.length !== items.length) throw new RangeError('one vector per item is needed');
  const vectors = given
    ? projected(
        usable.map((i) => unit(given[i]!)),
        usable.length > MAX_TREE_LEAVES ? PROJECTED_DIMENSIONS : Infinity,
      )
    : lsaVectors(
        usable.map((i) => tokens[i]!),
        { dimensions: options.dimensions },
      );
  progress(0.3);
  const assign = clusterVectors(
    vectors,
    options.k,
    options.maxTreeLeaves ?? MAX_TREE_LEAVES,
    progress,
  );
  progress(0.8);
  const groups = new Map<number, number[]>();
  assign.forEach((c, j) => {
    const members = groups.get(c);
    if (members) members.push(j);
    else groups.set(c, [j]);
  });
  const kept = [...groups.values()]
    .filter((g) => g.length > 1)
    .sort((a, b) => b.length - a.length || a[0]! - b[0]!);
  const centralFirst = kept.map((members) => {
    const centre = new Array<number>(vectors[0]!.length).fill(0);
    for (const j of members) vectors[j]!.forEach((w, d) => (centre[d]! += w));
    const norm = Math.sqrt(centre.reduce((s, w) => s + w * w, 0)) || 1;
    const unit = centre.map((w) => w / norm);
    const similarity = members.map((j) => ({ j, s: cosineOfUnit(vectors[j]!, unit) }));
    similarity.sort((a, b) => b.s - a.s || a.j - b.j);
    const cohesion = similarity.reduce((s, m) => s + m.s, 0) / similarity.length;
    return {
      members: similarity.map((m) => usable[m.j]!),
      cohesion: Math.max(0, Math.min(1, cohesion)),
    };
  });
  const isName = nameDetector(
    items.map((i) => i.text),
    options.excludeWords,
  );
  const labels = labelGroups(
    centralFirst.map((g) => g.members),
    items.map((i) => i.text),
    items.map((i) => i.language),
    isName,
  );
  progress(1);
  return centralFirst.map((g, c) => ({
    title: labels[c]!.title,
    description: labels[c]!.description,
    ids: g.members.map((i) => items[i]!.id),
    cohesion: Math.round(g.cohesion * 1000) / 1000,
  }));
}

/**
 * Each vector's group: the average-linkage tree (over the vectors, or over their micro-clusters
 * when there are more than `maxLeaves`) cut into k groups, or into the k of best silhouette.
 */
function clusterVectors(
  vectors: readonly (readonly number[])[],
  k: number | null | undefined,
  maxLeaves: number,
  progress: (fraction: number) => void,
): number[] {
  const n = vectors.length;
  const leafOf = microClusters(vectors, Math.max(2, maxLeaves));
  const leaves = Math.max(...leafOf) + 1;
  progress(0.5);
  const tree = averageLinkageTree(averageLinkageDistances(groupSums(vectors, leafOf, leaves)));
  progress(0.6);
  const cut = (groups: number): number[] => {
    const leafGroup = cutTree(tree, leaves, groups);
    return leafOf.map((leaf) => leafGroup[leaf]!);
  };
  if (k && k > 0) return cut(Math.min(k, leaves));
  let assign = cut(1);
  let best = -Infinity;
  for (let groups = 2; groups <= Math.min(MAX_AUTO_GROUPS, n - 1, leaves); groups++) {
    const candidate = cut(groups);
    const score = silhouetteOfUnitVectors(vectors, candidate);
    if (score > best + 1e-9) {
      best = score;
      assign = candidate;
    }
  }
  return assign;
}

/**
 * Embeddings of more than this many dimensions (1,536 for text-embedding-3-small) are projected
 * to this many before k-means, whose work grows with the dimensions, when a board is grouped
 * through micro-clusters.
 */
export const PROJECTED_DIMENSIONS = 128;

function unit(v: readonly number[]): number[] {
  let sum = 0;
  for (const w of v) sum += w * w;
  const norm = Math.sqrt(sum);
  return norm > 0 && Number.isFinite(norm) ? v.map((w) => w / norm) : v.map(() => 0);
}

/**
 * Unit vectors projected on `dimensions` fixed random directions and normalised again
 * (Johnson–Lindenstrauss: cosines are kept within about 1/√dimensions); shorter ones as they are.
 */
function projected(vectors: number[][], dimensions: number): number[][] {
  const from = vectors[0]?.length ?? 0;
  if (from <= dimensions) return vectors;
  const random = seededRandom(7);
  // Uniform ±1 entries (Achlioptas 2003) serve as well as Gaussian ones and cost less to draw.
  const directions = Array.from({ length: dimensions }, () =>
    Float64Array.from({ length: from }, () => (random() < 0.5 ? -1 : 1)),
  );
  return vectors.map((v) =>
    unit(
      directions.map((d) => {
        let s = 0;
        for (let t = 0; t < from; t++) s += d[t]! * v[t]!;
        return s;
      }),
    ),
  );
}

/** The offline suggester (no network), behind the provider interface. */
export const OFFLINE_THEME_SUGGESTER: ThemeSuggester = {
  name: 'offline',
  suggest: (items, options) => Promise.resolve(suggestThemesOffline(items, options)),
};
