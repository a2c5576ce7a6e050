import { InteropError } from '../interop-error';
import { isGuid, normalizeGuid } from './guid';
import { type QdaCode } from './model';

/**
 * What the writers refuse to write, because the file would not be valid QDA-XML or would point at
 * things it does not contain. These are mistakes of the caller, never of a user's content: any
 * name, description or text is written (escaped), whatever it holds.
 */

export function invalid(message: string): InteropError {
  return new InteropError('INVALID_MODEL', message);
}

/** The GUID as written (upper case, no braces); refused unless it is a GUID. */
export function guidOf(what: string, value: string): string {
  if (typeof value !== 'string' || !isGuid(value)) {
    throw invalid(`The ${what} has the GUID “${String(value)}”, which is not a GUID.`);
  }
  return normalizeGuid(value);
}

export function optionalGuid(what: string, value: string | undefined): string | undefined {
  return value === undefined ? undefined : guidOf(what, value);
}

const RGB = /^#[0-9a-fA-F]{6}$/;

export function colorOf(code: QdaCode): string | undefined {
  if (code.color === undefined) return undefined;
  if (!RGB.test(code.color)) {
    throw invalid(`The code “${code.name}” has the colour “${code.color}”, not #RRGGBB.`);
  }
  return code.color.toUpperCase();
}

/** An xsd:dateTime in UTC, or undefined. */
export function dateOf(what: string, value: Date | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw invalid(`The ${what} has a date that is not a valid date.`);
  }
  return value.toISOString();
}

/** Every code's GUID, refusing duplicates: codings are checked against this set. */
export function codeGuids(codes: readonly QdaCode[]): Set<string> {
  const seen = new Set<string>();
  const visit = (list: readonly QdaCode[]): void => {
    for (const code of list) {
      const guid = guidOf(`code “${code.name}”`, code.guid);
      if (seen.has(guid)) throw invalid(`Two codes have the GUID ${guid}.`);
      seen.add(guid);
      visit(code.children);
    }
  };
  visit(codes);
  return seen;
}
