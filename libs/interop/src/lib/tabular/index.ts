export { csvRecords, UTF8_BOM } from './csv';
export { neutraliseCell } from './formula';
export { attributeColumns, type HighlightRecord, HighlightTable } from './highlight-table';
export { formatTimecode } from './timecode';
export { MAX_XLSX_CELL_CHARS, xlsxCellText } from './xlsx-text';
