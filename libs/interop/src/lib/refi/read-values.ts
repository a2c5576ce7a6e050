import { InteropError } from '../interop-error';
import { plural, quote } from '../wording';
import { normalizeGuid, uuidV5, VERBATIM_GUID_NAMESPACE } from './guid';
import { type Dated } from './parsed-document';
import { type WarningList } from './warning-list';

/** Attribute values as tools write them, read leniently where it is harmless. */

export type Attributes = Readonly<Record<string, string>>;

/** The element's GUID, normalized; an element that must have one and has none is refused. */
export function requiredGuid(attributes: Attributes, element: string, line: number): string {
  const value = attributes['guid'];
  if (value === undefined || value.trim() === '') {
    throw new InteropError(
      'MALFORMED',
      `A <${element}> on line ${line} has no guid, which every ${element} must have; ` +
        'the file is damaged or was not written by a QDA-XML exporter.',
    );
  }
  return normalizeGuid(value);
}

export function optionalGuid(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : normalizeGuid(value);
}

/** xsd:boolean; anything else (or nothing) counts as true, as codes are codable by default. */
export function booleanOf(value: string | undefined): boolean {
  const trimmed = value?.trim();
  return !(trimmed === 'false' || trimmed === '0');
}

/** `#RRGGBB` upper case from `#RGB` or `#RRGGBB` (either case); undefined, with a warning, else. */
export function colorOf(
  value: string | undefined,
  codeName: string,
  warnings: WarningList,
): string | undefined {
  if (value === undefined) return undefined;
  const hex = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(value.trim())?.[1];
  if (!hex) {
    warnings.tally(
      'color',
      'INVALID_VALUE',
      (n, names) =>
        `${plural(n, 'code')} (${names}) had a colour that is not #RRGGBB, so ` +
        `${n === 1 ? 'it was' : 'they were'} imported without one.`,
      codeName,
    );
    return undefined;
  }
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  return `#${full.toUpperCase()}`;
}

/** xsd:dateTime; a value without a time zone is taken as UTC. Invalid dates are left out. */
export function dateOf(value: string | undefined, warnings: WarningList): Date | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  const zoned = /(Z|[+-]\d\d:?\d\d)$/i.test(trimmed) ? trimmed : `${trimmed}Z`;
  const date = /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(trimmed) ? new Date(zoned) : new Date(NaN);
  if (Number.isNaN(date.getTime())) {
    warnings.tally(
      'date',
      'INVALID_VALUE',
      (n, names) =>
        `${n === 1 ? 'A date' : `${n} dates`} (${names}) could not be read and ${n === 1 ? 'was' : 'were'} left out.`,
      trimmed,
    );
    return undefined;
  }
  return date;
}

/** A position (xsd:integer); anything else makes the selection unreadable. */
export function positionOf(value: string | undefined, what: string, line: number): number {
  const trimmed = value?.trim() ?? '';
  if (!/^\+?\d{1,15}$/.test(trimmed)) {
    throw new InteropError(
      'SELECTION_OUT_OF_RANGE',
      `The ${what} on line ${line} has the position ${quote(value ?? '')}, which is not a ` +
        'character position; the file is damaged.',
    );
  }
  return Number(trimmed);
}

/** A stand-in GUID for a duplicate, derived from the original so imports stay reproducible. */
export function replacementGuid(guid: string, occurrence: number): string {
  return uuidV5(VERBATIM_GUID_NAMESPACE, `duplicate:${guid}#${occurrence}`);
}

/** Copies the keys whose values are defined, so absent values stay absent rather than undefined. */
export function copyDefined<K extends string>(
  target: Partial<Record<K, unknown>>,
  source: Partial<Record<K, unknown>>,
  keys: readonly K[],
): void {
  for (const key of keys) {
    if (source[key] !== undefined) target[key] = source[key];
  }
}

/** Who made and changed an element, and when; users by GUID. */
export function datedOf(
  attributes: Attributes,
  creating: string,
  modifying: string,
  warnings: WarningList,
): Dated {
  const dated: Dated = {};
  const creatingUser = optionalGuid(attributes[creating]);
  const modifyingUser = optionalGuid(attributes[modifying]);
  const created = dateOf(attributes['creationDateTime'], warnings);
  const modified = dateOf(attributes['modifiedDateTime'], warnings);
  if (creatingUser) dated.creatingUser = creatingUser;
  if (created) dated.creationDateTime = created;
  if (modifyingUser) dated.modifyingUser = modifyingUser;
  if (modified) dated.modifiedDateTime = modified;
  return dated;
}
