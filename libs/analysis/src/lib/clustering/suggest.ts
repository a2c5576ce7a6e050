import { tokenize } from '../text';
import { averageLinkageTree, cosineDistances, cutTree, silhouette } from './agglomerative';
import { labelGroups, nameDetector } from './labels';
import {
  type ClusterItem,
  type SuggestThemesOptions,
  type ThemeProposal,
  type ThemeSuggester,
} from './types';
import { cosineOfUnit, lsaVectors } from './vectors';

/** Most groups tried when k is not given. */
export const MAX_AUTO_GROUPS = 12;
/** Most items one call groups: the distance matrix and the merge tree grow with their square. */
export const MAX_CLUSTER_ITEMS = 2_000;

/**
 * Proposes themes for short texts (highlights), offline: LSA vectors (TF-IDF reduced by SVD), an
 * average-linkage agglomerative clustering on cosine distance cut into k groups (k chosen by the
 * mean silhouette between 2 and MAX_AUTO_GROUPS when not given), titles from distinctive phrases
 * (c-TF-IDF). Groups of one text and texts with no content word are not proposed: they stay
 * where they are. Deterministic: the same texts give the same proposals. Largest groups first.
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
  const vectors = lsaVectors(
    usable.map((i) => tokens[i]!),
    { dimensions: options.dimensions },
  );
  progress(0.3);
  const distances = cosineDistances(vectors);
  const tree = averageLinkageTree(distances);
  progress(0.6);
  const n = usable.length;
  let assign: number[];
  if (options.k && options.k > 0) {
    assign = cutTree(tree, n, Math.min(options.k, n));
  } else {
    assign = cutTree(tree, n, 1);
    let best = -Infinity;
    for (let k = 2; k <= Math.min(MAX_AUTO_GROUPS, n - 1); k++) {
      const candidate = cutTree(tree, n, k);
      const score = silhouette(distances, candidate);
      if (score > best + 1e-9) {
        best = score;
        assign = candidate;
      }
    }
  }
  progress(0.8);
  const groups = new Map<number, number[]>();
  assign.forEach((c, j) => groups.set(c, [...(groups.get(c) ?? []), j]));
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

/** The offline suggester (no network), behind the provider interface. */
export const OFFLINE_THEME_SUGGESTER: ThemeSuggester = {
  name: 'offline',
  suggest: (items, options) => Promise.resolve(suggestThemesOffline(items, options)),
};
