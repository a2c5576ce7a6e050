import { MAX_XLSX_CELL_CHARS, xlsxCellText } from './xlsx-text';

describe('xlsxCellText', () => {
  it('keeps tabs and any script as they are, line breaks as LF', () => {
    expect(xlsxCellText('a\tb\r\nc – é 東京\rd\ne')).toBe('a\tb\nc – é 東京\nd\ne');
  });

  it('removes control characters XML cannot carry', () => {
    expect(xlsxCellText('a\u0000b\u0007c\u001fd')).toBe('abcd');
  });

  it('cuts text longer than a cell holds, ending with an ellipsis', () => {
    const cut = xlsxCellText('x'.repeat(MAX_XLSX_CELL_CHARS + 10));
    expect(cut).toHaveLength(MAX_XLSX_CELL_CHARS);
    expect(cut.endsWith('…')).toBe(true);
    expect(xlsxCellText('y'.repeat(MAX_XLSX_CELL_CHARS))).toHaveLength(MAX_XLSX_CELL_CHARS);
  });
});
