import { open as openFile, stat } from 'node:fs/promises';
import { type Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { InteropError, messageOf } from '../interop-error';
import { quote as quoted, sizeOf } from '../wording';

/** A ZIP archive as bytes, a file on disk (read in place), or a stream (read up to the limit). */
export type ZipInput = Uint8Array | { path: string } | AsyncIterable<Uint8Array>;

export interface ZipLimits {
  maxArchiveBytes: number;
  maxEntries: number;
  maxUnpackedBytes: number;
  maxEntryBytes: number;
  maxCompressionRatio: number;
  ratioCheckAboveBytes: number;
}

export interface ZipEntryInfo {
  /** The entry's path inside the archive, `/`-separated, checked to stay inside it. */
  name: string;
  compressedSize: number;
  /** What the archive's directory declares; the bytes are counted again as they are inflated. */
  uncompressedSize: number;
  entry: Entry;
}

/** Smallest local file header: an entry's data never starts closer to its header than this. */
const LOCAL_HEADER_BYTES = 30;

/**
 * Reads a ZIP archive (yauzl) without trusting it. Before anything is inflated, its directory is
 * checked: the number of entries, every name (no `..`, no absolute path or drive letter), the
 * declared sizes and ratios, and entries that share bytes. Then each entry read is inflated as a
 * stream and its bytes are counted as they come, against the per-entry, total and ratio limits,
 * and against the size the directory declared; the first byte past a limit stops it.
 */
export class SafeZipReader {
  private unpacked = 0;

  private constructor(
    private readonly zip: ZipFile,
    readonly entries: readonly ZipEntryInfo[],
    private readonly limits: ZipLimits,
  ) {}

  static async open(input: ZipInput, limits: ZipLimits): Promise<SafeZipReader> {
    const zip = await openZip(input, limits);
    try {
      if (zip.entryCount > limits.maxEntries) {
        throw new InteropError(
          'TOO_MANY_ENTRIES',
          `This file holds ${zip.entryCount.toLocaleString('en')} files; at most ` +
            `${limits.maxEntries.toLocaleString('en')} are read, so it is refused.`,
        );
      }
      const entries = await readDirectory(zip);
      checkDirectory(entries, limits);
      return new SafeZipReader(zip, entries, limits);
    } catch (error) {
      zip.close();
      throw error;
    }
  }

  /** The entry of that path, or else the only one whose path differs from it in case alone. */
  find(name: string): ZipEntryInfo | undefined {
    const exact = this.entries.find((e) => e.name === name);
    if (exact) return exact;
    const lower = name.toLowerCase();
    const folded = this.entries.filter((e) => e.name.toLowerCase() === lower);
    return folded.length === 1 ? folded[0] : undefined;
  }

  /** The entry's bytes as they inflate, counted against the limits. */
  async *read(info: ZipEntryInfo): AsyncGenerator<Uint8Array> {
    const { maxEntryBytes, maxUnpackedBytes, maxCompressionRatio, ratioCheckAboveBytes } =
      this.limits;
    if (info.uncompressedSize > maxEntryBytes) throw entryTooLarge(info, maxEntryBytes);
    const stream = await this.openEntry(info);
    let bytes = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        this.unpacked += chunk.length;
        if (bytes > maxEntryBytes) throw entryTooLarge(info, maxEntryBytes);
        if (this.unpacked > maxUnpackedBytes) throw tooLarge(maxUnpackedBytes);
        if (
          bytes > ratioCheckAboveBytes &&
          bytes / Math.max(1, info.compressedSize) > maxCompressionRatio
        ) {
          throw bomb(
            `${quoted(info.name)} unpacks more than ${maxCompressionRatio} times its packed size`,
          );
        }
        yield chunk;
      }
    } catch (error) {
      if (error instanceof InteropError) throw error;
      const message = messageOf(error);
      // yauzl stops an entry that inflates past the size the directory declared.
      if (/too many bytes/i.test(message)) {
        throw bomb(`${quoted(info.name)} unpacks to more than the archive says it does`, message);
      }
      throw damaged(message);
    } finally {
      stream.destroy();
    }
  }

  close(): void {
    this.zip.close();
  }

  private async openEntry(info: ZipEntryInfo): Promise<Readable> {
    try {
      return await this.zip.openReadStreamPromise(info.entry);
    } catch (error) {
      const message = messageOf(error);
      if (/encrypt/i.test(message)) {
        throw new InteropError(
          'MALFORMED',
          `${quoted(info.name)} in this file is encrypted; export the project again without a password.`,
          message,
        );
      }
      throw damaged(message);
    }
  }
}

async function openZip(input: ZipInput, limits: ZipLimits): Promise<ZipFile> {
  const options = {
    lazyEntries: true,
    autoClose: false,
    // Names are decoded and checked below, with an error that says what is wrong with them.
    decodeStrings: false,
    validateEntrySizes: true,
  };
  const source = await archiveSource(input, limits);
  try {
    return 'path' in source
      ? await yauzl.openPromise(source.path, options)
      : await yauzl.fromBufferPromise(source.buffer, options);
  } catch (error) {
    // A ZIP's directory is at its end: a file that starts as a ZIP but has none was cut short.
    if (source.head[0] === 0x50 && source.head[1] === 0x4b) throw damaged(messageOf(error));
    throw new InteropError(
      'NOT_QDA',
      'This file is not a REFI-QDA project (.qdpx): a .qdpx file is a ZIP archive, and this is not one.',
      messageOf(error),
    );
  }
}

type ArchiveSource = { head: Uint8Array } & ({ path: string } | { buffer: Buffer });

async function archiveSource(input: ZipInput, limits: ZipLimits): Promise<ArchiveSource> {
  if (input instanceof Uint8Array) {
    if (input.byteLength > limits.maxArchiveBytes) throw archiveTooLarge(limits);
    const buffer = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    return { buffer, head: buffer.subarray(0, 4) };
  }
  if ('path' in input) {
    if ((await stat(input.path)).size > limits.maxArchiveBytes) throw archiveTooLarge(limits);
    return { path: input.path, head: await firstBytes(input.path) };
  }
  const buffer = await collect(input, limits);
  return { buffer, head: buffer.subarray(0, 4) };
}

async function firstBytes(path: string): Promise<Uint8Array> {
  const file = await openFile(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(4), 0, 4, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

async function collect(input: AsyncIterable<Uint8Array>, limits: ZipLimits): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of input) {
    size += chunk.byteLength;
    if (size > limits.maxArchiveBytes) throw archiveTooLarge(limits);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

async function readDirectory(zip: ZipFile): Promise<ZipEntryInfo[]> {
  const entries: ZipEntryInfo[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      const name = yauzl.getFileNameLowLevel(
        entry.generalPurposeBitFlag,
        entry.fileNameRaw,
        entry.extraFields,
        false,
      );
      checkName(name);
      entries.push({
        name,
        compressedSize: entry.compressedSize,
        uncompressedSize: entry.uncompressedSize,
        entry,
      });
    }
  } catch (error) {
    if (error instanceof InteropError) throw error;
    throw damaged(messageOf(error));
  }
  return entries;
}

/** Names are only ever looked up, never written to disk; a hostile one still means a hostile file. */
function checkName(name: string): void {
  const absolute = name.startsWith('/') || /^[a-zA-Z]:/.test(name);
  const escapes = name.split('/').includes('..');
  if (absolute || escapes || name.includes('\0')) {
    throw new InteropError(
      'UNSAFE_PATH',
      `This file holds an entry named ${quoted(name)}, which points outside the archive. ` +
        'Files made that way are meant to overwrite files on the computer that unpacks them, ' +
        'so it is refused.',
    );
  }
}

function checkDirectory(entries: readonly ZipEntryInfo[], limits: ZipLimits): void {
  let total = 0;
  for (const info of entries) {
    total += info.uncompressedSize;
    if (total > limits.maxUnpackedBytes) throw tooLarge(limits.maxUnpackedBytes);
    const ratio = info.uncompressedSize / Math.max(1, info.compressedSize);
    if (info.uncompressedSize > limits.ratioCheckAboveBytes && ratio > limits.maxCompressionRatio) {
      throw bomb(`${quoted(info.name)} would unpack ${Math.round(ratio)} times its packed size`);
    }
  }
  const byOffset = [...entries].sort(
    (a, b) => a.entry.relativeOffsetOfLocalHeader - b.entry.relativeOffsetOfLocalHeader,
  );
  for (let i = 1; i < byOffset.length; i++) {
    const previous = byOffset[i - 1] as ZipEntryInfo;
    const next = byOffset[i] as ZipEntryInfo;
    const previousEnd =
      previous.entry.relativeOffsetOfLocalHeader + LOCAL_HEADER_BYTES + previous.compressedSize;
    if (previousEnd > next.entry.relativeOffsetOfLocalHeader) {
      throw bomb(`${quoted(previous.name)} and ${quoted(next.name)} share their packed bytes`);
    }
  }
}

function bomb(what: string, detail?: string): InteropError {
  return new InteropError(
    'ZIP_BOMB',
    `This file was refused: ${what}, which is how a “zip bomb” is made to exhaust a server.`,
    detail,
  );
}

function damaged(detail: string): InteropError {
  return new InteropError(
    'MALFORMED',
    'This file is damaged or incomplete: its ZIP archive cannot be read. Export the project again.',
    detail,
  );
}

function archiveTooLarge(limits: ZipLimits): InteropError {
  return new InteropError(
    'ARCHIVE_TOO_LARGE',
    `This file is larger than ${sizeOf(limits.maxArchiveBytes)}, the most that is read.`,
  );
}

function tooLarge(limit: number): InteropError {
  return new InteropError(
    'ARCHIVE_TOO_LARGE',
    `This file unpacks to more than ${sizeOf(limit)}, the most that is read.`,
  );
}

function entryTooLarge(info: ZipEntryInfo, limit: number): InteropError {
  return new InteropError(
    'ENTRY_TOO_LARGE',
    `${quoted(info.name)} in this file unpacks to more than ${sizeOf(limit)}, ` +
      'the most read for one part of a project.',
  );
}
