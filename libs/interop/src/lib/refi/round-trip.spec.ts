import { bytesOf } from '../../testing/zip-bytes';
import {
  EMOJI_TEXT,
  NOT_XML,
  NOT_XML_AS_WRITTEN,
  sampleProject,
} from '../../testing/sample-project';
import { type QdaCode, type QdaProject } from './model';
import { readCodebook } from './read-codebook';
import { readProject } from './read-project';
import { writeCodebook } from './write-codebook';
import { writeProject } from './write-project';

/** The project as it reads back: the characters XML cannot carry are U+FFFD. */
function asWritten(project: QdaProject): QdaProject {
  const clean = (codes: QdaCode[]): QdaCode[] =>
    codes.map((c) => ({
      ...c,
      name: c.name === NOT_XML ? NOT_XML_AS_WRITTEN : c.name,
      children: clean(c.children),
    }));
  return { ...project, codes: clean(project.codes) };
}

/** A codebook file has no notes, so codes read from one have no NoteRefs. */
function withoutNotes(codes: QdaCode[]): QdaCode[] {
  return codes.map((code) => {
    const copy: QdaCode = { ...code, children: withoutNotes(code.children) };
    delete copy.noteGuids;
    return copy;
  });
}

describe('REFI-QDA round trip', () => {
  it('reads back the project it wrote: codes, hierarchy, colours, texts, positions, notes', async () => {
    const project = sampleProject();
    const { project: read, warnings } = await readProject(await bytesOf(writeProject(project)));
    expect(warnings).toEqual([]);
    expect(read).toEqual(asWritten(project));
  });

  it('keeps positions on the same characters when the text has emoji before and inside them', async () => {
    const project = sampleProject();
    const { project: read } = await readProject(await bytesOf(writeProject(project)));
    const source = read.sources[0];
    const quotes = source?.selections.map((s) => source.text.slice(s.start, s.end));
    expect(source?.text).toBe(EMOJI_TEXT);
    expect(quotes).toEqual(['Honestly 😅 it was rough', '𝒻𝒶𝓃𝒸𝓎 dashboard crashed twice 👩🏽‍💻', '🧑‍🤝‍🧑']);
  });

  it('reads back the codebook it wrote', () => {
    const { codes } = sampleProject();
    const { codebook, warnings } = readCodebook(writeCodebook({ codes }));
    expect(warnings).toEqual([]);
    expect(codebook).toEqual({
      origin: 'Verbatim',
      codes: withoutNotes(asWritten(sampleProject()).codes),
    });
  });
});
