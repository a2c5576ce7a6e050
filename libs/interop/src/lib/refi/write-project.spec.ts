import { setTimeout as sleep } from 'node:timers/promises';
import { generatedProject } from '../../testing/generated-project';
import { HOSTILE, NOT_XML, sampleProject } from '../../testing/sample-project';
import { describeWithXmllint, validateAgainstSchema } from '../../testing/xmllint';
import { bytesOf, unzip } from '../../testing/zip-bytes';
import { InteropError } from '../interop-error';
import { stableGuid } from './guid';
import { type QdaProject, type QdaProjectInput } from './model';
import { readProject } from './read-project';
import { writeProject, type WriteProjectProgress } from './write-project';

async function qdeOf(project: QdaProjectInput): Promise<string> {
  const files = await unzip(await bytesOf(writeProject(project)));
  return files.get('project.qde')?.toString('utf8') ?? '';
}

async function refusal(project: QdaProjectInput): Promise<InteropError> {
  try {
    await bytesOf(writeProject(project));
  } catch (error) {
    if (error instanceof InteropError) return error;
    throw error;
  }
  throw new Error('expected the writer to refuse');
}

/** Every name, description and text of the sample replaced by hostile strings. */
function hostileProject(): QdaProject {
  const project = sampleProject();
  const [source] = project.sources;
  if (!source) throw new Error('the sample has sources');
  source.name = NOT_XML;
  source.description = HOSTILE.join('');
  for (const selection of source.selections) selection.description = `${NOT_XML}${HOSTILE[1]}`;
  project.users.push({ guid: stableGuid('user', 'x'), name: NOT_XML, id: HOSTILE[2] });
  project.notes.push({ guid: stableGuid('note', 'x'), name: HOSTILE[3], text: NOT_XML });
  return project;
}

describeWithXmllint('writeProject against Project.xsd', () => {
  it('writes a valid project.qde: users, codebook, sources, selections, codings, notes', async () => {
    expect(validateAgainstSchema(await qdeOf(sampleProject()), 'project')).toEqual({
      valid: true,
      output: '- validates',
    });
  });

  it('writes hostile names, descriptions and notes as valid XML', async () => {
    expect(validateAgainstSchema(await qdeOf(hostileProject()), 'project').valid).toBe(true);
  });

  it('writes a valid project.qde for an empty project', async () => {
    const empty: QdaProjectInput = { name: '', users: [], codes: [], sources: [] };
    const xml = await qdeOf(empty);
    expect(validateAgainstSchema(xml, 'project').valid).toBe(true);
    expect(xml).not.toContain('<Sources>');
  });

  it('writes a valid project.qde for many sources streamed from a database', async () => {
    const { project } = generatedProject({
      sources: 3,
      selectionsPerSource: 200,
      characters: 20_000,
    });
    expect(validateAgainstSchema(await qdeOf(project), 'project').valid).toBe(true);
  });
});

describe('writeProject', () => {
  it('puts each text at sources/<GUID>.txt, referred to as internal://<GUID>.txt', async () => {
    const project = sampleProject();
    const files = await unzip(await bytesOf(writeProject(project)));
    const guids = project.sources.map((s) => s.guid);
    expect([...files.keys()]).toEqual([...guids.map((g) => `sources/${g}.txt`), 'project.qde']);
    project.sources.forEach((source) => {
      expect(files.get(`sources/${source.guid}.txt`)?.toString('utf8')).toBe(source.text);
    });
    const qde = files.get('project.qde')?.toString('utf8');
    guids.forEach((g) => expect(qde).toContain(`plainTextPath="internal://${g}.txt"`));
  });

  it('counts positions in code points: an emoji before a selection moves it by one, not two', async () => {
    const text = '🚀 go';
    const code = { guid: stableGuid('tag', 'go'), name: 'go', isCodable: true, children: [] };
    const qde = await qdeOf({
      name: 'p',
      users: [],
      codes: [code],
      sources: [
        {
          guid: stableGuid('transcript', 'go'),
          name: 'go',
          text,
          selections: [
            {
              guid: stableGuid('highlight', 'go'),
              start: text.indexOf('go'),
              end: text.length,
              codings: [{ guid: stableGuid('highlight-tag', 'go'), codeGuid: code.guid }],
            },
          ],
        },
      ],
    });
    expect(text.indexOf('go')).toBe(3);
    expect(qde).toContain('startPosition="2" endPosition="4"');
  });

  it('gives the same bytes for the same project (stable GUIDs, entry dates and order)', async () => {
    const first = await bytesOf(writeProject(sampleProject()));
    const second = await bytesOf(writeProject(sampleProject()));
    expect(first.equals(second)).toBe(true);
  });

  it('writes 20,000 codings streamed source by source, and they read back', async () => {
    const { project } = generatedProject({
      sources: 40,
      selectionsPerSource: 455,
      characters: 40_000,
    });
    const progress: WriteProjectProgress[] = [];
    const bytes = await bytesOf(writeProject(project, { onProgress: (p) => progress.push(p) }));
    expect(progress).toHaveLength(40);
    expect(progress[39]).toEqual({ sources: 40, selections: 18_200, codings: 20_040 });

    const { project: read, warnings } = await readProject(bytes);
    expect(warnings).toEqual([]);
    const again = generatedProject({ sources: 40, selectionsPerSource: 455, characters: 40_000 });
    let checked = 0;
    for await (const expected of again.project.sources) {
      const source = read.sources[checked++];
      expect(source?.text).toBe(expected.text);
      const selections = [];
      for await (const s of expected.selections) selections.push(s);
      expect(source?.selections).toEqual(selections);
    }
    expect(checked).toBe(40);
  });

  it('asks for the next source only as fast as the archive is read', async () => {
    const { project, sourcesRequested } = generatedProject({
      sources: 20,
      selectionsPerSource: 10,
      characters: 300_000,
    });
    const output = writeProject(project);
    // Nobody reads yet: after the first texts fill the stream's buffers, the writer waits.
    await sleep(300);
    expect(sourcesRequested()).toBeLessThanOrEqual(3);
    const { project: read } = await readProject(await bytesOf(output));
    expect(read.sources).toHaveLength(20);
  });

  it('fails the stream, naming the problem, on what cannot be written as valid QDA-XML', async () => {
    const pastTheEnd = sampleProject();
    const selection = pastTheEnd.sources[0]?.selections[0];
    if (selection) selection.end = 10_000;
    expect((await refusal(pastTheEnd)).message).toMatch(/ends at 10000, past the end of its text/);

    const unknownCode = sampleProject();
    unknownCode.codes = unknownCode.codes.slice(0, 1);
    const error = await refusal(unknownCode);
    expect(error.code).toBe('INVALID_MODEL');
    expect(error.message).toMatch(/refers to the code .* not in the codebook/);

    const twice = sampleProject();
    twice.sources.push({ ...(twice.sources[0] as QdaProject['sources'][number]) });
    expect((await refusal(twice)).message).toMatch(/Two sources have the GUID/);

    const badDate = sampleProject();
    badDate.creationDateTime = new Date('not a date');
    expect((await refusal(badDate)).code).toBe('INVALID_MODEL');
  });

  it('fails the stream with the error of a source iterable that fails (a lost database)', async () => {
    async function* failing(): AsyncGenerator<never> {
      await Promise.resolve();
      throw new Error('connection terminated');
    }
    const project: QdaProjectInput = { name: 'p', users: [], codes: [], sources: failing() };
    await expect(bytesOf(writeProject(project))).rejects.toThrow('connection terminated');
  });
});
