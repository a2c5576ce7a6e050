import { describe, expect, it } from 'vitest';
import { cellLabel, contrast, heatColor, heatLayout, shorten } from './heat-scale';

const luminanceOrder = (fill: string) =>
  [1, 3, 5].map((i) => parseInt(fill.slice(i, i + 2), 16)).reduce((a, b) => a + b, 0);

describe('heatColor', () => {
  it('darkens steadily with the count, up to the maximum', () => {
    const fills = [0, 1, 2, 5, 9, 10].map((n) => heatColor(n, 10).fill);
    const brightness = fills.map(luminanceOrder);
    for (let i = 1; i < brightness.length; i++)
      expect(brightness[i]).toBeLessThan(brightness[i - 1]!);
    expect(heatColor(10, 10).fill).toBe('#1d4b7a');
    expect(heatColor(10, 10).intensity).toBe(1);
  });

  it('tints a single highlight visibly, and leaves none plain', () => {
    expect(heatColor(0, 50).intensity).toBe(0);
    expect(heatColor(0, 50).fill).not.toBe(heatColor(1, 50).fill);
    expect(heatColor(1, 50).intensity).toBeCloseTo(0.02);
  });

  it('scales to the matrix maximum, not to a fixed number', () => {
    expect(heatColor(3, 3).fill).toBe(heatColor(300, 300).fill);
  });

  it('copes with an empty matrix and counts above the maximum', () => {
    expect(heatColor(5, 0).intensity).toBe(0);
    expect(heatColor(12, 10).fill).toBe(heatColor(10, 10).fill);
  });

  it('keeps the number readable on every shade (WCAG AA for large text, 3:1)', () => {
    for (let n = 0; n <= 20; n++) {
      const { fill, text } = heatColor(n, 20);
      expect(contrast(fill, text)).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('heatLayout', () => {
  const rows = [
    { id: 'r1', label: 'Pricing', depth: 0, color: '#111111', archived: false },
    {
      id: 'r2',
      label: 'Too expensive for small teams',
      depth: 1,
      color: '#222222',
      archived: false,
    },
  ];
  const columns = [
    { id: 'c1', label: 'Ana' },
    { id: 'c2', label: 'Bo' },
  ];

  it('places one cell per tag and column with its count and accessible label', () => {
    const layout = heatLayout(rows, columns, new Map([['r2|c1', 4]]), 4);
    expect(layout.cells).toHaveLength(4);
    const cell = layout.cells.find((c) => c.row.id === 'r2' && c.column.id === 'c1');
    expect(cell?.count).toBe(4);
    expect(cell?.label).toBe('Too expensive for small teams × Ana: 4 highlights');
    expect(cell?.x).toBe(layout.labelWidth);
    expect(cell?.y).toBe(layout.headerHeight + 44);
    expect(layout.rows[1]?.short).toBe('Too expensive for small tea…');
    expect(layout.width).toBeGreaterThan(layout.labelWidth + 2 * 44);
  });
});

describe('labels', () => {
  it('says one highlight in the singular', () => {
    expect(cellLabel('Pricing', 'Ana', 1)).toBe('Pricing × Ana: 1 highlight');
    expect(cellLabel('Pricing', 'Ana', 0)).toBe('Pricing × Ana: 0 highlights');
  });

  it('shortens long labels with an ellipsis', () => {
    expect(shorten('short', 10)).toBe('short');
    expect(shorten('a very long label', 8)).toBe('a very…');
  });
});
