// Test-only helpers (not exported from the package index): ZIP archives built byte by byte,
// including the hostile ones no ZIP library would write, and reading back what the writer made.
import { type Readable } from 'node:stream';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';

export interface RawEntry {
  /** Written as given: `../x`, `/etc/passwd` and `C:\x` included. */
  name: string;
  content?: string | Uint8Array;
  /** Stored instead of deflated. */
  store?: boolean;
  /** Instead of `content`: a raw-deflate payload and the unpacked size the archive declares. */
  deflated?: { payload: Uint8Array; declaredSize: number };
  /** An earlier entry's index: this entry's directory record points at that entry's data. */
  sharesDataWith?: number;
}

const MB = 1024 * 1024;

/** A ZIP archive of the entries (CRC-32 is 0 for pre-deflated payloads; yauzl does not check it). */
export function rawZip(entries: RawEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  const placed: { offset: number; payload: Uint8Array; method: number; crc: number }[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const shared = entry.sharesDataWith === undefined ? undefined : placed[entry.sharesDataWith];
    let data: { payload: Uint8Array; method: number; crc: number; size: number };
    if (shared) {
      data = { ...shared, size: entry.deflated?.declaredSize ?? 0 };
    } else if (entry.deflated) {
      data = {
        payload: entry.deflated.payload,
        method: 8,
        crc: 0,
        size: entry.deflated.declaredSize,
      };
    } else {
      const raw =
        typeof entry.content === 'string'
          ? Buffer.from(entry.content)
          : (entry.content ?? new Uint8Array());
      const payload = entry.store ? raw : deflateRawSync(raw);
      data = { payload, method: entry.store ? 0 : 8, crc: crc32(raw), size: raw.length };
    }
    const at = shared ? shared.offset : offset;
    const fixed = [
      u16(20),
      u16(0x0800),
      u16(data.method),
      u16(0),
      u16(0x21),
      u32(data.crc),
      u32(data.payload.length),
      u32(data.size),
      u16(name.length),
      u16(0),
    ];
    central.push(
      concat([u32(0x02014b50), u16(20), ...fixed, u16(0), u16(0), u16(0), u32(0), u32(at), name]),
    );
    if (shared) continue;
    const local = concat([u32(0x04034b50), ...fixed, name]);
    placed.push({ offset, payload: data.payload, method: data.method, crc: data.crc });
    parts.push(local, data.payload);
    offset += local.length + data.payload.length;
  }
  const directory = concat(central);
  return concat([...parts, directory, ...endRecords(entries.length, directory.length, offset)]);
}

/** The end of central directory record; past 65,535 entries, preceded by its ZIP64 form. */
function endRecords(count: number, directorySize: number, directoryOffset: number): Uint8Array[] {
  const zip64 = count > 0xffff;
  const end = concat([
    u32(0x06054b50),
    u16(0),
    u16(0),
    u16(zip64 ? 0xffff : count),
    u16(zip64 ? 0xffff : count),
    u32(directorySize),
    u32(directoryOffset),
    u16(0),
  ]);
  if (!zip64) return [end];
  const record = concat([
    u32(0x06064b50),
    u64(44),
    u16(45),
    u16(45),
    u32(0),
    u32(0),
    u64(count),
    u64(count),
    u64(directorySize),
    u64(directoryOffset),
  ]);
  const locator = concat([u32(0x07064b50), u32(0), u64(directoryOffset + directorySize), u32(1)]);
  return [record, locator, end];
}

/**
 * A raw-deflate stream that unpacks to `megabytes` MB of spaces, about 1 KB per MB: one flushed
 * 1 MB block repeated (blocks after a full flush never refer back).
 */
export function deflatedSpaces(megabytes: number): Uint8Array {
  const block = deflateRawSync(Buffer.alloc(MB, 0x20), { finishFlush: constants.Z_FULL_FLUSH });
  const tail = deflateRawSync(Buffer.alloc(0));
  return concat([...Array.from({ length: megabytes }, () => block), tail]);
}

/** A .qdpx archive of a project.qde and other files, as a tool would write it. */
export function qdpx(qde: string, files: Record<string, string | Uint8Array> = {}): Uint8Array {
  return rawZip([
    { name: 'project.qde', content: qde },
    ...Object.entries(files).map(([name, content]) => ({ name, content })),
  ]);
}

export async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Every entry of an archive, by name (yauzl, trusting: only for archives the tests made). */
export async function unzip(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  const zip = await yauzl.fromBufferPromise(Buffer.from(bytes), { lazyEntries: true });
  const files = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) {
    files.set(entry.fileName, await bytesOf(await zip.openReadStreamPromise(entry)));
  }
  return files;
}

function u16(value: number): Uint8Array {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(value);
  return b;
}

function u32(value: number): Uint8Array {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value >>> 0);
  return b;
}

function u64(value: number): Uint8Array {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(value));
  return b;
}

function concat(parts: Uint8Array[]): Uint8Array {
  return Buffer.concat(parts);
}
