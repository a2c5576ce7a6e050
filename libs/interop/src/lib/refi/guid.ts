import { createHash } from 'node:crypto';

/** The GUID form QDA-XML's schemas accept (with or without braces, either case). */
const GUID =
  /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

/** The namespace of every GUID Verbatim derives from its own ids (a random UUID, fixed forever). */
export const VERBATIM_GUID_NAMESPACE = '9E250A53-68D3-48CB-9120-9ADFB13B2231';

export function isGuid(value: string): boolean {
  return GUID.test(value.trim());
}

/**
 * How GUIDs are compared: trimmed, braces removed, upper case. Tools write them in either case
 * (NVivo lower, ATLAS.ti upper), and NVivo's are hex-encoded text rather than real UUIDs; any
 * other identifier is kept as written, trimmed.
 */
export function normalizeGuid(value: string): string {
  const trimmed = value.trim();
  const match = GUID.exec(trimmed);
  return match?.[1] ? match[1].toUpperCase() : trimmed;
}

/** A name-based (version 5, SHA-1) UUID, upper case: the same namespace and name give the same GUID. */
export function uuidV5(namespace: string, name: string): string {
  const namespaceBytes = Buffer.from(normalizeGuid(namespace).replace(/-/g, ''), 'hex');
  if (namespaceBytes.length !== 16) throw new Error(`not a UUID namespace: ${namespace}`);
  const bytes = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest();
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString('hex').toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The GUID an export gives a Verbatim row: `stableGuid('tag', tag.id)`. The same row always gets
 * the same GUID, so exporting a project twice gives the same file, and a tool that imports both
 * sees the same codes; the kind keeps a tag and a transcript with equal ids apart.
 */
export function stableGuid(kind: string, id: string): string {
  return uuidV5(VERBATIM_GUID_NAMESPACE, `${kind}:${id}`);
}
