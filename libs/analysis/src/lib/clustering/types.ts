/** One text to group: a highlight's quote (or a card's text) with the id it is known by. */
export interface ClusterItem {
  id: string;
  text: string;
  /** The text's language ('en', 'de'…); English when unknown. */
  language?: string | null;
}

/** A group the clustering proposes as a theme. */
export interface ThemeProposal {
  /** A distinctive phrase of the group's texts (two or three words when they have one). */
  title: string;
  /** The next distinctive phrases, as a sentence. */
  description: string;
  /** Ids of the group's items, most central first. */
  ids: string[];
  /** Mean cosine similarity of the members to their centroid, 0..1: how tight the group is. */
  cohesion: number;
}

export interface SuggestThemesOptions {
  /** Number of groups; chosen by the silhouette when not given. */
  k?: number | null;
  /** Words never used in titles (participants' names, the project's name…), any case. */
  excludeWords?: readonly string[];
  /** Latent dimensions of the LSA vectors (see lsaVectors). */
  dimensions?: number;
  /**
   * Each item's own vector (an embeddings endpoint's), used instead of LSA vectors; any length,
   * normalised here. Items without content words are still left out.
   */
  vectors?: readonly (readonly number[])[] | null;
  /**
   * Most leaves of the merge tree (default MAX_TREE_LEAVES): more texts are first grouped into
   * this many k-means micro-clusters. For evaluation and tests.
   */
  maxTreeLeaves?: number;
  /** Called with 0..1 as the work advances. */
  onProgress?: (fraction: number) => void;
}

/**
 * Something that groups texts into proposed themes. The offline one (TF-IDF + LSA, agglomerative
 * clustering, c-TF-IDF phrases) needs no network; a provider on embeddings and an LLM for titles
 * would implement the same contract.
 */
export interface ThemeSuggester {
  readonly name: string;
  suggest(items: readonly ClusterItem[], options?: SuggestThemesOptions): Promise<ThemeProposal[]>;
}
