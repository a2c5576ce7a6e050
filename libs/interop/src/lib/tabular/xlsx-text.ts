/** Most characters one spreadsheet cell holds (Excel's limit). */
export const MAX_XLSX_CELL_CHARS = 32_767;

/** Control characters XML 1.0 cannot carry: Excel calls a file holding them corrupt. */
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/**
 * Text as an XLSX cell can hold it: line breaks as LF (Excel's own; a bare CR would be read as
 * LF anyway, XML normalises it), characters XML forbids removed, and cut with an ellipsis at
 * Excel's 32,767 characters per cell (a very long quote is cut, not refused).
 */
export function xlsxCellText(value: string): string {
  const clean = value.replace(/\r\n?/g, '\n').replace(XML_INVALID, '');
  return clean.length > MAX_XLSX_CELL_CHARS ? `${clean.slice(0, MAX_XLSX_CELL_CHARS - 1)}…` : clean;
}
