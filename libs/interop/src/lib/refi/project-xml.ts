import {
  XML_DECLARATION,
  emptyTag,
  endTag,
  escapeText,
  startTag,
  textElement,
} from '../xml/xml-text';
import {
  type QdaNote,
  type QdaProjectInput,
  type QdaSelection,
  type QdaTextSourceInput,
} from './model';
import { type TextPositions } from './text-positions';
import { codeLines, DEFAULT_ORIGIN } from './write-codebook';
import { dateOf, guidOf, invalid, optionalGuid } from './write-checks';

/** The pieces of project.qde (namespace urn:QDA-XML:project:1.0), each checked as it is made. */

export const PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** Where a source's text goes in the archive, and how project.qde points at it. */
export function sourceTextEntry(guid: string): { entry: string; path: string } {
  return { entry: `sources/${guid}.txt`, path: `internal://${guid}.txt` };
}

/** The root element's start tag, the users and the codebook. */
export function projectHead(project: QdaProjectInput): string {
  const lines = [
    XML_DECLARATION +
      startTag('Project', [
        ['xmlns', PROJECT_NAMESPACE],
        ['xmlns:xsi', XSI],
        ['xsi:schemaLocation', `${PROJECT_NAMESPACE} Project.xsd`],
        ['name', project.name],
        ['origin', project.origin ?? DEFAULT_ORIGIN],
        ['creatingUserGUID', optionalGuid('project’s creating user', project.creatingUserGuid)],
        ['creationDateTime', dateOf('project', project.creationDateTime)],
        ['modifyingUserGUID', optionalGuid('project’s modifying user', project.modifyingUserGuid)],
        ['modifiedDateTime', dateOf('project', project.modifiedDateTime)],
      ]),
  ];
  if (project.users.length > 0) {
    lines.push('<Users>');
    for (const user of project.users) {
      const guid = guidOf(`user “${user.name ?? ''}”`, user.guid);
      lines.push(
        emptyTag('User', [
          ['guid', guid],
          ['name', user.name],
          ['id', user.id],
        ]),
      );
    }
    lines.push('</Users>');
  }
  if (project.codes.length > 0) {
    lines.push('<CodeBook>', '<Codes>', ...codeLines(project.codes, 'project', 1), '</Codes>');
    lines.push('</CodeBook>');
  }
  return `${lines.join('\n')}\n`;
}

/** Description, project-level NoteRefs and the end of the root element. */
export function projectTail(project: QdaProjectInput): string {
  const notes = (project.noteGuids ?? []).map((g) =>
    emptyTag('NoteRef', [['targetGUID', guidOf('project note', g)]]),
  );
  return [textElement('Description', project.description), ...notes, endTag('Project')]
    .filter((line) => line !== '')
    .join('\n');
}

export function textSourceStart(source: QdaTextSourceInput, guid: string): string {
  const what = `source “${source.name}”`;
  const start = startTag('TextSource', [
    ['guid', guid],
    ['name', source.name],
    ['plainTextPath', sourceTextEntry(guid).path],
    ['creatingUser', optionalGuid(`${what}’s creating user`, source.creatingUser)],
    ['creationDateTime', dateOf(what, source.creationDateTime)],
    ['modifyingUser', optionalGuid(`${what}’s modifying user`, source.modifyingUser)],
    ['modifiedDateTime', dateOf(what, source.modifiedDateTime)],
  ]);
  return `${start}${textElement('Description', source.description)}\n`;
}

export function textSourceEnd(source: QdaTextSourceInput): string {
  return `${noteRefs(source.noteGuids)}${endTag('TextSource')}\n`;
}

/**
 * One `<PlainTextSelection>` with its codings. Its UTF-16 range is checked against the text and
 * written in code points; a range that ends or starts inside a surrogate pair is widened to
 * cover the whole character. Every coding must name a code of the codebook.
 */
export function selectionXml(
  selection: QdaSelection,
  source: { name: string },
  positions: TextPositions,
  codes: ReadonlySet<string>,
): string {
  const what = `selection ${String(selection.guid)} of “${source.name}”`;
  const guid = guidOf(what, selection.guid);
  const { start, end } = selection;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end) {
    throw invalid(`The ${what} runs from ${start} to ${end}, which is not a range.`);
  }
  if (end > positions.utf16Length) {
    throw invalid(
      `The ${what} ends at ${end}, past the end of its text (${positions.utf16Length}).`,
    );
  }
  const open = startTag('PlainTextSelection', [
    ['guid', guid],
    ['name', selection.name],
    ['startPosition', positions.toCodePoint(start, 'floor')],
    ['endPosition', positions.toCodePoint(end, 'ceil')],
    ['creatingUser', optionalGuid(`${what}’s creating user`, selection.creatingUser)],
    ['creationDateTime', dateOf(what, selection.creationDateTime)],
    ['modifyingUser', optionalGuid(`${what}’s modifying user`, selection.modifyingUser)],
    ['modifiedDateTime', dateOf(what, selection.modifiedDateTime)],
  ]);
  let xml = open + textElement('Description', selection.description);
  for (const coding of selection.codings) {
    const codeGuid = guidOf(`code of a coding of the ${what}`, coding.codeGuid);
    if (!codes.has(codeGuid)) {
      throw invalid(`A coding of the ${what} refers to the code ${codeGuid}, not in the codebook.`);
    }
    xml +=
      startTag('Coding', [
        ['guid', guidOf(`coding of the ${what}`, coding.guid)],
        ['creatingUser', optionalGuid(`coding’s creating user`, coding.creatingUser)],
        ['creationDateTime', dateOf(`coding of the ${what}`, coding.creationDateTime)],
      ]) +
      emptyTag('CodeRef', [['targetGUID', codeGuid]]) +
      endTag('Coding');
  }
  return `${xml}${noteRefs(selection.noteGuids)}${endTag('PlainTextSelection')}\n`;
}

/** A `<Note>`: a memo with its text inline. */
export function noteXml(note: QdaNote): string {
  const what = `note “${note.name}”`;
  const open = startTag('Note', [
    ['guid', guidOf(what, note.guid)],
    ['name', note.name],
    ['creatingUser', optionalGuid(`${what}’s creating user`, note.creatingUser)],
    ['creationDateTime', dateOf(what, note.creationDateTime)],
    ['modifyingUser', optionalGuid(`${what}’s modifying user`, note.modifyingUser)],
    ['modifiedDateTime', dateOf(what, note.modifiedDateTime)],
  ]);
  return `${open}<PlainTextContent>${escapeText(note.text)}</PlainTextContent>${endTag('Note')}\n`;
}

function noteRefs(guids: readonly string[] | undefined): string {
  return (guids ?? [])
    .map((g) => emptyTag('NoteRef', [['targetGUID', guidOf('note reference', g)]]))
    .join('');
}
