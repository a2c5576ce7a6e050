/** Colour of an empty cell and of the busiest one; counts in between blend linearly. */
const LOW: readonly [number, number, number] = [0xf1, 0xf4, 0xf8];
const HIGH: readonly [number, number, number] = [0x1d, 0x4b, 0x7a];

export interface HeatColor {
  fill: string;
  /** Text colour that stays readable on the fill. */
  text: string;
  /** 0 (none) … 1 (the maximum). */
  intensity: number;
}

const hex = (channel: number) => Math.round(channel).toString(16).padStart(2, '0');

/**
 * A cell's colour, scaled to the matrix maximum. Any non-zero count gets at least a visible
 * tint, so a single highlight is never mistaken for none.
 */
export function heatColor(count: number, max: number): HeatColor {
  if (!(count > 0) || !(max > 0))
    return { fill: `#${LOW.map(hex).join('')}`, text: '#5c636e', intensity: 0 };
  const intensity = Math.min(1, count / max);
  const t = 0.12 + 0.88 * intensity;
  const rgb = LOW.map((low, i) => low + (HIGH[i]! - low) * t);
  return { fill: `#${rgb.map(hex).join('')}`, text: readableOn(rgb), intensity };
}

/** WCAG relative luminance of an sRGB colour. */
function luminance(rgb: readonly number[]): number {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** White or near-black text, whichever contrasts more with the fill. */
function readableOn(rgb: readonly number[]): string {
  const l = luminance(rgb);
  const dark = luminance([0x1e, 0x22, 0x27]);
  return 1.05 / (l + 0.05) > (l + 0.05) / (dark + 0.05) ? '#ffffff' : '#1e2227';
}

/** Contrast ratio between two #rrggbb colours (1 … 21). */
export function contrast(a: string, b: string): number {
  const channels = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
  const [hi, lo] = [luminance(channels(a)), luminance(channels(b))].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (hi + 0.05) / (lo + 0.05);
}

/** "Pricing × Ana Lima: 3 highlights". */
export function cellLabel(tag: string, column: string, count: number): string {
  return `${tag} × ${column}: ${count} ${count === 1 ? 'highlight' : 'highlights'}`;
}

export const CELL = 44;
const CHAR = 7.2;

/** Cuts a label to `max` characters with an ellipsis; the full text stays in a tooltip. */
export function shorten(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, max - 1).trimEnd()}…` : label;
}

export interface HeatRow {
  id: string;
  label: string;
  depth: number;
  color: string;
  archived: boolean;
}

export interface HeatCell {
  row: HeatRow;
  column: { id: string; label: string };
  count: number;
  x: number;
  y: number;
  color: HeatColor;
  label: string;
}

export interface HeatLayout {
  width: number;
  height: number;
  labelWidth: number;
  headerHeight: number;
  rows: (HeatRow & { y: number; short: string })[];
  columns: { id: string; label: string; x: number; short: string }[];
  cells: HeatCell[];
}

/** Where everything of the matrix picture goes; cells fill row by row. */
export function heatLayout(
  rows: readonly HeatRow[],
  columns: readonly { id: string; label: string }[],
  counts: ReadonlyMap<string, number>,
  max: number,
): HeatLayout {
  const rowText = (r: HeatRow) => shorten(r.label, 28);
  const labelWidth = Math.round(
    Math.min(300, Math.max(120, ...rows.map((r) => rowText(r).length * CHAR + r.depth * 14 + 24))),
  );
  const columnText = (c: { label: string }) => shorten(c.label, 22);
  // Column labels are turned by 45°, so their height is their length over √2.
  const headerHeight = Math.round(
    Math.min(
      190,
      Math.max(60, ...columns.map((c) => (columnText(c).length * CHAR) / Math.SQRT2 + 24)),
    ),
  );
  const placedRows = rows.map((r, i) => ({ ...r, y: headerHeight + i * CELL, short: rowText(r) }));
  const placedColumns = columns.map((c, j) => ({
    ...c,
    x: labelWidth + j * CELL,
    short: columnText(c),
  }));
  const cells: HeatCell[] = [];
  for (const row of placedRows)
    for (const column of placedColumns) {
      const count = counts.get(`${row.id}|${column.id}`) ?? 0;
      cells.push({
        row,
        column,
        count,
        x: column.x,
        y: row.y,
        color: heatColor(count, max),
        label: cellLabel(row.label, column.label, count),
      });
    }
  return {
    // Room on the right for the last column label, which leans over.
    width: labelWidth + columns.length * CELL + 8 + Math.min(120, headerHeight),
    height: headerHeight + rows.length * CELL + 4,
    labelWidth,
    headerHeight,
    rows: placedRows,
    columns: placedColumns,
    cells,
  };
}
