import { fixtureBytes, makeZip } from '../../testing/fixture-files';
import { makeDocx, makeZipBomb, writeZip } from '../../testing/zip-files';
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

  it("refuses a corrupt ZIP as MALFORMED with our message, keeping the reader's words for the logs", async () => {
    const corrupt = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]);
    const error = await parseError(corrupt);
    expect(error.code).toBe('MALFORMED');
    expect(error.message).toBe(
      'This DOCX file could not be read: it is damaged or not a Word document. Open it in Word and save it again as .docx, or export the transcript as .txt, .vtt or .srt.',
    );
    expect(error.detail).toMatch(/central directory/);
  });

  it('refuses a damaged Word document (cut short) without showing what the ZIP or XML reader said', async () => {
    const whole = fixtureBytes('coded-datasets/llmcode-games-as-art/bopp_test_input.docx');
    for (const cut of [whole.slice(0, Math.floor(whole.length / 2)), whole.slice(0, -30)]) {
      const error = await parseError(cut);
      expect(error.code).toBe('MALFORMED');
      expect(error.message).toMatch(/^This DOCX file could not be read: it is damaged/);
      expect(error.message).not.toMatch(/zip|central|signature|xml|offset|bytes/i);
      expect(error.detail).toBeTruthy();
    }
  });

  it("refuses a Word document whose XML is broken, without the XML reader's message", async () => {
    const error = await parseError(
      writeZip([
        { name: '[Content_Types].xml', content: '<Types/>' },
        { name: 'word/document.xml', content: '<w:document><w:body><w:p>' },
        {
          name: '_rels/.rels',
          content:
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        },
      ]),
    );
    expect(error.code).toBe('MALFORMED');
    expect(error.message).toMatch(/^This DOCX file could not be read/);
    expect(error.detail).toBeTruthy();
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

describe('DOCX zip bombs', () => {
  const MB = 1024 * 1024;
  const BOMB_MESSAGE = /^This DOCX file was refused: .*“zip bomb”/;

  it('reads real deflated Word documents, small and interview-sized', async () => {
    const lines = Array.from({ length: 1500 }, (_, i) =>
      i % 2 ? `Priya Raman: Answer number ${i} about the export button.` : `Alex: Question ${i}?`,
    );
    const parsed = await parseTranscript(makeDocx(lines), { filename: 'long.docx' });
    expect(parsed.turns).toHaveLength(1500);
    expect(parsed.turns[1]).toMatchObject({ speaker: 'Priya Raman' });
  });

  it('refuses an entry that unpacks to far more than its packed size (64 MB from 66 KB)', async () => {
    const bomb = makeZipBomb({ megabytes: 64 });
    expect(bomb.length).toBeLessThan(100_000);
    const error = await parseError(bomb);
    expect(error.code).toBe('ARCHIVE_TOO_LARGE');
    expect(error.message).toMatch(BOMB_MESSAGE);
    expect(error.message).toMatch(/more than 200 times its packed size/);
  });

  it('refuses an archive whose entries together unpack to more than 256 MB, whatever their ratio', async () => {
    const payload = new Uint8Array(1 * MB).map((_, i) => (i * 2654435761) >>> 24);
    const error = await parseError(
      writeZip([
        { name: 'word/document.xml', deflated: { payload, declaredSize: 150 * MB } },
        { name: 'word/media/image1.png', deflated: { payload, declaredSize: 150 * MB } },
      ]),
    );
    expect(error.code).toBe('ARCHIVE_TOO_LARGE');
    expect(error.message).toMatch(/would unpack to more than 256 MB/);
  });

  it('refuses entries that share one packed payload (overlapping-entry bombs)', async () => {
    const error = await parseError(
      writeZip([
        { name: 'word/document.xml', content: '<w:document/>' },
        {
          name: 'word/copy1.xml',
          sharesDataWith: 0,
          deflated: { payload: new Uint8Array(), declaredSize: 13 },
        },
        {
          name: 'word/copy2.xml',
          sharesDataWith: 0,
          deflated: { payload: new Uint8Array(), declaredSize: 13 },
        },
      ]),
    );
    expect(error.code).toBe('ARCHIVE_TOO_LARGE');
    expect(error.message).toMatch(/share the same packed bytes/);
  });

  it('stops unpacking an entry that lies about its size in the central directory', async () => {
    const error = await parseError(makeZipBomb({ megabytes: 8, declaredBytes: 100_000 }));
    expect(error.code).toBe('ARCHIVE_TOO_LARGE');
    expect(error.message).toMatch(/unpacks to more than the file says/);
    expect(error.detail).toMatch(/too many bytes/);
  });
});

describe('htmlToText', () => {
  it('turns paragraphs into blank-line-separated blocks, <br> into line breaks and table rows into blocks', () => {
    const html =
      '<h1>Title</h1><p>a<br />b</p><table><tr><td><p>x</p><p>y</p></td><td><p>z</p></td></tr></table><p>&lt;end&gt;</p>';
    expect(htmlToText(html)).toBe('Title\n\na\nb\n\nx\ny\nz\n\n<end>\n\n');
  });
});
