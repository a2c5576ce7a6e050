/**
 * Writes a table file in a worker thread of the WorkerPool (see highlights.renderer.ts): the rows
 * come from a work file of JSON lines (one array of strings per line, the header first, written
 * by the job as it reads the database page by page). XLSX goes out through exceljs's streaming
 * WorkbookWriter, CSV through csv-stringify (UTF-8 with a BOM, RFC 4180). So neither the zip
 * deflate nor the CSV quoting runs on the api's event loop, and no side holds all rows in memory.
 */
import { csvRecords, UTF8_BOM, xlsxCellText } from '@verbatim/interop';
import { stream } from 'exceljs';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { readJsonLines } from '../../../common/files/json-lines';

export interface WriteTableInput {
  /** JSON lines: the header first, then one row per line, each an array of strings. */
  rowsPath: string;
  outPath: string;
  format: 'CSV' | 'XLSX';
  /** The XLSX worksheet's name. */
  sheetName: string;
}

/** Rows turned into CSV per batch: small enough to stream, large enough to be cheap. */
const CSV_BATCH = 500;

export async function writeTable(input: WriteTableInput): Promise<{ rows: number }> {
  const rows = readJsonLines<string[]>(input.rowsPath);
  const count = input.format === 'XLSX' ? await xlsx(rows, input) : await csv(rows, input);
  return { rows: Math.max(0, count - 1) };
}

async function xlsx(rows: AsyncGenerator<string[]>, input: WriteTableInput): Promise<number> {
  const workbook = new stream.xlsx.WorkbookWriter({
    filename: input.outPath,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Verbatim';
  const sheet = workbook.addWorksheet(input.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  let count = 0;
  for await (const cells of rows) {
    const row = sheet.addRow(cells.map(xlsxCellText));
    if (count === 0) row.font = { bold: true };
    row.commit();
    count++;
  }
  sheet.commit();
  await workbook.commit();
  return count;
}

async function csv(rows: AsyncGenerator<string[]>, input: WriteTableInput): Promise<number> {
  const out = createWriteStream(input.outPath, { encoding: 'utf8' });
  const closed = once(out, 'close');
  const put = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  let count = 0;
  let batch: string[][] = [];
  try {
    await put(UTF8_BOM);
    for await (const cells of rows) {
      batch.push(cells);
      count++;
      if (batch.length < CSV_BATCH) continue;
      await put(csvRecords(batch));
      batch = [];
    }
    if (batch.length) await put(csvRecords(batch));
    out.end();
    await closed;
    return count;
  } catch (error) {
    closed.catch(() => undefined);
    out.destroy();
    throw error;
  }
}
