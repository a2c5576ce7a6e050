const MB = 1024 * 1024;

/**
 * What the readers accept. A file past any of these is refused with an InteropError and nothing
 * is returned. The defaults sit far above real projects (the 262-code, 205-coding sample of the
 * tests unpacks to 0.17 MB at ratios under 6:1) and far below what would hurt the server.
 */
export interface QdaReadLimits {
  /** Size of the .qdpx file itself (default 512 MB, ten times the default upload limit). */
  maxArchiveBytes: number;
  /** Entries in the archive (default 10,000). */
  maxEntries: number;
  /**
   * What the archive unpacks to in all (default 1 GB): the sizes its directory declares for every
   * entry, and the bytes actually inflated from the entries read, counted as they stream.
   */
  maxUnpackedBytes: number;
  /** What one entry read (project.qde, a source's text, a .qdc) may unpack to (default 256 MB). */
  maxEntryBytes: number;
  /**
   * Unpacked / packed size of an entry above `ratioCheckAboveBytes`, declared and actual
   * (default 200:1; text and QDA-XML reach 3:1 to 30:1, zip bombs about 1,000:1).
   */
  maxCompressionRatio: number;
  /** Entries smaller than this unpacked are no threat, whatever their ratio (default 1 MB). */
  ratioCheckAboveBytes: number;
  /** Element nesting in the XML (default 100; the code hierarchy is the deepest part). */
  maxDepth: number;
  /** XML elements in all (default 5,000,000). */
  maxElements: number;
  /** Codes in the codebook, at every level (default 50,000). */
  maxCodes: number;
  /** Sources of every kind (default 10,000). */
  maxSources: number;
  /** Plain-text selections (default 500,000). */
  maxSelections: number;
  /** Codings of selections (default 1,000,000). */
  maxCodings: number;
}

export const DEFAULT_READ_LIMITS: Readonly<QdaReadLimits> = {
  maxArchiveBytes: 512 * MB,
  maxEntries: 10_000,
  maxUnpackedBytes: 1024 * MB,
  maxEntryBytes: 256 * MB,
  maxCompressionRatio: 200,
  ratioCheckAboveBytes: MB,
  maxDepth: 100,
  maxElements: 5_000_000,
  maxCodes: 50_000,
  maxSources: 10_000,
  maxSelections: 500_000,
  maxCodings: 1_000_000,
};

export function readLimits(overrides: Partial<QdaReadLimits> = {}): QdaReadLimits {
  return { ...DEFAULT_READ_LIMITS, ...overrides };
}
