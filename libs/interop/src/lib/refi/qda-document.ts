import { InteropError } from '../interop-error';
import { type XmlHandler } from '../xml/safe-xml-reader';
import { quote } from '../wording';
import { CodeTree } from './code-tree';
import { type QdaReadLimits } from './limits';
import { type QdaCoding, type QdaUser } from './model';
import {
  type Dated,
  type ParsedDocument,
  type ParsedNote,
  type ParsedSelection,
  type ParsedTextSource,
} from './parsed-document';
import { type Attributes, datedOf, optionalGuid, positionOf, requiredGuid } from './read-values';
import { SkippedContent } from './skipped-content';
import { type WarningList } from './warning-list';

type Role =
  | 'project'
  | 'codebook-root'
  | 'codebook'
  | 'codes'
  | 'code'
  | 'users'
  | 'sources'
  | 'text-source'
  | 'selection'
  | 'coding'
  | 'notes'
  | 'note'
  | 'capture'
  | 'collection'
  | 'skip';

interface Frame {
  role: Role;
  onClose?: () => void;
  /** Text collected by a `capture` frame. */
  chunks?: string[];
  /** What a `collection` frame (Sets, Variables...) does with each child it skips. */
  onChild?: (attributes: Attributes) => void;
}

const NAMESPACES: Record<ParsedDocument['root'], readonly string[]> = {
  Project: ['urn:QDA-XML:project:1.0'],
  // ATLAS.ti 23 still writes the draft namespace of 2017 in some exports.
  CodeBook: ['urn:QDA-XML:codebook:1.0', 'urn:QDA-XML:codebook:0:4'],
};

const OTHER_SOURCES: Record<string, string> = {
  PictureSource: 'picture',
  PDFSource: 'PDF',
  AudioSource: 'audio',
  VideoSource: 'video',
};

/**
 * Builds a ParsedDocument from a codebook (.qdc) or project (.qde) as its elements stream by.
 * What Verbatim keeps is read into the document; everything else is skipped and said in a
 * warning, and elements it does not know are named.
 */
export class QdaDocumentReader implements XmlHandler {
  readonly document: ParsedDocument;
  private readonly stack: Frame[] = [];
  private readonly codes: CodeTree;
  private readonly skipped: SkippedContent;
  private sourceCount = 0;
  private selectionCount = 0;
  private codingCount = 0;

  constructor(
    root: ParsedDocument['root'],
    private readonly label: string,
    private readonly limits: QdaReadLimits,
    private readonly warnings: WarningList,
  ) {
    this.codes = new CodeTree(limits.maxCodes, label, warnings);
    this.skipped = new SkippedContent(warnings);
    this.document = {
      root,
      users: [],
      codes: this.codes.roots,
      sources: [],
      notes: [],
      noteGuids: [],
    };
  }

  open(name: string, attributes: Attributes, namespace: string, line: number): void {
    const parent = this.stack[this.stack.length - 1];
    if (!parent) {
      this.stack.push(this.root(name, attributes, namespace));
    } else if (parent.role === 'skip') {
      this.stack.push({ role: 'skip' });
    } else if (parent.role === 'collection') {
      parent.onChild?.(attributes);
      this.stack.push({ role: 'skip' });
    } else {
      this.stack.push(this.child(parent.role, name, attributes, line));
    }
  }

  close(): void {
    const frame = this.stack.pop();
    frame?.onClose?.();
  }

  text(text: string): void {
    this.stack[this.stack.length - 1]?.chunks?.push(text);
  }

  private root(name: string, attributes: Attributes, namespace: string): Frame {
    const expected = this.document.root;
    if (name !== expected) {
      const kind = expected === 'Project' ? 'project (project.qde)' : 'codebook';
      throw new InteropError(
        'NOT_QDA',
        `${this.label} is not a REFI-QDA ${kind}: it holds <${name}> where <${expected}> belongs.`,
      );
    }
    if (!NAMESPACES[expected].includes(namespace)) {
      const standard = NAMESPACES[expected][0] as string;
      const declared = namespace
        ? `is in the namespace ${quote(namespace)}, not ${standard}`
        : `has no namespace (it should be ${standard})`;
      this.warnings.add(
        'UNKNOWN_ELEMENT',
        `${this.label} ${declared}; it was read as QDA-XML 1.0.`,
      );
    }
    const doc = this.document;
    if (attributes['origin'] !== undefined) doc.origin = attributes['origin'];
    if (expected === 'CodeBook') return { role: 'codebook-root' };
    if (attributes['name'] !== undefined) doc.name = attributes['name'];
    const dated = this.dated(attributes, 'creatingUserGUID', 'modifyingUserGUID');
    if (dated.creatingUser) doc.creatingUserGuid = dated.creatingUser;
    if (dated.creationDateTime) doc.creationDateTime = dated.creationDateTime;
    if (dated.modifyingUser) doc.modifyingUserGuid = dated.modifyingUser;
    if (dated.modifiedDateTime) doc.modifiedDateTime = dated.modifiedDateTime;
    return { role: 'project' };
  }

  private child(parent: Role, name: string, attributes: Attributes, line: number): Frame {
    switch (parent) {
      case 'project':
        return this.projectChild(name, attributes);
      case 'codebook-root':
        if (name === 'Codes') return { role: 'codes' };
        if (name === 'Sets') return this.sets();
        break;
      case 'codebook':
        if (name === 'Codes') return { role: 'codes' };
        break;
      case 'codes':
      case 'code':
        return this.codeChild(parent, name, attributes, line);
      case 'users':
        if (name === 'User') return this.user(attributes, line);
        break;
      case 'sources':
        return this.source(name, attributes, line);
      case 'text-source':
        return this.textSourceChild(name, attributes, line);
      case 'selection':
        return this.selectionChild(name, attributes, line);
      case 'coding':
        return this.codingChild(name, attributes);
      case 'notes':
        if (name === 'Note') return this.note(attributes, line);
        break;
      case 'note':
        return this.noteChild(name);
      default:
        break;
    }
    return this.skip((w) => w.unknownElement(name));
  }

  private projectChild(name: string, attributes: Attributes): Frame {
    const doc = this.document;
    switch (name) {
      case 'Users':
        return { role: 'users' };
      case 'CodeBook':
        return { role: 'codebook' };
      case 'Sources':
        return { role: 'sources' };
      case 'Notes':
        return { role: 'notes' };
      case 'Description':
        return this.capture((text) => (doc.description = text));
      case 'NoteRef':
        return this.noteRef(attributes, doc.noteGuids);
      case 'Sets':
        return this.sets();
      case 'Variables':
        return this.collection('Variable', 'variable', 'Verbatim has no variables');
      case 'Cases':
        return this.collection('Case', 'case', 'Verbatim has no cases');
      case 'Links':
        return this.collection('Link', 'link', 'Verbatim has no links between items');
      case 'Graphs':
        return this.collection('Graph', 'graph', 'Verbatim does not keep drawn diagrams');
      default:
        return this.skip((w) => w.unknownElement(name));
    }
  }

  private codeChild(parent: Role, name: string, attributes: Attributes, line: number): Frame {
    const code = this.codes.current;
    if (name === 'Code') {
      this.codes.openCode(attributes, line);
      return { role: 'code', onClose: () => this.codes.closeCode() };
    }
    if (parent === 'code' && code) {
      if (name === 'Description') return this.capture((text) => (code.description = text));
      if (name === 'NoteRef') return this.noteRef(attributes, (code.noteGuids ??= []));
    }
    return this.skip((w) => w.unknownElement(name));
  }

  private user(attributes: Attributes, line: number): Frame {
    const user: QdaUser = { guid: requiredGuid(attributes, 'User', line) };
    if (attributes['name'] !== undefined) user.name = attributes['name'];
    if (attributes['id'] !== undefined) user.id = attributes['id'];
    this.document.users.push(user);
    return { role: 'skip' };
  }

  private source(name: string, attributes: Attributes, line: number): Frame {
    this.count('sources', ++this.sourceCount, this.limits.maxSources);
    if (name === 'TextSource') {
      const source: ParsedTextSource = {
        guid: requiredGuid(attributes, name, line),
        selections: [],
        noteGuids: [],
        ...this.dated(attributes, 'creatingUser', 'modifyingUser'),
      };
      for (const key of ['name', 'plainTextPath', 'richTextPath'] as const) {
        if (attributes[key] !== undefined) source[key] = attributes[key];
      }
      this.document.sources.push(source);
      return { role: 'text-source' };
    }
    const kind = OTHER_SOURCES[name];
    if (!kind) return this.skip((w) => w.unknownElement(name));
    const title = attributes['name'] ?? attributes['path'] ?? attributes['guid'] ?? '';
    return this.skip((w) => w.otherSource(kind, title));
  }

  private textSourceChild(name: string, attributes: Attributes, line: number): Frame {
    const source = this.document.sources[this.document.sources.length - 1] as ParsedTextSource;
    switch (name) {
      case 'Description':
        return this.capture((text) => (source.description = text));
      case 'PlainTextContent':
        return this.capture((text) => (source.inlineText = text));
      case 'PlainTextSelection':
        return this.selection(source, attributes, line);
      case 'NoteRef':
        return this.noteRef(attributes, source.noteGuids);
      case 'Coding':
        return this.skip((w) => w.coding('whole-source', 'of whole sources'));
      case 'VariableValue':
        return this.skip((w) => w.variableValue());
      default:
        return this.skip((w) => w.unknownElement(name));
    }
  }

  private selection(source: ParsedTextSource, attributes: Attributes, line: number): Frame {
    this.count('plain-text selections', ++this.selectionCount, this.limits.maxSelections);
    const what = 'selection';
    const selection: ParsedSelection = {
      guid: requiredGuid(attributes, 'PlainTextSelection', line),
      start: positionOf(attributes['startPosition'], what, line),
      end: positionOf(attributes['endPosition'], what, line),
      line,
      codings: [],
      noteGuids: [],
      ...this.dated(attributes, 'creatingUser', 'modifyingUser'),
    };
    if (attributes['name'] !== undefined) selection.name = attributes['name'];
    source.selections.push(selection);
    return { role: 'selection' };
  }

  private selectionChild(name: string, attributes: Attributes, line: number): Frame {
    const source = this.document.sources[this.document.sources.length - 1] as ParsedTextSource;
    const selection = source.selections[source.selections.length - 1] as ParsedSelection;
    switch (name) {
      case 'Description':
        return this.capture((text) => (selection.description = text));
      case 'NoteRef':
        return this.noteRef(attributes, selection.noteGuids);
      case 'Coding': {
        this.count('codings', ++this.codingCount, this.limits.maxCodings);
        const coding: QdaCoding = {
          guid: requiredGuid(attributes, 'Coding', line),
          codeGuid: '',
        };
        const dated = this.dated(attributes, 'creatingUser', 'modifyingUser');
        if (dated.creatingUser) coding.creatingUser = dated.creatingUser;
        if (dated.creationDateTime) coding.creationDateTime = dated.creationDateTime;
        selection.codings.push(coding);
        return { role: 'coding' };
      }
      default:
        return this.skip((w) => w.unknownElement(name));
    }
  }

  private codingChild(name: string, attributes: Attributes): Frame {
    const source = this.document.sources[this.document.sources.length - 1] as ParsedTextSource;
    const selection = source.selections[source.selections.length - 1] as ParsedSelection;
    const coding = selection.codings[selection.codings.length - 1] as QdaCoding;
    if (name === 'CodeRef') {
      coding.codeGuid = optionalGuid(attributes['targetGUID']) ?? '';
      return { role: 'skip' };
    }
    // A note on one coding belongs, in Verbatim, to the highlight the coding is part of.
    if (name === 'NoteRef') return this.noteRef(attributes, selection.noteGuids);
    return this.skip((w) => w.unknownElement(name));
  }

  private note(attributes: Attributes, line: number): Frame {
    const note: ParsedNote = {
      guid: requiredGuid(attributes, 'Note', line),
      name: attributes['name'] ?? '',
      ...this.dated(attributes, 'creatingUser', 'modifyingUser'),
    };
    if (attributes['plainTextPath'] !== undefined) note.plainTextPath = attributes['plainTextPath'];
    this.document.notes.push(note);
    return { role: 'note' };
  }

  private noteChild(name: string): Frame {
    const note = this.document.notes[this.document.notes.length - 1] as ParsedNote;
    switch (name) {
      case 'PlainTextContent':
        return this.capture((text) => (note.inlineText = text));
      case 'PlainTextSelection':
      case 'Coding':
        return this.skip((w) => w.coding('note-coding', 'inside notes'));
      case 'Description':
      case 'NoteRef':
        return this.skip((w) => w.notePart(name, note.name));
      case 'VariableValue':
        return this.skip((w) => w.variableValue());
      default:
        return this.skip((w) => w.unknownElement(name));
    }
  }

  private sets(): Frame {
    return this.collection('Set', 'set', 'Verbatim has no sets of codes or sources');
  }

  /** Sets, Variables, Cases, Links, Graphs: each child is counted (with its name), then skipped. */
  private collection(child: string, noun: string, reason: string): Frame {
    return {
      role: 'collection',
      onChild: (attributes) => this.skipped.collectionItem(child, noun, reason, attributes['name']),
    };
  }

  /** Skips the element and its content, having said so with `say` (unless said already). */
  private skip(say?: (skipped: SkippedContent) => void): Frame {
    say?.(this.skipped);
    return { role: 'skip' };
  }

  private capture(assign: (text: string) => void): Frame {
    const chunks: string[] = [];
    return { role: 'capture', chunks, onClose: () => assign(chunks.join('')) };
  }

  private noteRef(attributes: Attributes, into: string[]): Frame {
    const guid = optionalGuid(attributes['targetGUID']);
    if (guid) into.push(guid);
    return { role: 'skip' };
  }

  private dated(attributes: Attributes, creating: string, modifying: string): Dated {
    return datedOf(attributes, creating, modifying, this.warnings);
  }

  private count(what: string, count: number, limit: number): void {
    if (count > limit) {
      throw new InteropError(
        'TOO_MANY_ITEMS',
        `${this.label} has more than ${limit.toLocaleString('en')} ${what}, so it is refused.`,
      );
    }
  }
}
