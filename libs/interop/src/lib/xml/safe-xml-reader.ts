import { TextDecoder } from 'node:util';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { InteropError, messageOf } from '../interop-error';

/** What a reader of one kind of document does with its elements, in document order. */
export interface XmlHandler {
  /** `attributes` holds the unprefixed attributes by name (`guid`, `name`...); `line` is 1-based. */
  open(
    name: string,
    attributes: Readonly<Record<string, string>>,
    namespace: string,
    line: number,
  ): void;
  close(name: string): void;
  /** Character data, in pieces; CDATA sections included. */
  text(text: string): void;
}

export interface SafeXmlReaderOptions {
  /** How messages name the document: "This codebook file", "The project.qde of this file". */
  label: string;
  maxDepth: number;
  maxElements: number;
}

/**
 * A streaming XML 1.0 reader (saxes: strict, namespace-aware) that refuses what is unsafe rather
 * than trying to make it safe:
 * - any document type declaration, so no entity is ever declared, expanded or fetched from outside
 *   (billion laughs, external entities); only the five predefined entities and character
 *   references are read;
 * - nesting deeper than `maxDepth` or more than `maxElements` elements, counted as they come;
 * - anything not well-formed, including a document cut short, with the line where it broke.
 * Bytes are decoded as UTF-8, or UTF-16 after a byte order mark, or the encoding the XML
 * declaration names; text that is not valid in that encoding is refused.
 */
export class SafeXmlReader {
  private readonly parser = new SaxesParser({ xmlns: true, position: true });
  private decoder: TextDecoder | undefined;
  private depth = 0;
  private elements = 0;

  constructor(
    private readonly handler: XmlHandler,
    private readonly options: SafeXmlReaderOptions,
  ) {
    this.parser.on('doctype', () => {
      throw new InteropError(
        'DTD_FORBIDDEN',
        `${options.label} declares a document type (<!DOCTYPE>). QDA-XML never needs one, and ` +
          'the entities it can declare are a known way to attack servers, so it is refused.',
      );
    });
    this.parser.on('opentag', (tag) => this.open(tag));
    this.parser.on('closetag', (tag) => {
      this.depth--;
      handler.close(tag.local);
    });
    this.parser.on('text', (text) => handler.text(text));
    this.parser.on('cdata', (text) => handler.text(text));
  }

  write(chunk: Uint8Array | string): void {
    const text = typeof chunk === 'string' ? chunk : this.decode(chunk, true);
    this.guard(() => this.parser.write(text), false);
  }

  end(): void {
    if (this.decoder) {
      const rest = this.decode(new Uint8Array(), false);
      if (rest) this.guard(() => this.parser.write(rest), false);
    }
    this.guard(() => this.parser.close(), true);
  }

  private open(tag: SaxesTagNS): void {
    this.depth++;
    this.elements++;
    if (this.depth > this.options.maxDepth) {
      throw new InteropError(
        'TOO_DEEP',
        `${this.options.label} nests its elements more than ${this.options.maxDepth} deep ` +
          `(line ${this.parser.line}), so it is refused.`,
      );
    }
    if (this.elements > this.options.maxElements) {
      throw new InteropError(
        'TOO_MANY_ITEMS',
        `${this.options.label} has more than ${this.options.maxElements.toLocaleString('en')} ` +
          'XML elements, so it is refused.',
      );
    }
    const attributes: Record<string, string> = {};
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.prefix === '' && attribute.local !== 'xmlns') {
        attributes[attribute.local] = attribute.value;
      }
    }
    this.handler.open(tag.local, attributes, tag.uri, this.parser.line);
  }

  private guard(step: () => void, atEnd: boolean): void {
    try {
      step();
    } catch (error) {
      if (error instanceof InteropError) throw error;
      // At the end of a file that ends with a line break, the last line is the one before.
      const { line, column } = this.parser;
      const where = `line ${atEnd && column === 0 && line > 1 ? line - 1 : line}`;
      throw new InteropError(
        'MALFORMED',
        atEnd
          ? `${this.options.label} ends before it is complete (${where}): it was probably cut ` +
            'off while being saved, copied or downloaded.'
          : `${this.options.label} is not well-formed XML (${where}, column ` +
            `${this.parser.column}): it is damaged or not a QDA-XML file.`,
        messageOf(error),
      );
    }
  }

  private decode(bytes: Uint8Array, stream: boolean): string {
    this.decoder ??= decoderFor(bytes);
    try {
      return this.decoder.decode(bytes, { stream });
    } catch (error) {
      throw new InteropError(
        'MALFORMED',
        `${this.options.label} is not valid ${this.decoder.encoding.toUpperCase()} text: ` +
          'it is damaged or not a QDA-XML file.',
        messageOf(error),
      );
    }
  }
}

/** UTF-16 by its byte order mark, else the encoding the XML declaration names, else UTF-8. */
function decoderFor(head: Uint8Array): TextDecoder {
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true });
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true });
  const declaration = /^(?:\xef\xbb\xbf)?<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(
    Buffer.from(head.subarray(0, 256)).toString('latin1'),
  );
  const label = declaration?.[1];
  // A declaration readable as ASCII rules out UTF-16 whatever it says; UTF-8 is the default.
  if (label && !/^utf-?(8|16)/i.test(label)) {
    try {
      return new TextDecoder(label, { fatal: true });
    } catch {
      // An encoding this runtime does not know: read as UTF-8, which fails clearly if it is not.
    }
  }
  return new TextDecoder('utf-8', { fatal: true });
}
