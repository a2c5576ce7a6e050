import type { ConnectedPosition } from '@angular/cdk/overlay';

/**
 * Where the reader puts its panels and the tag picker, so that they never cover the words they
 * are about. Wide screens keep a rail right of the transcript for them (reader-page.scss: the
 * same 64rem and 24rem); narrower ones show them as a sheet along the bottom and scroll the
 * words above it.
 */
export const RAIL_MEDIA = '(min-width: 64rem)';
const RAIL_REM = 24;
const GAP_PX = 8;

/** A point on screen the picker or chooser opens next to. */
export interface ScreenOrigin {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PickerPlacement {
  origin: ScreenOrigin;
  positions: ConnectedPosition[];
}

/** Next to the words, for the chooser of overlapping highlights (a small menu). */
export const BESIDE_WORDS: ConnectedPosition[] = [
  { originX: 'end', originY: 'bottom', overlayX: 'start', overlayY: 'top', offsetY: 6 },
  { originX: 'end', originY: 'top', overlayX: 'start', overlayY: 'bottom', offsetY: -6 },
  { originX: 'start', originY: 'bottom', overlayX: 'end', overlayY: 'top', offsetY: 6 },
];

const IN_RAIL: ConnectedPosition[] = [
  { originX: 'start', originY: 'top', overlayX: 'start', overlayY: 'top' },
  { originX: 'start', originY: 'bottom', overlayX: 'start', overlayY: 'bottom' },
];

const ON_SHEET: ConnectedPosition[] = [
  { originX: 'start', originY: 'top', overlayX: 'start', overlayY: 'bottom' },
];

export function hasRail(win: Window): boolean {
  return win.matchMedia(RAIL_MEDIA).matches;
}

/**
 * The tag picker for words at `words` (their last line's box): in the rail level with them on a
 * wide screen, at the bottom of the screen otherwise.
 */
export function pickerPlacement(win: Window, words: DOMRect): PickerPlacement {
  if (hasRail(win)) {
    const rem = parseFloat(win.getComputedStyle(win.document.documentElement).fontSize) || 16;
    const railLeft = win.innerWidth - RAIL_REM * rem + rem;
    return {
      origin: { x: railLeft, y: words.top, width: 0, height: words.height },
      positions: IN_RAIL,
    };
  }
  return {
    origin: { x: GAP_PX, y: win.innerHeight - GAP_PX, width: 0, height: 0 },
    positions: ON_SHEET,
  };
}

/**
 * How far to scroll the transcript so that `words` sit between the list's top and the top of
 * what covers the screen's bottom (a sheet), as close as possible to where they are; 0 when they
 * already do.
 */
export function scrollToClear(
  words: readonly DOMRect[],
  listTop: number,
  coverTop: number,
): number {
  if (!words.length) return 0;
  const top = Math.min(...words.map((r) => r.top));
  const bottom = Math.max(...words.map((r) => r.bottom));
  const room = coverTop - GAP_PX - (listTop + GAP_PX);
  if (bottom <= coverTop - GAP_PX && top >= listTop) return 0;
  // Too tall for the room left: show their start.
  if (bottom - top > room) return top - (listTop + GAP_PX);
  if (top < listTop) return top - (listTop + GAP_PX);
  return bottom - (coverTop - GAP_PX);
}
