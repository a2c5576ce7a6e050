/**
 * Writing XML 1.0 by hand, safely: every value goes through one of the two escapes below, so no
 * name, description or text can end an attribute, open an element or make the document invalid.
 */

/**
 * Characters XML 1.0 does not allow at all, even escaped: C0 controls other than tab, line feed
 * and carriage return, U+FFFE, U+FFFF, and halves of surrogate pairs that stand alone.
 */
const NOT_XML =
  /[\0-\x08\v\f\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const REPLACEMENT = '\ufffd';

const TEXT_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  // A raw CR would come back as LF (XML normalizes line ends); the reference keeps it.
  '\r': '&#13;',
};

const ATTRIBUTE_ESCAPES: Record<string, string> = {
  ...TEXT_ESCAPES,
  '"': '&quot;',
  // Raw tabs and line breaks in an attribute come back as spaces (attribute-value normalization).
  '\t': '&#9;',
  '\n': '&#10;',
};

/** Replaces what XML 1.0 cannot carry with U+FFFD; everything else is kept. */
export function xmlCharacters(value: string): string {
  return value.replace(NOT_XML, REPLACEMENT);
}

export function escapeText(value: string): string {
  return xmlCharacters(value).replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c] ?? c);
}

export function escapeAttribute(value: string): string {
  return xmlCharacters(value).replace(/[&<>"\t\n\r]/g, (c) => ATTRIBUTE_ESCAPES[c] ?? c);
}

/** Attributes in the order they are written; undefined ones are left out. */
export type XmlAttributes = readonly (readonly [string, string | number | boolean | undefined])[];

function attributes(list: XmlAttributes): string {
  let out = '';
  for (const [name, value] of list) {
    if (value === undefined) continue;
    out += ` ${name}="${escapeAttribute(String(value))}"`;
  }
  return out;
}

export function startTag(name: string, list: XmlAttributes = []): string {
  return `<${name}${attributes(list)}>`;
}

export function emptyTag(name: string, list: XmlAttributes = []): string {
  return `<${name}${attributes(list)}/>`;
}

export function endTag(name: string): string {
  return `</${name}>`;
}

/** `<Name>text</Name>`, or nothing when the text is undefined. */
export function textElement(name: string, text: string | undefined): string {
  return text === undefined ? '' : `<${name}>${escapeText(text)}</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n';
