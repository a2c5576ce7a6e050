export { adjustedRandIndex } from './ari';
export { cosineDistances, cutTree, silhouette, silhouetteOfUnitVectors } from './agglomerative';
export { labelGroups, nameDetector, type GroupLabel } from './labels';
export {
  MAX_AUTO_GROUPS,
  MAX_CLUSTER_ITEMS,
  MAX_TREE_LEAVES,
  OFFLINE_THEME_SUGGESTER,
  suggestThemesOffline,
} from './suggest';
export type { ClusterItem, SuggestThemesOptions, ThemeProposal, ThemeSuggester } from './types';
export { lsaVectors, type LsaOptions } from './vectors';
