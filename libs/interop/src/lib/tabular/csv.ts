import { stringify } from 'csv-stringify/sync';

/** Written first so Excel reads the file as UTF-8 (accents and other scripts right). */
export const UTF8_BOM = '\ufeff';

/**
 * Rows as RFC 4180 CSV: comma-separated, CRLF after every record, a field quoted (quotes doubled)
 * when it holds a comma, a quote, CR or LF. Cells are written as given: neutralise them first.
 */
export function csvRecords(rows: readonly (readonly string[])[]): string {
  return stringify(rows as string[][], { record_delimiter: '\r\n', quoted_match: /[\r\n]/ });
}
