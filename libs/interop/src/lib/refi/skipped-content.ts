import { plural } from '../wording';
import { type WarningList } from './warning-list';

const was = (n: number): string => (n === 1 ? 'was' : 'were');

/** How an import says what it left out of a QDA-XML document, each kind tallied once. */
export class SkippedContent {
  constructor(private readonly warnings: WarningList) {}

  /** A set, variable, case, link or graph. */
  collectionItem(child: string, noun: string, reason: string, name: string | undefined): void {
    this.warnings.tally(
      child,
      'UNSUPPORTED_CONTENT',
      (n, names) =>
        `${plural(n, noun)}${names ? ` (${names})` : ''} ${was(n)} not imported: ${reason}.`,
      name,
    );
  }

  /** A picture, PDF, audio or video source, with everything in it. */
  otherSource(kind: string, title: string): void {
    this.warnings.tally(
      `source-${kind}`,
      'UNSUPPORTED_SOURCE',
      (n, names) =>
        `${plural(n, `${kind} source`)} (${names}) ${was(n)} not imported, nor their codings: ` +
        'Verbatim imports text sources only.',
      title,
    );
  }

  /** Codings Verbatim has no place for: of whole sources, inside notes. */
  coding(key: string, where: string): void {
    this.warnings.tally(
      key,
      'UNSUPPORTED_CODING',
      (n) =>
        `${plural(n, 'coding')} ${where} ${was(n)} not imported: Verbatim codes selections of text.`,
    );
  }

  variableValue(): void {
    this.warnings.tally(
      'variable-value',
      'UNSUPPORTED_CONTENT',
      (n) => `${plural(n, 'variable value')} ${was(n)} not imported: Verbatim has no variables.`,
    );
  }

  /** A note's description or its references to other notes. */
  notePart(part: 'Description' | 'NoteRef', noteName: string): void {
    const what =
      part === 'NoteRef' ? 'References from notes to other notes' : 'Descriptions of notes';
    this.warnings.tally(
      `note-${part}`,
      'UNSUPPORTED_CONTENT',
      (_n, names) => `${what} (${names}) were not imported: a note in Verbatim is its text.`,
      noteName,
    );
  }

  unknownElement(name: string): void {
    this.warnings.tally(
      `unknown-${name}`,
      'UNKNOWN_ELEMENT',
      (n) => `${plural(n, `<${name}> element`)} unknown to Verbatim ${was(n)} skipped.`,
    );
  }
}
