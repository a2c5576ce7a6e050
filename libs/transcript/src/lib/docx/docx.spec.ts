import { fixtureBytes, makeZip } from '../../testing/fixture-files';
import { parseTranscript } from '../parse-transcript';
import { TranscriptParseError } from '../transcript-parse-error';
import { htmlToText } from './html-to-text';

async function parseError(bytes: Uint8Array): Promise<TranscriptParseError> {
  try {
    await parseTranscript(bytes, { filename: 'x.docx' });
  } catch (error) {
    if (error instanceof TranscriptParseError) return error;
    throw error;
  }
  throw new Error('expected a TranscriptParseError');
}

const WORD_DOCUMENT = (body: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;

function paragraphs(...texts: string[]): string {
  return texts.map((t) => `<w:p><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`).join('');
}

function docx(body: string): Uint8Array {
  return makeZip({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    'word/document.xml': WORD_DOCUMENT(body),
  });
}

describe('DOCX transcripts', () => {
  it('reads the Teams-in-Word layout (timing / name / text) and ignores the trailing "saved-by" table', async () => {
    const parsed = await parseTranscript(fixtureBytes('docx/teams-transcript-table.docx'), {
      filename: 'meeting.docx',
    });
    expect(parsed.format).toBe('DOCX');
    expect(parsed.turns).toEqual([
      { speaker: 'Some Body', startMs: 0, endMs: 1510, text: 'OK. Yeah.' },
      { speaker: 'James Bond', startMs: 3270, endMs: 4250, text: 'Umm.' },
    ]);
    expect(parsed.warnings).toEqual([
      "Document text, line 9: expected a cue timing like 00:00:01,000 --> 00:00:04,000, found 'saved-by'; text ignored",
    ]);
  });

  it('reads a document of paragraphs as speakerless turns, leaving out separator lines', async () => {
    const parsed = await parseTranscript(
      fixtureBytes('coded-datasets/llmcode-games-as-art/bopp_test_input.docx'),
    );
    expect(parsed.format).toBe('DOCX');
    expect(parsed.turns.length).toBeGreaterThan(80);
    expect(parsed.turns.every((t) => t.speaker === null && /\p{L}/u.test(t.text))).toBe(true);
    expect(parsed.turns[0]?.text).toMatch(/^the experience was one of curiosity/);
    expect(parsed.warnings.join(' ')).toMatch(/without any words \(such as '-----'/);
  });

  it('applies the plain-text rules to a Word document (Rev-style labels)', async () => {
    const bytes = docx(
      paragraphs('Ann Lee: Hello &amp; welcome.', 'Bo: Thanks.', 'Ann Lee: Let us start.'),
    );
    const parsed = await parseTranscript(bytes);
    expect(parsed.turns.map((t) => [t.speaker, t.text])).toEqual([
      ['Ann Lee', 'Hello & welcome.'],
      ['Bo', 'Thanks.'],
      ['Ann Lee', 'Let us start.'],
    ]);
  });

  it('refuses a corrupt ZIP as MALFORMED with a clear message', async () => {
    const corrupt = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]);
    const error = await parseError(corrupt);
    expect(error.code).toBe('MALFORMED');
    expect(error.message).toMatch(
      /^The Word document could not be opened; it may be damaged or only partly uploaded/,
    );
  });

  it('refuses a ZIP that is not a Word document as MALFORMED', async () => {
    const error = await parseError(makeZip({ 'xl/workbook.xml': '<workbook/>' }));
    expect(error.code).toBe('MALFORMED');
    expect(error.message).toMatch(/ZIP archive but not a Word document/);
  });

  it('refuses a Word document without words as NO_TEXT', async () => {
    expect((await parseError(docx(paragraphs('   ', '-----')))).code).toBe('NO_TEXT');
  });
});

describe('htmlToText', () => {
  it('turns paragraphs into blank-line-separated blocks, <br> into line breaks and table rows into blocks', () => {
    const html =
      '<h1>Title</h1><p>a<br />b</p><table><tr><td><p>x</p><p>y</p></td><td><p>z</p></td></tr></table><p>&lt;end&gt;</p>';
    expect(htmlToText(html)).toBe('Title\n\na\nb\n\nx\ny\nz\n\n<end>\n\n');
  });
});
