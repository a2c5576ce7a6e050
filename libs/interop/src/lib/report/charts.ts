import { escapeHtml } from './escape';

/**
 * Charts of a report as self-contained SVG documents: no script, no external font or image, every
 * name escaped, a <title> and <desc> for screen readers, and the numbers written as text beside
 * the bars and in the cells, so the chart reads without colour too.
 */

export interface TagFrequencyData {
  title: string;
  /** In the order to draw, top to bottom. */
  bars: { label: string; count: number; color?: string | null }[];
}

export interface TagParticipantHeatmapData {
  title: string;
  /** Rows. */
  tags: string[];
  /** Columns. */
  participants: string[];
  /** counts[row][column]: highlights of that tag said by that participant. */
  counts: number[][];
}

const FONT = `font-family="Helvetica, Arial, sans-serif"`;
const HEX = /^#[0-9a-f]{6}$/i;
const DEFAULT_BAR = '#4f6bd8';
const LABEL_CHARS = 28;

function clip(label: string, max = LABEL_CHARS): string {
  const chars = Array.from(label);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : label;
}

function colour(value: string | null | undefined): string {
  return value && HEX.test(value) ? value : DEFAULT_BAR;
}

function svgOpen(width: number, height: number, title: string, desc: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="t d">` +
    `<title id="t">${escapeHtml(title)}</title><desc id="d">${escapeHtml(desc)}</desc>` +
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`
  );
}

/** Horizontal bars: how many highlights each tag has. */
export function tagFrequencyChart(data: TagFrequencyData): string {
  const bars = data.bars;
  const labelWidth = 200;
  const barArea = 380;
  const rowHeight = 26;
  const top = 36;
  const width = labelWidth + barArea + 60;
  const height = top + Math.max(1, bars.length) * rowHeight + 12;
  const max = Math.max(1, ...bars.map((b) => b.count));
  const desc = bars.length
    ? bars.map((b) => `${b.label}: ${b.count}`).join('; ')
    : 'No highlights with these tags.';
  let out = svgOpen(width, height, data.title, desc);
  out += `<text x="8" y="22" ${FONT} font-size="15" font-weight="bold" fill="#1f2330">${escapeHtml(clip(data.title, 70))}</text>`;
  if (!bars.length)
    out += `<text x="8" y="${top + 18}" ${FONT} font-size="13" fill="#555">No highlights with these tags.</text>`;
  bars.forEach((bar, i) => {
    const y = top + i * rowHeight;
    const w = Math.round((bar.count / max) * barArea);
    out +=
      `<g><title>${escapeHtml(`${bar.label}: ${bar.count}`)}</title>` +
      `<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end" ${FONT} font-size="13" fill="#1f2330">${escapeHtml(clip(bar.label))}</text>` +
      `<rect x="${labelWidth}" y="${y + 4}" width="${Math.max(w, 1)}" height="${rowHeight - 8}" fill="${colour(bar.color)}"/>` +
      `<text x="${labelWidth + w + 6}" y="${y + 17}" ${FONT} font-size="12" fill="#1f2330">${bar.count}</text></g>`;
  });
  return `${out}</svg>`;
}

/** A grid of tags (rows) by participants (columns), each cell its count, darker for more. */
export function tagParticipantHeatmap(data: TagParticipantHeatmapData): string {
  const { tags, participants, counts } = data;
  const labelWidth = 180;
  const cell = 44;
  const header = 110;
  const top = 36;
  const width = labelWidth + Math.max(1, participants.length) * cell + 16;
  const height = top + header + Math.max(1, tags.length) * cell + 12;
  const max = Math.max(1, ...counts.flat());
  const desc = tags.length
    ? tags
        .map(
          (tag, r) =>
            `${tag}: ${participants.map((p, c) => `${p} ${counts[r]?.[c] ?? 0}`).join(', ')}`,
        )
        .join('; ')
    : 'No highlights with these tags.';
  let out = svgOpen(width, height, data.title, desc);
  out += `<text x="8" y="22" ${FONT} font-size="15" font-weight="bold" fill="#1f2330">${escapeHtml(clip(data.title, 70))}</text>`;
  participants.forEach((name, c) => {
    const x = labelWidth + c * cell + cell / 2;
    const y = top + header - 8;
    out += `<text x="${x}" y="${y}" transform="rotate(-45 ${x} ${y})" ${FONT} font-size="12" fill="#1f2330">${escapeHtml(clip(name, 18))}</text>`;
  });
  tags.forEach((tag, r) => {
    const y = top + header + r * cell;
    out += `<text x="${labelWidth - 8}" y="${y + cell / 2 + 4}" text-anchor="end" ${FONT} font-size="13" fill="#1f2330">${escapeHtml(clip(tag, 24))}</text>`;
    participants.forEach((name, c) => {
      const n = counts[r]?.[c] ?? 0;
      const x = labelWidth + c * cell;
      const shade = n === 0 ? 0 : 0.15 + 0.85 * (n / max);
      const fill = n === 0 ? '#f3f4f7' : `rgba(79,107,216,${shade.toFixed(2)})`;
      const ink = shade > 0.55 ? '#ffffff' : '#1f2330';
      out +=
        `<g><title>${escapeHtml(`${tag} × ${name}: ${n}`)}</title>` +
        `<rect x="${x + 1}" y="${y + 1}" width="${cell - 2}" height="${cell - 2}" fill="${fill}"/>` +
        `<text x="${x + cell / 2}" y="${y + cell / 2 + 4}" text-anchor="middle" ${FONT} font-size="12" fill="${ink}">${n}</text></g>`;
    });
  });
  if (!tags.length)
    out += `<text x="8" y="${top + header + 18}" ${FONT} font-size="13" fill="#555">No highlights with these tags.</text>`;
  return `${out}</svg>`;
}
