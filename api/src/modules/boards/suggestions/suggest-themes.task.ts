/**
 * Clusters highlights into proposed themes in a worker thread of the WorkerPool: the SVD, the
 * micro-clusters and the merge tree never run on the api's event loop.
 */
import { type ClusterItem, suggestThemesOffline, type ThemeProposal } from '@verbatim/analysis';

export function suggestThemes(input: {
  items: ClusterItem[];
  k: number | null;
  excludeWords: string[];
  /** Each item's embedding (OpenAI-compatible runs), else null: LSA vectors. */
  vectors: number[][] | null;
}): ThemeProposal[] {
  return suggestThemesOffline(input.items, {
    k: input.k,
    excludeWords: input.excludeWords,
    vectors: input.vectors,
  });
}
