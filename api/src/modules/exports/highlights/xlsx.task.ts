/**
 * Writes an XLSX workbook in a worker thread of the WorkerPool (see highlights.renderer.ts): the
 * rows come from a work file of JSON lines (one array of strings per line, written by the job as
 * it reads the database page by page), and go out through exceljs's streaming WorkbookWriter. So
 * the zip deflate never runs on the api's event loop, and neither side holds all rows in memory.
 */
import { xlsxCellText } from '@verbatim/interop';
import { stream } from 'exceljs';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export interface WriteXlsxInput {
  /** JSON lines: the header first, then one row per line, each an array of strings. */
  rowsPath: string;
  outPath: string;
  sheetName: string;
}

export async function writeXlsx(input: WriteXlsxInput): Promise<{ rows: number }> {
  const workbook = new stream.xlsx.WorkbookWriter({
    filename: input.outPath,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Verbatim';
  const sheet = workbook.addWorksheet(input.sheetName, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  const lines = createInterface({
    input: createReadStream(input.rowsPath, 'utf8'),
    crlfDelay: Infinity,
  });
  let rows = 0;
  for await (const line of lines) {
    if (!line) continue;
    const cells = (JSON.parse(line) as string[]).map(xlsxCellText);
    const row = sheet.addRow(cells);
    if (rows === 0) row.font = { bold: true };
    row.commit();
    rows++;
  }
  sheet.commit();
  await workbook.commit();
  return { rows: Math.max(0, rows - 1) };
}
