import { seededRandom } from '../offline/random';
import { adjustedRandIndex } from './ari';
import { silhouette } from './agglomerative';
import { LABELLED_HIGHLIGHTS } from './labelled-highlights';
import { suggestThemesOffline } from './suggest';
import { lsaVectors } from './vectors';

const items = LABELLED_HIGHLIGHTS.map((h, i) => ({ id: `h${i}`, text: h.text }));
const topics = LABELLED_HIGHLIGHTS.map((h) => h.topic);

/** Each item's proposal (items in no proposal share the label 'none'). */
function labelsOf(proposals: { ids: string[] }[]): string[] {
  const of = new Map<string, string>();
  proposals.forEach((p, c) => p.ids.forEach((id) => of.set(id, `theme-${c}`)));
  return items.map((item) => of.get(item.id) ?? 'none');
}

describe('adjustedRandIndex', () => {
  it('is 1 for the same partition under other names and about 0 for an unrelated one', () => {
    expect(adjustedRandIndex(['a', 'a', 'b', 'b'], [1, 1, 2, 2])).toBe(1);
    expect(adjustedRandIndex(['a', 'a', 'b', 'b'], [1, 2, 1, 2])).toBeLessThan(0);
    // The example of scikit-learn's documentation.
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(0.5714, 4);
  });
});

describe('silhouette', () => {
  it('prefers the split that follows the gaps', () => {
    const d = [
      [0, 0.1, 0.9, 0.9],
      [0.1, 0, 0.9, 0.9],
      [0.9, 0.9, 0, 0.1],
      [0.9, 0.9, 0.1, 0],
    ];
    expect(silhouette(d, [0, 0, 1, 1])).toBeGreaterThan(silhouette(d, [0, 1, 0, 1]));
  });
});

describe('suggestThemesOffline on a labelled set of interview highlights', () => {
  const proposals = suggestThemesOffline(items);

  it('recovers the topics a researcher sorted them into (adjusted Rand index)', () => {
    const ari = adjustedRandIndex(topics, labelsOf(proposals));
    const rnd = seededRandom(7);
    const random = adjustedRandIndex(
      topics,
      items.map(() => `theme-${Math.floor(rnd() * 5)}`),
    );
    // Reported so a change of the algorithm shows what it did to the figure.
    console.log(
      `theme suggestions: ${proposals.length} themes, ARI ${ari.toFixed(3)} against the labels (random assignment ${random.toFixed(3)})`,
    );
    expect(ari).toBeGreaterThan(0.55);
    expect(random).toBeLessThan(0.1);
  });

  it('proposes each highlight at most once and only highlights it was given', () => {
    const ids = proposals.flatMap((p) => p.ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => items.some((i) => i.id === id))).toBe(true);
    expect(proposals.every((p) => p.ids.length >= 2)).toBe(true);
  });

  it('titles each theme with a phrase of two or more words its highlights say, never a name', () => {
    const names = ['priya', 'marco', 'sam', 'lena', 'jonas'];
    for (const p of proposals) {
      expect(p.title.split(' ').length).toBeGreaterThanOrEqual(2);
      const texts = p.ids.map((id) => items.find((i) => i.id === id)!.text.toLowerCase());
      expect(texts.some((t) => t.includes(p.title.toLowerCase()))).toBe(true);
      expect(names.some((n) => p.title.toLowerCase().split(' ').includes(n))).toBe(false);
      expect(p.cohesion).toBeGreaterThan(0);
      expect(p.cohesion).toBeLessThanOrEqual(1);
    }
    expect(new Set(proposals.map((p) => p.title.toLowerCase())).size).toBe(proposals.length);
  });

  it('gives the number of themes asked for, and with the right number recovers the topics', () => {
    const three = suggestThemesOffline(items, { k: 3 });
    expect(three.length).toBeLessThanOrEqual(3);
    expect(three.length).toBeGreaterThan(0);
    const five = suggestThemesOffline(items, { k: 5 });
    expect(five).toHaveLength(5);
    expect(adjustedRandIndex(topics, labelsOf(five))).toBeGreaterThan(0.55);
  });

  it('is deterministic', () => {
    expect(suggestThemesOffline(items)).toEqual(proposals);
  });

  it('proposes nothing for fewer than two texts with content words', () => {
    expect(suggestThemesOffline([{ id: 'a', text: 'Pricing is confusing.' }])).toEqual([]);
    expect(
      suggestThemesOffline([
        { id: 'a', text: 'um yeah' },
        { id: 'b', text: 'you know' },
      ]),
    ).toEqual([]);
  });
});

describe('lsaVectors', () => {
  it('gives unit vectors, and zero for a document without terms', () => {
    const v = lsaVectors([['price', 'seat'], ['price', 'plan'], ['export', 'pdf'], []]);
    for (const row of v.slice(0, 3)) expect(Math.hypot(...row)).toBeCloseTo(1, 6);
    expect(v[3]!.every((w) => w === 0)).toBe(true);
  });
});
