export { adjustedRandIndex } from './ari';
export { cosineDistances, cutTree, silhouette } from './agglomerative';
export { labelGroups, nameDetector, type GroupLabel } from './labels';
export {
  MAX_AUTO_GROUPS,
  MAX_CLUSTER_ITEMS,
  OFFLINE_THEME_SUGGESTER,
  suggestThemesOffline,
} from './suggest';
export type { ClusterItem, SuggestThemesOptions, ThemeProposal, ThemeSuggester } from './types';
export { lsaVectors, type LsaOptions } from './vectors';
