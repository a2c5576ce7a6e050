// Test and benchmark helpers (not exported from the package index): real deflated ZIP archives,
// Word documents, and zip bombs built in memory without ever holding their unpacked content.
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntrySpec {
  name: string;
  /** The entry's content, deflated (or stored with `store`). */
  content?: string | Uint8Array;
  store?: boolean;
  /** Instead of `content`: a raw-deflate payload and the unpacked size the archive declares. */
  deflated?: { payload: Uint8Array; declaredSize: number };
  /** Where the entry's data starts: an earlier entry's index makes both share one payload. */
  sharesDataWith?: number;
}

const MB = 1024 * 1024;

/** A ZIP archive of the given entries (CRC-32 is 0 for pre-deflated payloads: no reader checks it). */
export function writeZip(entries: ZipEntrySpec[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  const placed: { offset: number; payload: Uint8Array; method: number; crc: number }[] = [];
  let offset = 0;
  entries.forEach((entry) => {
    const name = new TextEncoder().encode(entry.name);
    let payload: Uint8Array;
    let method = 8;
    let crc = 0;
    let size: number;
    const shared = entry.sharesDataWith === undefined ? undefined : placed[entry.sharesDataWith];
    if (shared) {
      ({ payload, method, crc } = shared);
      size = entry.deflated?.declaredSize ?? 0;
    } else if (entry.deflated) {
      payload = entry.deflated.payload;
      size = entry.deflated.declaredSize;
    } else {
      const raw =
        typeof entry.content === 'string'
          ? new TextEncoder().encode(entry.content)
          : (entry.content ?? new Uint8Array());
      crc = crc32(raw);
      size = raw.length;
      method = entry.store ? 0 : 8;
      payload = entry.store ? raw : deflateRawSync(raw);
    }
    const header = (signature: number, inDirectory: boolean): Uint8Array => {
      const fields = [
        u32(signature),
        ...(inDirectory ? [u16(20)] : []),
        u16(20),
        u16(0x0800),
        u16(method),
        u16(0),
        u16(0x21),
        u32(crc),
        u32(payload.length),
        u32(size),
        u16(name.length),
        u16(0),
        ...(inDirectory
          ? [u16(0), u16(0), u16(0), u32(0), u32(shared ? shared.offset : offset)]
          : []),
        name,
      ];
      return concat(fields);
    };
    if (shared) {
      central.push(header(0x02014b50, true));
      placed.push(shared);
      return;
    }
    const local = header(0x04034b50, false);
    placed.push({ offset, payload, method, crc });
    central.push(header(0x02014b50, true));
    parts.push(local, payload);
    offset += local.length + payload.length;
  });
  const directory = concat(central);
  const end = concat([
    u32(0x06054b50),
    u16(0),
    u16(0),
    u16(entries.length),
    u16(entries.length),
    u32(directory.length),
    u32(offset),
    u16(0),
  ]);
  return concat([...parts, directory, end]);
}

/**
 * A raw-deflate stream that unpacks to `megabytes` MB of spaces between `prefix` and `suffix`,
 * about 1 KB per MB: one flushed 1 MB block repeated (blocks after a full flush never refer back).
 */
export function deflatedSpaces(megabytes: number, prefix = '', suffix = ''): Uint8Array {
  const flush = { finishFlush: constants.Z_FULL_FLUSH };
  const block = deflateRawSync(Buffer.alloc(MB, 0x20), flush);
  const head = deflateRawSync(Buffer.from(prefix), flush);
  const tail = deflateRawSync(Buffer.from(suffix));
  return concat([head, ...Array.from({ length: megabytes }, () => block), tail]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
const DOCUMENT_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
const DOCUMENT_TAIL = '</w:body></w:document>';
const RUN_PROPERTIES =
  '<w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:lang w:val="en-US"/></w:rPr>';

const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A Word document (.docx) with one paragraph per line, marked up the way Word writes it. */
export function makeDocx(lines: string[]): Uint8Array {
  const body = lines
    .map(
      (line) =>
        `<w:p><w:pPr><w:spacing w:after="0"/></w:pPr><w:r>${RUN_PROPERTIES}<w:t xml:space="preserve">${escapeXml(line)}</w:t></w:r></w:p>`,
    )
    .join('');
  return writeZip([
    { name: '[Content_Types].xml', content: CONTENT_TYPES },
    { name: '_rels/.rels', content: RELS },
    { name: 'word/document.xml', content: DOCUMENT_HEAD + body + DOCUMENT_TAIL },
  ]);
}

export interface ZipBombOptions {
  /** MB each bomb entry really unpacks to. */
  megabytes: number;
  /** How many entries carry the bomb (default 1). */
  entries?: number;
  /** What the archive claims each entry unpacks to, in bytes (default: the truth). */
  declaredBytes?: number;
  /** Entries point at one shared payload, as in overlapping-entry bombs (default false). */
  overlapping?: boolean;
}

/** A .docx-looking zip bomb: its document.xml (and any extra entries) unpack to mostly spaces. */
export function makeZipBomb(options: ZipBombOptions): Uint8Array {
  const payload = deflatedSpaces(options.megabytes, DOCUMENT_HEAD + '<w:p><w:r><w:t>', '');
  const declaredSize = options.declaredBytes ?? options.megabytes * MB + DOCUMENT_HEAD.length + 15;
  const bombs: ZipEntrySpec[] = Array.from({ length: options.entries ?? 1 }, (_, i) => ({
    name: i === 0 ? 'word/document.xml' : `word/media/part${i}.xml`,
    deflated: { payload, declaredSize },
    ...(options.overlapping && i > 0 ? { sharesDataWith: 2 } : {}),
  }));
  return writeZip([
    { name: '[Content_Types].xml', content: CONTENT_TYPES },
    { name: '_rels/.rels', content: RELS },
    ...bombs,
  ]);
}

function u16(n: number): Uint8Array {
  return new Uint8Array([n & 0xff, (n >>> 8) & 0xff]);
}

function u32(n: number): Uint8Array {
  return new Uint8Array([n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
