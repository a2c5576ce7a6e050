/**
 * The REFI-QDA (QDA-XML 1.0) content Verbatim exchanges, as plain data: what the readers return
 * and what the writers take.
 *
 * Positions (`start`, `end`) are JavaScript string indices into the source's `text`, that is
 * UTF-16 code units, as everywhere else in Verbatim; `end` is exclusive. The files count Unicode
 * code points instead: the writers and readers convert (see `text-positions.ts`).
 *
 * GUIDs are upper-case `XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX` as read (braces removed), and must be
 * of that form for the writers (`stableGuid` makes them from Verbatim ids).
 */

/** Something that can be iterated once, now or as it arrives (rows streamed from a database). */
export type Many<T> = Iterable<T> | AsyncIterable<T>;

export interface QdaUser {
  guid: string;
  name?: string;
  /** A short id some tools show (initials). */
  id?: string;
}

export interface QdaCode {
  guid: string;
  name: string;
  /** `#RRGGBB`, upper case. */
  color?: string;
  description?: string;
  /** False for a folder that only groups other codes. */
  isCodable: boolean;
  children: QdaCode[];
  /** Notes (memos) about this code, by GUID (see `QdaProject.notes`). */
  noteGuids?: string[];
}

/** One code of one selection (a tag on a highlight). */
export interface QdaCoding {
  guid: string;
  codeGuid: string;
  creatingUser?: string;
  creationDateTime?: Date;
}

/** A stretch of a text source's plain text (a highlight) and the codes applied to it. */
export interface QdaSelection {
  guid: string;
  /** UTF-16 index of the first character (inclusive). */
  start: number;
  /** UTF-16 index after the last character (exclusive). */
  end: number;
  name?: string;
  /** A comment on the selection, kept in the file as its Description. */
  description?: string;
  creatingUser?: string;
  creationDateTime?: Date;
  modifyingUser?: string;
  modifiedDateTime?: Date;
  codings: QdaCoding[];
  noteGuids?: string[];
}

export interface QdaTextSource {
  guid: string;
  name: string;
  /** The plain text; selections point into it. */
  text: string;
  description?: string;
  creatingUser?: string;
  creationDateTime?: Date;
  modifyingUser?: string;
  modifiedDateTime?: Date;
  selections: QdaSelection[];
  noteGuids?: string[];
}

/** A memo: a text of its own, referred to by GUID from codes, sources, selections or the project. */
export interface QdaNote {
  guid: string;
  name: string;
  text: string;
  creatingUser?: string;
  creationDateTime?: Date;
  modifyingUser?: string;
  modifiedDateTime?: Date;
}

export interface QdaCodebook {
  /** The program that wrote the file, as the file says (`ATLAS.ti Win 23.4.0`). */
  origin?: string;
  codes: QdaCode[];
}

export interface QdaProject {
  name: string;
  origin?: string;
  description?: string;
  creatingUserGuid?: string;
  creationDateTime?: Date;
  modifyingUserGuid?: string;
  modifiedDateTime?: Date;
  users: QdaUser[];
  codes: QdaCode[];
  sources: QdaTextSource[];
  notes: QdaNote[];
  /** Notes about the project as a whole. */
  noteGuids?: string[];
}

/**
 * What `writeProject` takes: a `QdaProject`, except that sources (each with its selections) and
 * notes may arrive one at a time, so an export job can stream them from the database. Users and
 * codes are given whole (a codebook is small, and every coding is checked against it).
 */
export interface QdaProjectInput extends Omit<QdaProject, 'sources' | 'notes'> {
  sources: Many<QdaTextSourceInput>;
  notes?: Many<QdaNote>;
}

export interface QdaTextSourceInput extends Omit<QdaTextSource, 'selections'> {
  selections: Many<QdaSelection>;
}

/** Something in a file that Verbatim could not take over, said for the person importing it. */
export interface QdaWarning {
  code: QdaWarningCode;
  message: string;
}

export type QdaWarningCode =
  /** A text source whose text is only in a rich-text document (DOCX) next to an empty .txt. */
  | 'RICH_TEXT_ONLY'
  /** A picture, PDF, audio or video source. */
  | 'UNSUPPORTED_SOURCE'
  /** A source whose file is outside the archive (`absolute://`, `relative://`). */
  | 'EXTERNAL_SOURCE'
  /** A source whose text file is not in the archive, or cannot be read as text. */
  | 'MISSING_SOURCE_TEXT'
  | 'EMPTY_SOURCE'
  /** Sets, variables, cases, links, graphs: structures Verbatim has no place for. */
  | 'UNSUPPORTED_CONTENT'
  /** Codings of a whole source, or selections inside notes. */
  | 'UNSUPPORTED_CODING'
  /** A coding whose code is not in the codebook. */
  | 'UNKNOWN_CODE'
  | 'DUPLICATE_GUID'
  | 'INVALID_VALUE'
  /** Elements this reader does not know (another namespace, a newer version). */
  | 'UNKNOWN_ELEMENT';

export interface QdaCodebookReadResult {
  codebook: QdaCodebook;
  warnings: QdaWarning[];
}

export interface QdaProjectReadResult {
  project: QdaProject;
  warnings: QdaWarning[];
}
