import { type QdaCode, type QdaCoding, type QdaUser } from './model';

/** A QDA-XML document as read, before texts are attached and positions converted. */
export interface ParsedDocument {
  root: 'Project' | 'CodeBook';
  name?: string;
  origin?: string;
  description?: string;
  creatingUserGuid?: string;
  creationDateTime?: Date;
  modifyingUserGuid?: string;
  modifiedDateTime?: Date;
  users: QdaUser[];
  codes: QdaCode[];
  sources: ParsedTextSource[];
  notes: ParsedNote[];
  noteGuids: string[];
}

export interface Dated {
  creatingUser?: string;
  creationDateTime?: Date;
  modifyingUser?: string;
  modifiedDateTime?: Date;
}

export interface ParsedTextSource extends Dated {
  guid: string;
  name?: string;
  plainTextPath?: string;
  richTextPath?: string;
  /** PlainTextContent: the text given inline instead of as a file. */
  inlineText?: string;
  description?: string;
  selections: ParsedSelection[];
  noteGuids: string[];
}

/** Positions in Unicode code points, as in the file. */
export interface ParsedSelection extends Dated {
  guid: string;
  name?: string;
  start: number;
  end: number;
  line: number;
  description?: string;
  codings: QdaCoding[];
  noteGuids: string[];
}

export interface ParsedNote extends Dated {
  guid: string;
  name: string;
  plainTextPath?: string;
  inlineText?: string;
}
