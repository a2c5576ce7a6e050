import { TextDecoder } from 'node:util';
import { InteropError } from '../interop-error';
import { SafeXmlReader } from '../xml/safe-xml-reader';
import { SafeZipReader, type ZipEntryInfo, type ZipInput } from '../zip/safe-zip-reader';
import { plural, quote } from '../wording';
import { type QdaReadLimits, readLimits } from './limits';
import {
  type QdaCode,
  type QdaNote,
  type QdaProject,
  type QdaProjectReadResult,
  type QdaSelection,
  type QdaTextSource,
  type QdaWarningCode,
} from './model';
import {
  type ParsedDocument,
  type ParsedNote,
  type ParsedSelection,
  type ParsedTextSource,
} from './parsed-document';
import { QdaDocumentReader } from './qda-document';
import { copyDefined } from './read-values';
import { TextPositions } from './text-positions';
import { WarningList } from './warning-list';

/** A .qdpx file: its bytes, its path on disk (read in place), or a stream of its bytes. */
export type QdpxInput = ZipInput;

const QDE_LABEL = 'The project file (project.qde) inside this file';

/**
 * Reads a project exchange file (.qdpx): users, the codebook, text sources with their plain
 * text, their selections and codings, and notes. Positions in the file count Unicode code points;
 * the model's count UTF-16 code units (see `TextPositions`).
 *
 * What Verbatim cannot hold is left out and said in `warnings` (never dropped silently):
 * rich-text-only, picture, PDF, audio and video sources, codings of whole sources, sets,
 * variables, cases, links, graphs, codings of codes missing from the codebook, unknown elements.
 *
 * Refused with an InteropError, nothing returned: anything past the limits (see QdaReadLimits),
 * unsafe entry names, zip bombs, a DOCTYPE, XML that is not well-formed or cut short, and a
 * selection outside its source's text.
 */
export async function readProject(
  input: QdpxInput,
  limits: Partial<QdaReadLimits> = {},
): Promise<QdaProjectReadResult> {
  const applied = readLimits(limits);
  const zip = await SafeZipReader.open(input, applied);
  try {
    const warnings = new WarningList();
    const document = await parseProjectXml(zip, applied, warnings);
    const sources: QdaTextSource[] = [];
    for (const parsed of document.sources) {
      const source = await textSource(zip, parsed, warnings);
      if (source) sources.push(source);
    }
    dropCodingsOfUnknownCodes(sources, document.codes, warnings);
    const notes: QdaNote[] = [];
    for (const parsed of document.notes) {
      const note = await noteOf(zip, parsed, warnings);
      if (note) notes.push(note);
    }
    return { project: projectOf(document, sources, notes), warnings: warnings.toArray() };
  } finally {
    zip.close();
  }
}

async function parseProjectXml(
  zip: SafeZipReader,
  limits: QdaReadLimits,
  warnings: WarningList,
): Promise<ParsedDocument> {
  const entry = projectEntry(zip);
  const document = new QdaDocumentReader('Project', QDE_LABEL, limits, warnings);
  const reader = new SafeXmlReader(document, { label: QDE_LABEL, ...limits });
  for await (const chunk of zip.read(entry)) reader.write(chunk);
  reader.end();
  return document.document;
}

/** `project.qde` at the root, as the standard names it, or else the one `.qde` at the root. */
function projectEntry(zip: SafeZipReader): ZipEntryInfo {
  const named = zip.find('project.qde');
  if (named) return named;
  const others = zip.entries.filter((e) => !e.name.includes('/') && /\.qde$/i.test(e.name));
  if (others.length === 1) return others[0] as ZipEntryInfo;
  throw new InteropError(
    'NOT_QDA',
    'This file is not a REFI-QDA project (.qdpx): it has no project.qde inside.',
  );
}

function projectOf(
  document: ParsedDocument,
  sources: QdaTextSource[],
  notes: QdaNote[],
): QdaProject {
  const project: QdaProject = {
    name: document.name ?? '',
    users: document.users,
    codes: document.codes,
    sources,
    notes,
  };
  const optional = [
    'origin',
    'description',
    'creatingUserGuid',
    'creationDateTime',
    'modifyingUserGuid',
    'modifiedDateTime',
  ] as const;
  copyDefined(project, document, optional);
  if (document.noteGuids.length > 0) project.noteGuids = document.noteGuids;
  return project;
}

/** The source with its text and its selections in UTF-16 positions, or undefined and a warning. */
async function textSource(
  zip: SafeZipReader,
  parsed: ParsedTextSource,
  warnings: WarningList,
): Promise<QdaTextSource | undefined> {
  const name = parsed.name ?? nameFromPath(parsed.plainTextPath) ?? parsed.guid;
  const text = await sourceText(zip, parsed, name, warnings);
  if (text === undefined) return undefined;
  if (text.trim() === '') {
    skipEmpty(parsed, name, warnings);
    return undefined;
  }
  const positions = new TextPositions(text);
  const source: QdaTextSource = {
    guid: parsed.guid,
    name,
    text,
    selections: parsed.selections.map((s) => selectionOf(s, name, positions)),
  };
  const optional = [
    'description',
    'creatingUser',
    'creationDateTime',
    'modifyingUser',
    'modifiedDateTime',
  ] as const;
  copyDefined(source, parsed, optional);
  if (parsed.noteGuids.length > 0) source.noteGuids = parsed.noteGuids;
  return source;
}

async function sourceText(
  zip: SafeZipReader,
  parsed: ParsedTextSource,
  name: string,
  warnings: WarningList,
): Promise<string | undefined> {
  if (parsed.inlineText !== undefined) return parsed.inlineText;
  const path = parsed.plainTextPath;
  if (path === undefined) {
    if (parsed.richTextPath !== undefined) return skipRichText(parsed, name, warnings);
    return skip(warnings, 'MISSING_SOURCE_TEXT', parsed, name, 'it has no text.');
  }
  const found = entryFor(zip, path);
  if (found === 'external') {
    const reason = `its text is not inside this file but at ${quote(path)}. Export the project with its sources included.`;
    return skip(warnings, 'EXTERNAL_SOURCE', parsed, name, reason);
  }
  if (!found) {
    return skip(
      warnings,
      'MISSING_SOURCE_TEXT',
      parsed,
      name,
      `its text file ${quote(path)} is missing from this file.`,
    );
  }
  const text = await readText(zip, found);
  if (text === undefined) {
    return skip(
      warnings,
      'MISSING_SOURCE_TEXT',
      parsed,
      name,
      'its text is not UTF-8 or UTF-16 text.',
    );
  }
  return text;
}

/** A source whose plain text is empty: the rich text beside it holds the words (NVivo), or nothing does. */
function skipEmpty(parsed: ParsedTextSource, name: string, warnings: WarningList): void {
  if (parsed.richTextPath !== undefined) skipRichText(parsed, name, warnings);
  else skip(warnings, 'EMPTY_SOURCE', parsed, name, 'it has no text.');
}

function skipRichText(parsed: ParsedTextSource, name: string, warnings: WarningList): undefined {
  const reason =
    `its text is only in the rich-text document ${quote(parsed.richTextPath ?? '')}, and Verbatim ` +
    'reads plain text. Export it from the other program as plain text, or upload the document ' +
    'as a transcript.';
  return skip(warnings, 'RICH_TEXT_ONLY', parsed, name, reason);
}

/** “The source “x” was not imported (nor its 3 coded selections): <reason>” */
function skip(
  warnings: WarningList,
  code: QdaWarningCode,
  parsed: ParsedTextSource,
  name: string,
  reason: string,
): undefined {
  const count = parsed.selections.length;
  const lost = count === 0 ? '' : ` (nor its ${plural(count, 'coded selection')})`;
  warnings.add(code, `The source ${quote(name)} was not imported${lost}: ${reason}`);
  return undefined;
}

/**
 * The archive entry a `plainTextPath` points at. The standard writes `internal://<file>` for
 * `sources/<file>`; qc writes the bare file name; `absolute://`, `relative://` and `file:` paths
 * are outside the archive.
 */
function entryFor(zip: SafeZipReader, path: string): ZipEntryInfo | 'external' | undefined {
  const trimmed = path.trim();
  const internal = /^internal:\/\/(.*)$/i.exec(trimmed);
  const file = internal ? (internal[1] ?? '') : trimmed;
  if (!internal && (/^[a-z][a-z0-9+.-]*:/i.test(file) || file.startsWith('/'))) return 'external';
  const candidates = [`sources/${file}`, file];
  for (const candidate of [...candidates, ...candidates.map(decodePath)]) {
    const entry = zip.find(candidate);
    if (entry) return entry;
  }
  return undefined;
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function nameFromPath(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  const file = path.split(/[/\\]/).pop() ?? '';
  return file.replace(/\.txt$/i, '') || undefined;
}

/** The entry as text: UTF-8 (a BOM is dropped), or UTF-16 after its BOM; undefined if neither. */
async function readText(zip: SafeZipReader, entry: ZipEntryInfo): Promise<string | undefined> {
  let decoder: TextDecoder | undefined;
  const parts: string[] = [];
  try {
    for await (const chunk of zip.read(entry)) {
      decoder ??= new TextDecoder(utf16Of(chunk) ?? 'utf-8', { fatal: true });
      parts.push(decoder.decode(chunk, { stream: true }));
    }
    if (decoder) parts.push(decoder.decode());
  } catch (error) {
    if (error instanceof InteropError) throw error;
    return undefined;
  }
  return parts.join('');
}

function utf16Of(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** Checks the selection against its text (in code points) and converts it to UTF-16 indices. */
function selectionOf(
  parsed: ParsedSelection,
  source: string,
  positions: TextPositions,
): QdaSelection {
  const { start, end } = parsed;
  if (start > end || end > positions.codePointLength) {
    const label = quote(parsed.name ?? parsed.guid);
    throw new InteropError(
      'SELECTION_OUT_OF_RANGE',
      `The selection ${label} (line ${parsed.line} of project.qde) in the source ${quote(source)} ` +
        (start > end
          ? `ends (${end}) before it starts (${start})`
          : `runs from character ${start} to ${end}, but that text has ` +
            `${positions.codePointLength.toLocaleString('en')} characters`) +
        ': the file is damaged, or was written by a program that counts positions differently.',
    );
  }
  const selection: QdaSelection = {
    guid: parsed.guid,
    start: positions.toUtf16(start),
    end: positions.toUtf16(end),
    codings: parsed.codings,
  };
  const optional = [
    'name',
    'description',
    'creatingUser',
    'creationDateTime',
    'modifyingUser',
    'modifiedDateTime',
  ] as const;
  copyDefined(selection, parsed, optional);
  if (parsed.noteGuids.length > 0) selection.noteGuids = parsed.noteGuids;
  return selection;
}

function dropCodingsOfUnknownCodes(
  sources: QdaTextSource[],
  codes: QdaCode[],
  warnings: WarningList,
): void {
  const known = new Set<string>();
  const visit = (list: QdaCode[]): void =>
    list.forEach((code) => {
      known.add(code.guid);
      visit(code.children);
    });
  visit(codes);
  for (const source of sources) {
    for (const selection of source.selections) {
      const kept = selection.codings.filter((coding) => known.has(coding.codeGuid));
      for (let n = kept.length; n < selection.codings.length; n++) {
        warnings.tally(
          'unknown-code',
          'UNKNOWN_CODE',
          (count) =>
            `${plural(count, 'coding')} ${count === 1 ? 'refers' : 'refer'} to a code that is not ` +
            `in the codebook, so ${count === 1 ? 'it was' : 'they were'} left out.`,
        );
      }
      selection.codings = kept;
    }
  }
}

async function noteOf(
  zip: SafeZipReader,
  parsed: ParsedNote,
  warnings: WarningList,
): Promise<QdaNote | undefined> {
  let text = parsed.inlineText;
  if (text === undefined && parsed.plainTextPath !== undefined) {
    const found = entryFor(zip, parsed.plainTextPath);
    if (found && found !== 'external') text = await readText(zip, found);
  }
  if (text === undefined) {
    warnings.add(
      'MISSING_SOURCE_TEXT',
      `The note ${quote(parsed.name)} has no text in this file; it was not imported.`,
    );
    return undefined;
  }
  const note: QdaNote = { guid: parsed.guid, name: parsed.name, text };
  const optional = [
    'creatingUser',
    'creationDateTime',
    'modifyingUser',
    'modifiedDateTime',
  ] as const;
  copyDefined(note, parsed, optional);
  return note;
}
