import { attributeColumns, type HighlightRecord, HighlightTable } from './highlight-table';

const record = (over: Partial<HighlightRecord> = {}): HighlightRecord => ({
  quote: 'Onboarding took forever',
  tags: ['Onboarding', 'Pain'],
  note: null,
  participant: 'Zoë',
  attributes: [
    { key: 'segment', value: 'SMB' },
    { key: 'company', value: 'Acme' },
  ],
  transcript: 'Call with Zoë',
  startMs: 65_000,
  endMs: 70_500,
  author: 'Ada',
  createdAt: new Date('2026-03-01T10:00:00.000Z'),
  link: 'https://verbatim.example/t/1?segment=2',
  ...over,
});

describe('HighlightTable', () => {
  it('puts one column per attribute key after the participant, in the given order', () => {
    const table = new HighlightTable(['company', 'segment']);
    expect(table.header).toEqual([
      'Quote',
      'Tags',
      'Note',
      'Participant',
      'Participant company',
      'Participant segment',
      'Transcript',
      'Start',
      'End',
      'Author',
      'Created',
      'Link',
    ]);
    expect(table.row(record())).toEqual([
      'Onboarding took forever',
      'Onboarding; Pain',
      '',
      'Zoë',
      'Acme',
      'SMB',
      'Call with Zoë',
      '00:01:05',
      '00:01:10',
      'Ada',
      '2026-03-01T10:00:00.000Z',
      'https://verbatim.example/t/1?segment=2',
    ]);
  });

  it('leaves a missing attribute empty and joins repeated keys', () => {
    const table = new HighlightTable(['company', 'role']);
    const row = table.row(
      record({
        attributes: [
          { key: 'role', value: 'PM' },
          { key: 'role', value: 'Buyer' },
        ],
      }),
    );
    expect(row.slice(4, 6)).toEqual(['', 'PM; Buyer']);
  });

  it('neutralises formulas in every cell, headers (attribute keys) included', () => {
    const table = new HighlightTable(['=cmd']);
    expect(table.header[4]).toBe('Participant =cmd');
    const hostile = new HighlightTable([]);
    const row = hostile.row(
      record({
        quote: '=HYPERLINK("http://evil.example","x")',
        tags: ['+tag'],
        note: '-1',
        participant: '@me',
        transcript: '\tTabbed',
        author: '\rCR',
      }),
    );
    expect(row.slice(0, 5)).toEqual([
      `'=HYPERLINK("http://evil.example","x")`,
      `'+tag`,
      `'-1`,
      `'@me`,
      `'\tTabbed`,
    ]);
    expect(row[7]).toBe(`'\rCR`);
  });

  it('neutralises a header that would itself start a formula', () => {
    expect(new HighlightTable([]).header.every((h) => !/^[=+\-@\t\r]/.test(h))).toBe(true);
  });
});

describe('attributeColumns', () => {
  it('trims, drops empty keys and duplicates, and sorts case-insensitively', () => {
    expect(attributeColumns(['segment', ' Company', 'company', '', 'segment', 'age'])).toEqual([
      'age',
      'Company',
      'company',
      'segment',
    ]);
  });
});
