import { type Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';

/**
 * What a ZIP container (a .docx) may unpack to. Real Word transcripts are far inside these: the
 * fixtures unpack to at most 0.35 MB at ratios of at most 12:1 (word/comments.xml); a 3-hour
 * interview written as Word XML with per-run formatting is 0.75 MB at 30:1; even a table of 20,000
 * identical "Yeah." rows only reaches 137:1. Deflate cannot exceed about 1,030:1, which is what zip
 * bombs use; overlapping entries (one compressed payload listed many times) multiply that.
 */
export interface ZipLimits {
  /** Sum of the unpacked sizes of all entries (default 256 MB: images, which Word stores nearly uncompressed, leave room under the 50 MB upload limit). */
  maxExpandedBytes: number;
  /** Unpacked / packed size of one entry, checked for entries above `ratioCheckAboveBytes` (default 200). */
  maxRatio: number;
  /** Entries smaller than this unpacked are never a threat, whatever their ratio (default 1 MB). */
  ratioCheckAboveBytes: number;
  /** Entries in the archive (default 10,000; Word documents have tens to a few hundred). */
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: Readonly<ZipLimits> = {
  maxExpandedBytes: 256 * 1024 * 1024,
  maxRatio: 200,
  ratioCheckAboveBytes: 1024 * 1024,
  maxEntries: 10_000,
};

export type UnsafeZipReason = 'EXPANDED_SIZE' | 'RATIO' | 'ENTRIES' | 'OVERLAP' | 'SIZE_MISMATCH';

/** The archive would unpack to more than the limits allow, or lies about its sizes. */
export class UnsafeZipError extends Error {
  constructor(
    readonly reason: UnsafeZipReason,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'UnsafeZipError';
  }
}

/** The archive cannot be read as a ZIP at all (truncated, corrupt, encrypted, ...). */
export class DamagedZipError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'DamagedZipError';
  }
}

/** Smallest local file header: an entry's data never starts closer to its header than this. */
const LOCAL_HEADER_BYTES = 30;

/**
 * Checks a ZIP archive before anything inflates it: first its central directory (entry count,
 * total unpacked size, each entry's ratio, entries sharing bytes), then every entry is inflated as
 * a stream and thrown away, which fails as soon as an entry unpacks to more than the directory
 * said (yauzl's `validateEntrySizes`). Memory stays at a few stream buffers whatever the archive.
 */
export async function assertSafeZip(
  bytes: Uint8Array,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<void> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const zip = await open(buffer);
  if (zip.entryCount > limits.maxEntries) {
    throw new UnsafeZipError('ENTRIES', `${zip.entryCount} entries (limit ${limits.maxEntries})`);
  }
  const entries = await readDirectory(zip);
  checkDirectory(entries, limits);
  for (const entry of entries) await drain(zip, entry);
}

function open(buffer: Buffer): Promise<ZipFile> {
  return yauzl
    .fromBufferPromise(buffer, { lazyEntries: true, validateEntrySizes: true })
    .catch((error: unknown) => {
      throw new DamagedZipError(messageOf(error));
    });
}

async function readDirectory(zip: ZipFile): Promise<Entry[]> {
  const entries: Entry[] = [];
  try {
    for await (const entry of zip.eachEntry()) entries.push(entry);
  } catch (error) {
    throw new DamagedZipError(messageOf(error));
  }
  return entries;
}

function checkDirectory(entries: Entry[], limits: ZipLimits): void {
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    if (total > limits.maxExpandedBytes) {
      throw new UnsafeZipError(
        'EXPANDED_SIZE',
        `entries unpack to more than ${limits.maxExpandedBytes} bytes`,
      );
    }
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize > limits.ratioCheckAboveBytes && ratio > limits.maxRatio) {
      throw new UnsafeZipError(
        'RATIO',
        `${entry.fileName} unpacks ${Math.round(ratio)}:1 (limit ${limits.maxRatio}:1)`,
      );
    }
  }
  const byOffset = [...entries].sort(
    (a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader,
  );
  for (let i = 1; i < byOffset.length; i++) {
    const prev = byOffset[i - 1] as Entry;
    const next = byOffset[i] as Entry;
    const prevEnd = prev.relativeOffsetOfLocalHeader + LOCAL_HEADER_BYTES + prev.compressedSize;
    if (prevEnd > next.relativeOffsetOfLocalHeader) {
      throw new UnsafeZipError('OVERLAP', `${prev.fileName} and ${next.fileName} share bytes`);
    }
  }
}

async function drain(zip: ZipFile, entry: Entry): Promise<void> {
  let stream: Readable;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch (error) {
    throw new DamagedZipError(messageOf(error));
  }
  try {
    for await (const chunk of stream) void chunk;
  } catch (error) {
    const message = messageOf(error);
    // yauzl: "too many bytes in the stream. expected N. got at least M"
    if (/too many bytes/i.test(message))
      throw new UnsafeZipError('SIZE_MISMATCH', `${entry.fileName}: ${message}`);
    throw new DamagedZipError(`${entry.fileName}: ${message}`);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
