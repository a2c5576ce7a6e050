import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { sampleProject } from '../../testing/sample-project';
import { bytesOf, deflatedSpaces, qdpx, rawZip } from '../../testing/zip-bytes';
import { InteropError } from '../interop-error';
import { type QdaReadLimits } from './limits';
import { type QdaProjectReadResult } from './model';
import { readProject, type QdpxInput } from './read-project';
import { writeProject } from './write-project';

const CODE = '34653336-3766-3235-6466-363134396437';
const SOURCE = 'd097e6fd-7671-4d95-a8b6-7795fa4a72e1';
const TEXT = 'Speaker 1: the board wants computer science for every student.\n';

/** A project.qde around `sources`, with one code, as tools write it (lower-case GUIDs, no schemaLocation). */
function qde(sources: string, extra = ''): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="Board study" origin="qc 1.3.2">' +
    `<CodeBook><Codes><Code guid="${CODE}" name="equity" isCodable="true"/></Codes></CodeBook>` +
    `<Sources>${sources}</Sources>${extra}</Project>`
  );
}

function selection(start: number, end: number, codeGuid = CODE): string {
  return (
    `<PlainTextSelection guid="37323865-3734-6533-3337-623138653238" name="line:0" startPosition="${start}" endPosition="${end}">` +
    `<Coding guid="66323339-6466-3364-3266-616537386633"><CodeRef targetGUID="${codeGuid}"/></Coding></PlainTextSelection>`
  );
}

function textSource(path: string, selections = ''): string {
  return `<TextSource guid="${SOURCE}" name="board" plainTextPath="${path}">${selections}</TextSource>`;
}

async function refusal(input: QdpxInput, limits?: Partial<QdaReadLimits>): Promise<InteropError> {
  let result: QdaProjectReadResult | undefined;
  try {
    result = await readProject(input, limits);
  } catch (error) {
    if (error instanceof InteropError) return error;
    throw error;
  }
  throw new Error(`expected a refusal, got ${JSON.stringify(result).slice(0, 200)}`);
}

const MB = 1024 * 1024;

describe('readProject: archives made to attack', () => {
  it('refuses a zip bomb: an entry that unpacks a thousand times its size', async () => {
    const bomb = rawZip([
      { name: 'project.qde', deflated: { payload: deflatedSpaces(64), declaredSize: 64 * MB } },
    ]);
    expect(bomb.length).toBeLessThan(100_000);
    const error = await refusal(bomb);
    expect(error.code).toBe('ZIP_BOMB');
    expect(error.message).toMatch(/“project\.qde” would unpack 1\d{3} times its packed size/);
  });

  it.each(['project.qde', `sources/${SOURCE}.txt`])(
    'refuses an entry that declares 1 KB and unpacks to 64 MB (%s), stopping at the lie',
    async (name) => {
      const files = { [`sources/${SOURCE}.txt`]: TEXT };
      const entries = [
        { name: 'project.qde', content: qde(textSource(`internal://${SOURCE}.txt`)) },
        ...Object.entries(files).map(([n, content]) => ({ name: n, content })),
      ].map((entry) =>
        entry.name === name
          ? { name, deflated: { payload: deflatedSpaces(64), declaredSize: 1024 } }
          : entry,
      );
      const error = await refusal(rawZip(entries));
      expect(error.code).toBe('ZIP_BOMB');
      expect(error.message).toMatch(/unpacks to more than the archive says it does/);
    },
  );

  it('refuses entries that share one packed payload (overlapping-entry bombs)', async () => {
    const overlapping = rawZip([
      { name: 'project.qde', content: qde('') },
      { name: 'sources/a.txt', content: TEXT },
      {
        name: 'sources/b.txt',
        sharesDataWith: 1,
        deflated: { payload: new Uint8Array(), declaredSize: TEXT.length },
      },
    ]);
    expect((await refusal(overlapping)).code).toBe('ZIP_BOMB');
  });

  it('refuses an entry, an archive and what it unpacks to when larger than the limits', async () => {
    const big = 'x'.repeat(600 * 1024);
    const archive = qdpx(qde(textSource(`internal://${SOURCE}.txt`)), {
      [`sources/${SOURCE}.txt`]: big,
    });
    expect((await refusal(archive, { maxEntryBytes: 512 * 1024 })).code).toBe('ENTRY_TOO_LARGE');
    expect((await refusal(archive, { maxUnpackedBytes: 512 * 1024 })).code).toBe(
      'ARCHIVE_TOO_LARGE',
    );
    expect((await refusal(archive, { maxArchiveBytes: 1024 })).message).toBe(
      'This file is larger than 1 KB, the most that is read.',
    );
  });

  it.each([
    ['../../etc/cron.d/evil', 'a parent folder'],
    ['sources/../../evil.txt', 'a parent folder inside a path'],
    ['/etc/passwd', 'an absolute path'],
    ['C:\\Windows\\System32\\evil.dll', 'a drive letter'],
  ])('refuses an entry named %s (%s)', async (name) => {
    const archive = rawZip([
      { name: 'project.qde', content: qde('') },
      { name, content: 'gotcha' },
    ]);
    const error = await refusal(archive);
    expect(error.code).toBe('UNSAFE_PATH');
    expect(error.message).toMatch(/points outside the archive/);
  });

  it('refuses an archive of 100,000 tiny entries before reading them', async () => {
    const archive = rawZip([
      { name: 'project.qde', content: qde('') },
      ...Array.from({ length: 100_000 }, (_, i) => ({ name: `sources/${i}.txt`, store: true })),
    ]);
    const error = await refusal(archive);
    expect(error.code).toBe('TOO_MANY_ENTRIES');
    expect(error.message).toBe(
      'This file holds 100,001 files; at most 10,000 are read, so it is refused.',
    );
  });

  it('refuses a project.qde with a DOCTYPE that declares entities (billion laughs)', async () => {
    const entities = Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`,
    );
    const xml = qde(textSource(`internal://${SOURCE}.txt`)).replace(
      '<Project ',
      `<!DOCTYPE Project [<!ENTITY lol "lol">${entities.join('')}]>\n<Project description="&lol9;" `,
    );
    const error = await refusal(qdpx(xml, { [`sources/${SOURCE}.txt`]: TEXT }));
    expect(error.code).toBe('DTD_FORBIDDEN');
  });

  it('refuses a project.qde with an external entity', async () => {
    const xml = qde('').replace(
      '<Project ',
      '<!DOCTYPE Project [<!ENTITY passwd SYSTEM "file:///etc/passwd">]>\n<Project description="&passwd;" ',
    );
    expect((await refusal(qdpx(xml))).code).toBe('DTD_FORBIDDEN');
  });

  it('refuses a selection past the end of its text, naming it and the source', async () => {
    const archive = qdpx(qde(textSource('board.txt', selection(10, TEXT.length + 1))), {
      'sources/board.txt': TEXT,
    });
    const error = await refusal(archive);
    expect(error.code).toBe('SELECTION_OUT_OF_RANGE');
    expect(error.message).toBe(
      `The selection “line:0” (line 2 of project.qde) in the source “board” runs from character 10 ` +
        `to ${TEXT.length + 1}, but that text has ${TEXT.length} characters: the file is damaged, ` +
        'or was written by a program that counts positions differently.',
    );
  });

  it('refuses a selection that ends before it starts, or whose positions are not numbers', async () => {
    const files = { 'sources/board.txt': TEXT };
    expect(
      (await refusal(qdpx(qde(textSource('board.txt', selection(9, 3))), files))).message,
    ).toMatch(/ends \(3\) before it starts \(9\)/);
    const notNumbers = selection(1, 2).replace('startPosition="1"', 'startPosition="one"');
    expect((await refusal(qdpx(qde(textSource('board.txt', notNumbers)), files))).code).toBe(
      'SELECTION_OUT_OF_RANGE',
    );
  });

  it('refuses more sources, selections or codings than the limits', async () => {
    const files = { 'sources/board.txt': TEXT };
    const two = textSource('board.txt', selection(0, 5) + selection(5, 9));
    const archive = qdpx(qde(two), files);
    expect((await readProject(archive)).project.sources[0]?.selections).toHaveLength(2);
    expect((await refusal(archive, { maxSelections: 1 })).message).toMatch(
      /more than 1 plain-text selections/,
    );
    expect((await refusal(archive, { maxCodings: 1 })).code).toBe('TOO_MANY_ITEMS');
    expect((await refusal(qdpx(qde(two + two), files), { maxSources: 1 })).code).toBe(
      'TOO_MANY_ITEMS',
    );
  });
});

describe('readProject: damaged files and other files', () => {
  it('refuses a .qdpx cut short, saying it is damaged', async () => {
    const whole = await bytesOf(writeProject(sampleProject()));
    const error = await refusal(whole.subarray(0, Math.floor(whole.length / 2)));
    expect(error.code).toBe('MALFORMED');
    expect(error.message).toMatch(/damaged or incomplete/);
  });

  it('refuses a file that is not a ZIP archive, and an archive without project.qde', async () => {
    expect((await refusal(Buffer.from('%PDF-1.7 not a project'))).code).toBe('NOT_QDA');
    const error = await refusal(rawZip([{ name: 'word/document.xml', content: '<w:document/>' }]));
    expect(error.message).toBe(
      'This file is not a REFI-QDA project (.qdpx): it has no project.qde inside.',
    );
  });

  it('refuses a project.qde that is cut short', async () => {
    const xml = qde(textSource('board.txt'));
    const error = await refusal(qdpx(xml.slice(0, 300), { 'sources/board.txt': TEXT }));
    expect(error.code).toBe('MALFORMED');
    expect(error.message).toMatch(
      /^The project file \(project\.qde\) inside this file ends before it is complete/,
    );
  });
});

describe('readProject: what real tools write', () => {
  it('reads qc’s bare plainTextPath and lower-case GUIDs, positions as characters of the text', async () => {
    const { project, warnings } = await readProject(
      qdpx(qde(textSource('board.txt', selection(TEXT.indexOf('the'), TEXT.indexOf('\n')))), {
        'sources/board.txt': TEXT,
      }),
    );
    expect(warnings).toEqual([]);
    const source = project.sources[0];
    expect(source?.guid).toBe(SOURCE.toUpperCase());
    expect(source?.text).toBe(TEXT);
    const quote =
      source && source.text.slice(source.selections[0]?.start, source.selections[0]?.end);
    expect(quote).toBe('the board wants computer science for every student.');
    expect(source?.selections[0]?.codings[0]?.codeGuid).toBe(CODE.toUpperCase());
  });

  it('reads text given inline (PlainTextContent), a UTF-8 BOM and UTF-16 text', async () => {
    const inline = `<TextSource guid="${SOURCE}" name="inline"><PlainTextContent>Hello &amp; 👋 bye</PlainTextContent>${selection(8, 9)}</TextSource>`;
    const bom = textSource(`internal://bom.txt`).replace(
      SOURCE,
      '11111111-1111-4111-8111-111111111111',
    );
    const utf16 = textSource(`internal://utf16.txt`).replace(
      SOURCE,
      '22222222-2222-4222-8222-222222222222',
    );
    const { project, warnings } = await readProject(
      qdpx(qde(inline + bom + utf16), {
        'sources/bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('naïve ✓')]),
        'sources/utf16.txt': Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          Buffer.from('UTF-16 😀', 'utf16le'),
        ]),
      }),
    );
    expect(warnings).toEqual([]);
    expect(project.sources.map((s) => s.text)).toEqual(['Hello & 👋 bye', 'naïve ✓', 'UTF-16 😀']);
    const [inlineSource] = project.sources;
    expect(
      inlineSource?.text.slice(inlineSource.selections[0]?.start, inlineSource.selections[0]?.end),
    ).toBe('👋');
  });

  it('lists what it could not take over, by name, and keeps the rest', async () => {
    const sources =
      textSource(
        'board.txt',
        selection(0, 7) + selection(0, 7, 'AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA'),
      ) +
      `<PDFSource guid="${'3'.repeat(8)}-3333-4333-8333-333333333333" name="Policy.pdf" path="internal://p.pdf"/>` +
      `<AudioSource guid="${'4'.repeat(8)}-4444-4444-8444-444444444444" name="Board meeting.mp3"><AudioSelection guid="${'5'.repeat(8)}-5555-4555-8555-555555555555" begin="0" end="100"/></AudioSource>` +
      `<TextSource guid="${'6'.repeat(8)}-6666-4666-8666-666666666666" name="Minutes" richTextPath="internal://m.docx" plainTextPath="internal://m.txt">${selection(0, 1)}</TextSource>` +
      `<TextSource guid="${'7'.repeat(8)}-7777-4777-8777-777777777777" name="Elsewhere" plainTextPath="absolute://C:/data/x.txt"/>` +
      `<TextSource guid="${'8'.repeat(8)}-8888-4888-8888-888888888888" name="Lost" plainTextPath="internal://lost.txt"/>`;
    const extra =
      `<Sets><Set guid="${'9'.repeat(8)}-9999-4999-8999-999999999999" name="Phase 1"/></Sets>` +
      `<Graphs><Graph guid="${'a'.repeat(8)}-aaaa-4aaa-8aaa-aaaaaaaaaaaa" name="Map"/></Graphs><Vendor:Thing xmlns:Vendor="urn:x"/>`;
    const { project, warnings } = await readProject(
      qdpx(qde(sources, extra), {
        'sources/board.txt': TEXT,
        'sources/m.txt': '\n',
        'sources/m.docx': 'PK…',
      }),
    );
    expect(project.sources.map((s) => s.name)).toEqual(['board']);
    expect(project.sources[0]?.selections.map((s) => s.codings.length)).toEqual([1, 0]);
    expect(warnings.map((w) => w.message)).toEqual([
      '1 PDF source (“Policy.pdf”) was not imported, nor their codings: Verbatim imports text sources only.',
      '1 audio source (“Board meeting.mp3”) was not imported, nor their codings: Verbatim imports text sources only.',
      '1 set (“Phase 1”) was not imported: Verbatim has no sets of codes or sources.',
      '1 graph (“Map”) was not imported: Verbatim does not keep drawn diagrams.',
      '1 <Thing> element unknown to Verbatim was skipped.',
      'The source “Minutes” was not imported (nor its 1 coded selection): its text is only in the ' +
        'rich-text document “internal://m.docx”, and Verbatim reads plain text. Export it from the ' +
        'other program as plain text, or upload the document as a transcript.',
      'The source “Elsewhere” was not imported: its text is not inside this file but at ' +
        '“absolute://C:/data/x.txt”. Export the project with its sources included.',
      'The source “Lost” was not imported: its text file “internal://lost.txt” is missing from this file.',
      '1 coding refers to a code that is not in the codebook, so it was left out.',
    ]);
    expect(warnings.map((w) => w.code)).toEqual([
      'UNSUPPORTED_SOURCE',
      'UNSUPPORTED_SOURCE',
      'UNSUPPORTED_CONTENT',
      'UNSUPPORTED_CONTENT',
      'UNKNOWN_ELEMENT',
      'RICH_TEXT_ONLY',
      'EXTERNAL_SOURCE',
      'MISSING_SOURCE_TEXT',
      'UNKNOWN_CODE',
    ]);
  });

  it('says what it leaves out of variables, cases, links, whole-source codings and notes', async () => {
    const G = (n: number): string => `${String(n).repeat(8)}-1111-4111-8111-111111111111`;
    const variables = `<Variables><Variable guid="${G(1)}" name="Age" typeOfVariable="Integer"/></Variables>`;
    const cases = `<Cases><Case guid="${G(2)}" name="Ann"/><Case guid="${G(3)}" name="Bo"/></Cases>`;
    const source = textSource(
      'board.txt',
      `<Coding guid="${G(4)}"><CodeRef targetGUID="${CODE}"/></Coding>` +
        `<VariableValue><VariableRef targetGUID="${G(1)}"/><IntegerValue>42</IntegerValue></VariableValue>`,
    );
    const notes =
      `<Notes><Note guid="${G(5)}" name="Memo"><Description>About</Description>` +
      `<PlainTextContent>Kept &amp; read</PlainTextContent><NoteRef targetGUID="${G(6)}"/></Note></Notes>` +
      `<Links><Link guid="${G(7)}" name="causes"/></Links>`;
    const xml = qde(source, notes).replace('</CodeBook>', `</CodeBook>${variables}${cases}`);
    const { project, warnings } = await readProject(qdpx(xml, { 'sources/board.txt': TEXT }));
    expect(project.notes).toEqual([{ guid: G(5), name: 'Memo', text: 'Kept & read' }]);
    expect(project.sources[0]?.selections).toEqual([]);
    expect(warnings.map((w) => w.message)).toEqual([
      '1 variable (“Age”) was not imported: Verbatim has no variables.',
      '2 cases (“Ann” and “Bo”) were not imported: Verbatim has no cases.',
      '1 coding of whole sources was not imported: Verbatim codes selections of text.',
      '1 variable value was not imported: Verbatim has no variables.',
      'Descriptions of notes (“Memo”) were not imported: a note in Verbatim is its text.',
      'References from notes to other notes (“Memo”) were not imported: a note in Verbatim is its text.',
      '1 link (“causes”) was not imported: Verbatim has no links between items.',
    ]);
  });

  it('quotes names from the file in its messages briefly, without control characters', async () => {
    // A line feed (as a reference, or XML would read a space) and a C1 control character.
    const name = `Evil&#10;\u0085${'x'.repeat(10_000)}`;
    const source = textSource('internal://gone.txt').replace('name="board"', `name="${name}"`);
    const { warnings } = await readProject(qdpx(qde(source)));
    expect(warnings[0]?.message).toBe(
      `The source “Evil  ${'x'.repeat(73)}…” was not imported: its text file “internal://gone.txt” ` +
        'is missing from this file.',
    );
  });

  it('reads the same project from bytes, from a file on disk and from a stream', async () => {
    const bytes = await bytesOf(writeProject(sampleProject()));
    const folder = mkdtempSync(join(tmpdir(), 'interop-'));
    try {
      const path = join(folder, 'project.qdpx');
      writeFileSync(path, bytes);
      const fromBytes = await readProject(bytes);
      expect(await readProject({ path })).toEqual(fromBytes);
      expect(
        await readProject(Readable.from([bytes.subarray(0, 100), bytes.subarray(100)])),
      ).toEqual(fromBytes);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
