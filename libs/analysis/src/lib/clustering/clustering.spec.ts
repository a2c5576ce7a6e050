import { seededRandom } from '../offline/random';
import { adjustedRandIndex } from './ari';
import {
  averageLinkageDistances,
  cosineDistances,
  groupSums,
  silhouette,
  silhouetteOfUnitVectors,
} from './agglomerative';
import { LABELLED_HIGHLIGHTS } from './labelled-highlights';
import { microClusters } from './micro-clusters';
import { MAX_TREE_LEAVES, suggestThemesOffline } from './suggest';
import { LABELLED_PARTICIPANTS, syntheticHighlights } from './synthetic-highlights';
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

  it('is the same computed from group sums of unit vectors as from the distance matrix', () => {
    const vectors = randomUnitVectors(60, 8, 3);
    vectors[5] = vectors[5]!.map(() => 0); // a text without terms
    const rnd = seededRandom(4);
    for (const k of [2, 3, 7]) {
      const assign = vectors.map((_, i) => (i < k ? i : Math.floor(rnd() * k)));
      expect(silhouetteOfUnitVectors(vectors, assign)).toBeCloseTo(
        silhouette(cosineDistances(vectors), assign),
        10,
      );
    }
  });
});

describe('averageLinkageDistances', () => {
  it('is the mean cosine distance over every pair of members of two groups', () => {
    const vectors = randomUnitVectors(12, 5, 9);
    const assign = [0, 0, 0, 1, 1, 2, 2, 2, 2, 3, 0, 1];
    const d = averageLinkageDistances(groupSums(vectors, assign, 4));
    const pairwise = cosineDistances(vectors);
    for (let a = 0; a < 4; a++)
      for (let b = 0; b < 4; b++) {
        if (a === b) continue;
        const pairs: number[] = [];
        assign.forEach((ga, i) =>
          assign.forEach((gb, j) => ga === a && gb === b && pairs.push(pairwise[i]![j]!)),
        );
        expect(d[a]![b]).toBeCloseTo(pairs.reduce((x, y) => x + y, 0) / pairs.length, 10);
      }
  });
});

describe('microClusters', () => {
  const vectors = randomUnitVectors(300, 6, 5);

  it('leaves fewer vectors than asked for each in a group of its own', () => {
    expect(microClusters(vectors.slice(0, 20), 20)).toEqual([...Array(20).keys()]);
  });

  it('puts every vector in one of at most `count` groups, numbered by first member, the same each time', () => {
    const groups = microClusters(vectors, 40);
    expect(groups).toHaveLength(300);
    expect(groups[0]).toBe(0);
    const seen = new Set<number>();
    for (const g of groups) {
      expect(g).toBeLessThanOrEqual(seen.size);
      seen.add(g);
    }
    expect(seen.size).toBeLessThanOrEqual(40);
    expect(seen.size).toBeGreaterThan(30);
    expect(microClusters(vectors, 40)).toEqual(groups);
  });

  it('keeps identical vectors together', () => {
    const copies = vectors.slice(0, 50).flatMap((v) => [v, v, v]);
    const groups = microClusters(copies, 60);
    for (let i = 0; i < copies.length; i += 3) {
      expect(groups[i + 1]).toBe(groups[i]);
      expect(groups[i + 2]).toBe(groups[i]);
    }
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

  it('reports the index with the number of topics given', () => {
    const ari = adjustedRandIndex(topics, labelsOf(suggestThemesOffline(items, { k: 5 })));
    console.log(`theme suggestions with k = 5: ARI ${ari.toFixed(3)} against the labels`);
    expect(ari).toBeGreaterThan(0.55);
  });

  it('recovers the topics as well with the tree over k-means micro-clusters of two highlights', () => {
    // Boards above MAX_TREE_LEAVES highlights are grouped this way; here 25 micro-clusters.
    const auto = adjustedRandIndex(
      topics,
      labelsOf(suggestThemesOffline(items, { maxTreeLeaves: 25 })),
    );
    const five = adjustedRandIndex(
      topics,
      labelsOf(suggestThemesOffline(items, { maxTreeLeaves: 25, k: 5 })),
    );
    console.log(
      `theme suggestions over 25 micro-clusters: ARI ${auto.toFixed(3)}, with k = 5 ${five.toFixed(3)}`,
    );
    expect(auto).toBeGreaterThan(0.55);
    expect(five).toBeGreaterThan(0.55);
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

describe('suggestThemesOffline on a synthetic board of 1,000 highlights', () => {
  const board = syntheticHighlights(1_000, { noisy: true });
  const options = { excludeWords: LABELLED_PARTICIPANTS };
  const proposals = suggestThemesOffline(board, options);

  it('groups them by the topic they were made from, through micro-clusters', () => {
    expect(board.length).toBeGreaterThan(MAX_TREE_LEAVES);
    const themeOf = new Map<string, number>();
    proposals.forEach((p, c) => p.ids.forEach((id) => themeOf.set(id, c)));
    const ari = adjustedRandIndex(
      board.map((h) => h.topic),
      board.map((h) => themeOf.get(h.id) ?? -1),
    );
    console.log(`synthetic board of 1,000: ${proposals.length} themes, ARI ${ari.toFixed(3)}`);
    expect(ari).toBeGreaterThan(0.55);
    const ids = proposals.flatMap((p) => p.ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('titles themes with phrases their highlights say, never a participant’s name', () => {
    const textOf = new Map(board.map((h) => [h.id, h.text.toLowerCase()]));
    for (const p of proposals) {
      expect(p.ids.some((id) => textOf.get(id)!.includes(p.title.toLowerCase()))).toBe(true);
      const words = p.title.toLowerCase().split(' ');
      expect(LABELLED_PARTICIPANTS.some((n) => words.includes(n.toLowerCase()))).toBe(false);
    }
    expect(new Set(proposals.map((p) => p.title.toLowerCase())).size).toBe(proposals.length);
  });

  it('is deterministic', () => {
    expect(suggestThemesOffline(board, options)).toEqual(proposals);
  });
});

describe('suggestThemesOffline with vectors given (embeddings)', () => {
  /** A vector near the topic's direction among `dimensions`, with some noise. */
  const embeddingsOf = (board: readonly { topic: string }[], dimensions: number, seed: number) => {
    const rnd = seededRandom(seed);
    const topicsSeen = [...new Set(board.map((h) => h.topic))];
    return board.map((h) =>
      Array.from(
        { length: dimensions },
        (_, d) => (d % topicsSeen.length === topicsSeen.indexOf(h.topic) ? 1 : 0) + rnd() * 0.6,
      ),
    );
  };

  it('groups by the vectors, titles by the texts', () => {
    const vectors = embeddingsOf(LABELLED_HIGHLIGHTS, 40, 3);
    const proposals = suggestThemesOffline(items, { vectors, k: 5 });
    expect(adjustedRandIndex(topics, labelsOf(proposals))).toBeGreaterThan(0.9);
    for (const p of proposals) expect(p.title.length).toBeGreaterThan(0);
  });

  it('projects long vectors of a large board before grouping, with the same result each time', () => {
    const board = syntheticHighlights(600, { seed: 4 });
    const vectors = embeddingsOf(board, 512, 5);
    const once = suggestThemesOffline(board, { vectors, k: 5 });
    const themeOf = new Map<string, number>();
    once.forEach((p, c) => p.ids.forEach((id) => themeOf.set(id, c)));
    const ari = adjustedRandIndex(
      board.map((h) => h.topic),
      board.map((h) => themeOf.get(h.id) ?? -1),
    );
    expect(ari).toBeGreaterThan(0.9);
    expect(suggestThemesOffline(board, { vectors, k: 5 })).toEqual(once);
  });

  it('needs one vector per item', () => {
    expect(() => suggestThemesOffline(items, { vectors: [[1, 0]] })).toThrow(RangeError);
  });
});

describe('lsaVectors', () => {
  it('gives unit vectors, and zero for a document without terms', () => {
    const v = lsaVectors([['price', 'seat'], ['price', 'plan'], ['export', 'pdf'], []]);
    for (const row of v.slice(0, 3)) expect(Math.hypot(...row)).toBeCloseTo(1, 6);
    expect(v[3]!.every((w) => w === 0)).toBe(true);
  });
});

function randomUnitVectors(n: number, dimensions: number, seed: number): number[][] {
  const rnd = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const v = Array.from({ length: dimensions }, () => rnd() - 0.5);
    const norm = Math.hypot(...v);
    return v.map((w) => w / norm);
  });
}
