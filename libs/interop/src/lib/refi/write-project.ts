import { type Readable } from 'node:stream';
import { DeflatedTextBuffer } from '../zip/deflated-text-buffer';
import { ZipStreamWriter } from '../zip/zip-stream-writer';
import { type QdaProjectInput } from './model';
import {
  noteXml,
  projectHead,
  projectTail,
  selectionXml,
  sourceTextEntry,
  textSourceEnd,
  textSourceStart,
} from './project-xml';
import { TextPositions } from './text-positions';
import { codeGuids, guidOf, invalid } from './write-checks';

export interface WriteProjectProgress {
  sources: number;
  selections: number;
  codings: number;
}

export interface WriteProjectOptions {
  /** Called after each source has been written, for a job's progress bar. */
  onProgress?: (progress: WriteProjectProgress) => void;
  /**
   * The date every archive entry carries. Default: the project's `modifiedDateTime`, else its
   * `creationDateTime`, else 2000-01-01 — never the clock, so the same project gives the same bytes.
   */
  entryDate?: Date;
}

const FIXED_ENTRY_DATE = new Date(Date.UTC(2000, 0, 1));
/** Characters of a source's text encoded at a time. */
const TEXT_CHUNK = 64 * 1024;

/**
 * A project exchange file (.qdpx) as a stream of ZIP bytes: `project.qde` and each text source's
 * plain text at `sources/<GUID>.txt`, referred to as `internal://<GUID>.txt`.
 *
 * Sources (each with its selections) and notes are read once, in order, as they come, and each
 * source's text is written to the archive before the next source is asked for; the part of
 * project.qde that describes the sources waits deflated in memory (some 75 bytes a coding) until
 * the texts are out, because project.qde goes last. So memory holds one source at a time whatever
 * the size of the project.
 *
 * Anything that cannot be written as valid QDA-XML (a malformed GUID or colour, a selection outside
 * its text, a coding of a code that is not in the codebook) fails the stream with an InteropError
 * INVALID_MODEL, as does an error thrown by the iterables; a consumer such as `pipeline` rejects
 * with it, and whatever was written so far is not a valid archive.
 *
 *     await pipeline(writeProject(project, { onProgress }), createWriteStream(path));
 */
export function writeProject(
  project: QdaProjectInput,
  options: WriteProjectOptions = {},
): Readable {
  const entryDate =
    options.entryDate ?? project.modifiedDateTime ?? project.creationDateTime ?? FIXED_ENTRY_DATE;
  const zip = new ZipStreamWriter(entryDate);
  writeEntries(zip, project, options).then(
    () => zip.end(),
    (error: unknown) => zip.fail(error instanceof Error ? error : new Error(String(error))),
  );
  return zip.output;
}

async function writeEntries(
  zip: ZipStreamWriter,
  project: QdaProjectInput,
  options: WriteProjectOptions,
): Promise<void> {
  const head = projectHead(project);
  const codes = codeGuids(project.codes);
  const sources = new DeflatedTextBuffer();
  const progress: WriteProjectProgress = { sources: 0, selections: 0, codings: 0 };
  const seen = new Set<string>();
  for await (const source of project.sources) {
    const guid = guidOf(`source “${source.name}”`, source.guid);
    if (seen.has(guid)) throw invalid(`Two sources have the GUID ${guid}.`);
    seen.add(guid);
    const positions = new TextPositions(source.text);
    sources.write(textSourceStart(source, guid));
    for await (const selection of source.selections) {
      sources.write(selectionXml(selection, source, positions, codes));
      progress.selections++;
      progress.codings += selection.codings.length;
    }
    sources.write(textSourceEnd(source));
    await zip.add(sourceTextEntry(guid).entry, utf8Chunks(source.text));
    progress.sources++;
    options.onProgress?.({ ...progress });
  }
  const notes = new DeflatedTextBuffer();
  let noteCount = 0;
  for await (const note of project.notes ?? []) {
    notes.write(noteXml(note));
    noteCount++;
  }
  const tail = projectTail(project);
  await zip.add(
    'project.qde',
    projectQde(
      head,
      progress.sources > 0 ? sources : undefined,
      noteCount > 0 ? notes : undefined,
      tail,
    ),
  );
}

function* projectQde(
  head: string,
  sources: DeflatedTextBuffer | undefined,
  notes: DeflatedTextBuffer | undefined,
  tail: string,
): Generator<Buffer> {
  yield Buffer.from(head, 'utf8');
  if (sources) {
    yield Buffer.from('<Sources>\n');
    yield* sources.read();
    yield Buffer.from('</Sources>\n');
  }
  if (notes) {
    yield Buffer.from('<Notes>\n');
    yield* notes.read();
    yield Buffer.from('</Notes>\n');
  }
  yield Buffer.from(`${tail}\n`, 'utf8');
}

/** The text as UTF-8, a slice at a time, never splitting a surrogate pair between slices. */
function* utf8Chunks(text: string): Generator<Buffer> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + TEXT_CHUNK, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    yield Buffer.from(text.slice(start, end), 'utf8');
    start = end;
  }
}
