/**
 * Positions in one text in the two units that meet at a REFI-QDA file's edge.
 *
 * QDA-XML counts a plain-text selection's `startPosition`/`endPosition` in characters of the
 * source's UTF-8 text file, and the tools that write them (qc, QualCoder, Taguette: Python) count
 * Unicode code points. Verbatim, like every JavaScript string, counts UTF-16 code units. The two
 * differ only after a character outside the Basic Multilingual Plane (an emoji, some CJK), which
 * takes two code units (a surrogate pair) and one code point.
 *
 * Only where such pairs sit is kept, so a text without them (most) costs nothing, and each
 * conversion is a binary search.
 */
export class TextPositions {
  /** Code point position of each surrogate pair, ascending. */
  private readonly pairs: Uint32Array;
  readonly utf16Length: number;
  readonly codePointLength: number;

  constructor(text: string) {
    this.utf16Length = text.length;
    this.pairs = surrogatePairs(text);
    this.codePointLength = text.length - this.pairs.length;
  }

  /**
   * The code point position of a UTF-16 index (0..utf16Length). An index that falls between the
   * two halves of a pair moves to the pair's start (`floor`) or end (`ceil`), so a selection
   * widened that way covers whole characters.
   */
  toCodePoint(index: number, rounding: 'floor' | 'ceil' = 'floor'): number {
    // Pairs whose code point position p lies before `index`: their UTF-16 start is p + k (k pairs
    // before them), and each shifts later positions by one.
    let low = 0;
    let high = this.pairs.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.pairs[mid] as number) + mid < index) low = mid + 1;
      else high = mid;
    }
    const before = low;
    const pairStart = before > 0 ? (this.pairs[before - 1] as number) + before - 1 : -1;
    const splitsPair = pairStart + 1 === index;
    if (splitsPair) return rounding === 'floor' ? index - before : index - before + 1;
    return index - before;
  }

  /** The UTF-16 index of a code point position (0..codePointLength). */
  toUtf16(codePoint: number): number {
    let low = 0;
    let high = this.pairs.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.pairs[mid] as number) < codePoint) low = mid + 1;
      else high = mid;
    }
    return codePoint + low;
  }
}

function surrogatePairs(text: string): Uint32Array {
  let count = 0;
  for (let i = 0; i < text.length - 1; i++) {
    if (isPair(text, i)) {
      count++;
      i++;
    }
  }
  const pairs = new Uint32Array(count);
  let found = 0;
  for (let i = 0; i < text.length - 1; i++) {
    if (isPair(text, i)) {
      pairs[found] = i - found;
      found++;
      i++;
    }
  }
  return pairs;
}

function isPair(text: string, i: number): boolean {
  const high = text.charCodeAt(i);
  if (high < 0xd800 || high > 0xdbff) return false;
  const low = text.charCodeAt(i + 1);
  return low >= 0xdc00 && low <= 0xdfff;
}
