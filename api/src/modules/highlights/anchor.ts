import { badInput, DomainError } from '../../common/errors/domain-error';

/** A position in a transcript: a segment and a UTF-16 offset into its text. */
export interface TextPosition {
  segmentId: string;
  offset: number;
}

export interface AnchorSegment {
  id: string;
  index: number;
  text: string;
}

export interface ResolvedAnchor {
  quote: string;
  prefix: string;
  suffix: string;
}

/** Turns in a quote are joined with a line break, as the reader shows them. */
export const TURN_SEPARATOR = '\n';
export const CONTEXT_CHARS = 32;

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The exact text between two positions, with a little context either side (a W3C text-quote
 * selector). `segments` are the turns from the start's to the end's, in order.
 */
export function resolveAnchor(
  segments: AnchorSegment[],
  start: TextPosition,
  end: TextPosition,
): ResolvedAnchor {
  const first = segments[0];
  const last = segments.at(-1);
  if (!first || !last || first.id !== start.segmentId || last.id !== end.segmentId) {
    throw badInput('start and end must be turns of the same transcript, start first.');
  }
  checkOffset(first, start.offset, 'start');
  checkOffset(last, end.offset, 'end');
  if (first.id === last.id && end.offset <= start.offset)
    throw badInput('A highlight must end after it starts.');
  const quote =
    first.id === last.id
      ? first.text.slice(start.offset, end.offset)
      : [
          first.text.slice(start.offset),
          ...segments.slice(1, -1).map((s) => s.text),
          last.text.slice(0, end.offset),
        ].join(TURN_SEPARATOR);
  if (!quote.trim()) throw badInput('A highlight must contain some text, not only spaces.');
  return {
    quote,
    prefix: first.text.slice(Math.max(0, start.offset - CONTEXT_CHARS), start.offset),
    suffix: last.text.slice(end.offset, end.offset + CONTEXT_CHARS),
  };
}

/** The anchor between two positions, or null where resolveAnchor would refuse them. */
export function resolveAnchorOrNull(
  segments: AnchorSegment[],
  start: TextPosition,
  end: TextPosition,
): ResolvedAnchor | null {
  try {
    return resolveAnchor(segments, start, end);
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
}

function checkOffset(segment: AnchorSegment, offset: number, which: string): void {
  if (!Number.isInteger(offset) || offset < 0 || offset > segment.text.length) {
    throw badInput(`${which}.offset must be between 0 and ${segment.text.length} for that turn.`);
  }
  if (
    offset > 0 &&
    offset < segment.text.length &&
    isLowSurrogate(segment.text.charCodeAt(offset))
  ) {
    throw badInput(`${which}.offset falls inside a character; move it by one.`);
  }
}
