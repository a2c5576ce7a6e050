/**
 * `attachment` with the file name as RFC 6266 asks: an ASCII `filename` for old clients (other
 * characters as `_`, quotes and backslashes dropped) and the exact name as RFC 5987
 * `filename*=UTF-8''…`, which every current browser prefers.
 */
export function attachmentDisposition(filename: string): string {
  const fallback =
    filename
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\x20-\x7e]/g, '_')
      .replace(/["\\]/g, '')
      .trim() || 'download';
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(filename)}`;
}

/** Percent-encodes everything but RFC 5987's attr-char. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
