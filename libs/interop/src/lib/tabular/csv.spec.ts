import { parse } from 'csv-parse/sync';
import { csvRecords, UTF8_BOM } from './csv';

describe('csvRecords', () => {
  it('ends every record with CRLF and quotes only what needs it', () => {
    expect(
      csvRecords([
        ['a', 'b'],
        ['c d', ''],
      ]),
    ).toBe('a,b\r\nc d,\r\n');
  });

  it('quotes commas, quotes, CR and LF, doubling quotes (RFC 4180)', () => {
    expect(csvRecords([['x,y', 'say "hi"', 'one\ntwo', 'cr\ronly']])).toBe(
      '"x,y","say ""hi""","one\ntwo","cr\ronly"\r\n',
    );
  });

  it('reads back exactly, accents and other scripts included', () => {
    const rows = [
      ['Quote', 'Tags'],
      ['Ça m’a pris « trois » semaines,\r\nvraiment', 'Onboarding; Douleur'],
      ['東京で', '"quoted"'],
    ];
    const text = UTF8_BOM + csvRecords(rows);
    expect(parse(text, { bom: true, relax_column_count: false })).toEqual(rows);
  });
});
