import { type WebVttCue, type WebVttRegion } from './webvtt-types';

/** Splits on ASCII whitespace, dropping empty tokens ("split a string on spaces"). */
export function splitOnSpaces(input: string): string[] {
  return input.split(/[ \t\n\f\r]+/).filter((token) => token !== '');
}

/** Splits `name:value` where the colon is neither first nor last; null otherwise. */
function nameValue(setting: string): [string, string] | null {
  const colon = setting.indexOf(':');
  if (colon <= 0 || colon === setting.length - 1) return null;
  return [setting.slice(0, colon), setting.slice(colon + 1)];
}

/** HTML "rules for parsing floating-point number values" on an already validated string. */
function parseFloatingPoint(input: string): number | null {
  const value = Number(input);
  if (!Number.isFinite(value)) return null;
  return value === 0 ? 0 : value;
}

/** "Parse a percentage string": digits, optional fraction, `%`, within 0..100. */
export function parsePercentage(input: string): number | null {
  if (!/^\d+(?:\.\d+)?%$/.test(input)) return null;
  const value = parseFloatingPoint(input.slice(0, -1));
  return value === null || value < 0 || value > 100 ? null : value;
}

function splitComma(value: string): [string, string | null] {
  const comma = value.indexOf(',');
  return comma === -1 ? [value, null] : [value.slice(0, comma), value.slice(comma + 1)];
}

function parseLinePosition(linepos: string): number | null {
  if (!/\d/.test(linepos)) return null;
  if (linepos.endsWith('%')) return parsePercentage(linepos);
  if (!/^-?[\d.]+$/.test(linepos)) return null;
  const dot = linepos.indexOf('.');
  if (dot !== -1) {
    if (linepos.indexOf('.', dot + 1) !== -1) return null;
    if (!/\d/.test(linepos[dot - 1] ?? '') || !/\d/.test(linepos[dot + 1] ?? '')) return null;
  }
  return parseFloatingPoint(linepos);
}

function applyLine(cue: WebVttCue, value: string): void {
  const [linepos, linealign] = splitComma(value);
  const number = parseLinePosition(linepos);
  if (number === null) return;
  if (linealign === 'start' || linealign === 'center' || linealign === 'end')
    cue.lineAlign = linealign;
  else if (linealign !== null) return;
  cue.line = number;
  cue.snapToLines = !linepos.endsWith('%');
  cue.region = null;
}

function applyPosition(cue: WebVttCue, value: string): void {
  const [colpos, colalign] = splitComma(value);
  const number = parsePercentage(colpos);
  if (number === null) return;
  if (colalign === 'line-left' || colalign === 'center' || colalign === 'line-right')
    cue.positionAlign = colalign;
  else if (colalign !== null) return;
  cue.position = number;
}

function applySetting(
  cue: WebVttCue,
  name: string,
  value: string,
  regions: readonly WebVttRegion[],
): void {
  if (name === 'region') {
    cue.region = findLast(regions, (r) => r.id === value);
  } else if (name === 'vertical') {
    if (value === 'rl' || value === 'lr') cue.vertical = value;
    if (cue.vertical !== '') cue.region = null;
  } else if (name === 'line') {
    applyLine(cue, value);
  } else if (name === 'position') {
    applyPosition(cue, value);
  } else if (name === 'size') {
    const number = parsePercentage(value);
    if (number === null) return;
    cue.size = number;
    if (number !== 100) cue.region = null;
  } else if (name === 'align') {
    if (
      value === 'start' ||
      value === 'center' ||
      value === 'end' ||
      value === 'left' ||
      value === 'right'
    ) {
      cue.align = value;
    }
  }
}

/** "Parse the WebVTT cue settings" for one cue. Unknown or invalid settings are ignored. */
export function parseCueSettings(
  input: string,
  cue: WebVttCue,
  regions: readonly WebVttRegion[],
): void {
  for (const setting of splitOnSpaces(input)) {
    const pair = nameValue(setting);
    if (pair) applySetting(cue, pair[0], pair[1], regions);
  }
}

function findLast<T>(items: readonly T[], test: (item: T) => boolean): T | null {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item !== undefined && test(item)) return item;
  }
  return null;
}

export function newRegion(): WebVttRegion {
  return {
    id: '',
    width: 100,
    lines: 3,
    regionAnchorX: 0,
    regionAnchorY: 100,
    viewportAnchorX: 0,
    viewportAnchorY: 100,
    scroll: '',
  };
}

function parseAnchor(value: string): [number, number] | null {
  const comma = value.indexOf(',');
  if (comma === -1) return null;
  const x = parsePercentage(value.slice(0, comma));
  const y = parsePercentage(value.slice(comma + 1));
  return x === null || y === null ? null : [x, y];
}

function applyRegionSetting(region: WebVttRegion, name: string, value: string): void {
  if (name === 'id') {
    region.id = value;
  } else if (name === 'width') {
    region.width = parsePercentage(value) ?? region.width;
  } else if (name === 'lines') {
    if (/^\d+$/.test(value)) region.lines = Number(value);
  } else if (name === 'regionanchor' || name === 'viewportanchor') {
    const anchor = parseAnchor(value);
    if (!anchor) return;
    if (name === 'regionanchor') [region.regionAnchorX, region.regionAnchorY] = anchor;
    else [region.viewportAnchorX, region.viewportAnchorY] = anchor;
  } else if (name === 'scroll') {
    if (value === 'up') region.scroll = 'up';
  }
}

/** "Collect WebVTT region settings" from the text of a REGION block. */
export function parseRegionSettings(input: string, region: WebVttRegion): void {
  for (const setting of splitOnSpaces(input)) {
    const pair = nameValue(setting);
    if (pair) applyRegionSetting(region, pair[0], pair[1]);
  }
}
