import { cosine, dot, normalize, splitSentences, TfIdfModel, tokenizeWithOffsets, type SparseVector, type Token } from '../text';
import { seededRandom } from './random';

/** One text to cluster (a turn or a sentence); `key` is opaque and comes back on members. */
export interface ThemeDoc {
  key: string;
  text: string;
  /** Optional speaker (or participant) id: lets the definition say how many people a theme spans. */
  speaker?: string | null;
}

export interface ThemeMember {
  key: string;
  /** UTF-16 offsets in the doc's text of the quoted sentence(s). */
  start: number;
  end: number;
  /** 0..1: how close the passage is to the theme's centre. */
  score: number;
}

export interface DiscoveredTheme {
  name: string;
  definition: string;
  keywords: string[];
  members: ThemeMember[];
}

export interface DiscoverThemesOptions {
  /** At most this many themes (default 8). */
  maxThemes?: number;
  /** Themes with fewer members are dropped as noise (default 3). */
  minMembers?: number;
}

interface Passage {
  doc: number;
  sentences: { start: number; end: number; tokens: Token[] }[];
  tokens: Token[];
  vec: SparseVector;
}

const SEED = 20240611;

/**
 * INDUCTIVE mode: clusters passages (a short doc, or windows of three sentences of a long one) by
 * TF-IDF with spherical k-means (k-means++ seeding from a fixed seed; k chosen by silhouette),
 * names each cluster by its class-based TF-IDF keywords and quotes each member's sentence(s)
 * closest to the cluster. Small or incoherent clusters are dropped. Same input, same output.
 */
export function discoverThemes(docs: ThemeDoc[], options: DiscoverThemesOptions = {}): DiscoveredTheme[] {
  const maxThemes = Math.max(1, options.maxThemes ?? 8);
  const minMembers = Math.max(2, options.minMembers ?? 3);

  const passages: Passage[] = [];
  docs.forEach((doc, d) => {
    const sentences = splitSentences(doc.text).map((s) => ({
      start: s.start,
      end: s.end,
      tokens: tokenizeWithOffsets(s.text).map((t) => ({ ...t, start: t.start + s.start, end: t.end + s.start })),
    }));
    const windows = sentences.length <= 4 ? [sentences] : chunk(sentences, 3);
    for (const w of windows) {
      const tokens = w.flatMap((s) => s.tokens);
      if (new Set(tokens.map((t) => t.term)).size >= 3) passages.push({ doc: d, sentences: w, tokens, vec: new Map() });
    }
  });
  if (passages.length < minMembers * 2) return [];

  const model = new TfIdfModel(
    passages.map((p) => p.tokens.map((t) => t.term)),
    { minDf: 2 },
  );
  // Terms in more than half of the passages ("game" in a study about games) name no one theme.
  const df = new Map<string, number>();
  for (const p of passages) for (const term of new Set(p.tokens.map((t) => t.term))) df.set(term, (df.get(term) ?? 0) + 1);
  const common = (term: string): boolean => (df.get(term) ?? 0) > passages.length / 2;
  for (const p of passages) {
    p.vec = model.vector(p.tokens.map((t) => t.term));
    for (const term of [...p.vec.keys()]) if (common(term)) p.vec.delete(term);
    normalize(p.vec);
  }
  const usable = passages.filter((p) => p.vec.size > 0);
  if (usable.length < minMembers * 2) return [];

  // k: silhouette decides between half the √(n/2) rule of thumb and the cap (silhouette alone
  // favours two huge clusters on sparse text).
  const kMax = Math.max(2, Math.min(maxThemes + 2, Math.floor(usable.length / minMembers)));
  const kMin = Math.max(2, Math.min(kMax, Math.round(Math.sqrt(usable.length / 2) / 2)));
  let best: { k: number; assign: number[]; centroids: SparseVector[]; silhouette: number } | null = null;
  for (let k = kMin; k <= kMax; k++) {
    const { assign, centroids } = kMeans(usable, k, SEED + k);
    const s = silhouette(usable, assign, k);
    if (!best || s > best.silhouette + 1e-9) best = { k, assign, centroids, silhouette: s };
  }
  if (!best) return [];

  // Class-based TF-IDF: term frequency in the cluster × log(1 + average cluster size / term frequency overall).
  const clusterTf: Map<string, number>[] = best.centroids.map(() => new Map());
  const totalTf = new Map<string, number>();
  const surface = best.centroids.map(() => new Map<string, Map<string, number>>());
  usable.forEach((p, i) => {
    const c = best.assign[i] as number;
    for (const t of p.tokens) {
      if (!model.idf.has(t.term) || common(t.term)) continue;
      clusterTf[c]?.set(t.term, (clusterTf[c]?.get(t.term) ?? 0) + 1);
      totalTf.set(t.term, (totalTf.get(t.term) ?? 0) + 1);
      const forms = surface[c]?.get(t.term) ?? new Map<string, number>();
      forms.set(t.word, (forms.get(t.word) ?? 0) + 1);
      surface[c]?.set(t.term, forms);
    }
  });
  const avgSize = [...totalTf.values()].reduce((a, b) => a + b, 0) / best.k;

  const themes: (DiscoveredTheme & { cohesion: number })[] = [];
  for (let c = 0; c < best.k; c++) {
    const members = usable.map((p, i) => ({ p, i })).filter(({ i }) => best.assign[i] === c);
    if (members.length < minMembers) continue;
    const centre = best.centroids[c] as SparseVector;
    const sims = members.map(({ p }) => dot(p.vec, centre));
    const cohesion = sims.reduce((a, b) => a + b, 0) / sims.length;
    if (cohesion < 0.12) continue;
    const size = [...(clusterTf[c]?.values() ?? [])].reduce((a, b) => a + b, 0) || 1;
    const ranked = [...(clusterTf[c]?.entries() ?? [])]
      // A keyword must come up in at least two passages of the cluster.
      .filter(([term]) => members.filter(({ p }) => p.vec.has(term)).length >= 2)
      .map(([term, tf]) => ({ term, score: (tf / size) * Math.log(1 + avgSize / (totalTf.get(term) ?? 1)) }))
      .sort((a, b) => b.score - a.score || a.term.localeCompare(b.term));
    const keywords = ranked.slice(0, 5).map(({ term }) => mostCommon(surface[c]?.get(term)) ?? term);
    if (keywords.length === 0) continue;
    const themeMembers: ThemeMember[] = members
      .map(({ p }, j) => {
        const span = bestSentences(p, centre);
        return { key: (docs[p.doc] as ThemeDoc).key, start: span.start, end: span.end, score: round3(Math.max(0, Math.min(1, sims[j] as number))) };
      })
      .sort((a, b) => b.score - a.score || a.key.localeCompare(b.key) || a.start - b.start);
    const speakers = new Set(members.map(({ p }) => docs[p.doc]?.speaker).filter((s): s is string => !!s));
    const nameWords = keywords.slice(0, 3);
    const about = nameWords.length === 1 ? nameWords[0] : `${nameWords.slice(0, -1).join(', ')} and ${nameWords[nameWords.length - 1]}`;
    const count = `${themeMembers.length} quote${themeMembers.length === 1 ? '' : 's'}`;
    themes.push({
      name: nameWords.map(titleCase).join(' · '),
      definition: `Passages about ${about}; ${count}${speakers.size > 0 ? ` from ${speakers.size} speaker${speakers.size === 1 ? '' : 's'}` : ''}.`,
      keywords,
      members: themeMembers,
      cohesion,
    });
  }
  return themes
    .sort((a, b) => b.members.length - a.members.length || b.cohesion - a.cohesion || a.name.localeCompare(b.name))
    .slice(0, maxThemes)
    .map(({ cohesion: _c, ...theme }) => theme);
}

function kMeans(points: Passage[], k: number, seed: number): { assign: number[]; centroids: SparseVector[] } {
  const rnd = seededRandom(seed);
  // k-means++ seeding.
  const centroids: SparseVector[] = [new Map(points[Math.floor(rnd() * points.length)]?.vec)];
  const nearest = points.map((p) => 1 - dot(p.vec, centroids[0] as SparseVector));
  while (centroids.length < k) {
    const total = nearest.reduce((a, b) => a + Math.max(0, b) ** 2, 0);
    let r = rnd() * total;
    let pick = 0;
    for (let i = 0; i < points.length; i++) {
      r -= Math.max(0, nearest[i] as number) ** 2;
      if (r <= 0) {
        pick = i;
        break;
      }
    }
    const c = new Map((points[pick] as Passage).vec);
    centroids.push(c);
    points.forEach((p, i) => (nearest[i] = Math.min(nearest[i] as number, 1 - dot(p.vec, c))));
  }
  let assign = points.map(() => -1);
  for (let iter = 0; iter < 30; iter++) {
    const next = points.map((p) => {
      let bestC = 0;
      let bestS = -Infinity;
      centroids.forEach((c, j) => {
        const s = dot(p.vec, c);
        if (s > bestS) {
          bestS = s;
          bestC = j;
        }
      });
      return bestC;
    });
    const changed = next.some((a, i) => a !== assign[i]);
    assign = next;
    for (let j = 0; j < k; j++) {
      const acc: SparseVector = new Map();
      points.forEach((p, i) => {
        if (assign[i] === j) for (const [t, w] of p.vec) acc.set(t, (acc.get(t) ?? 0) + w);
      });
      if (acc.size > 0) centroids[j] = normalize(acc);
    }
    if (!changed) break;
  }
  return { assign, centroids };
}

/** Mean silhouette (cosine distance) over an even sample of at most 600 points. */
function silhouette(points: Passage[], assign: number[], k: number): number {
  const step = Math.max(1, Math.floor(points.length / 600));
  const sample: number[] = [];
  for (let i = 0; i < points.length; i += step) sample.push(i);
  let total = 0;
  for (const i of sample) {
    const sums = new Array<number>(k).fill(0);
    const counts = new Array<number>(k).fill(0);
    for (const j of sample) {
      if (i === j) continue;
      const c = assign[j] as number;
      sums[c] = (sums[c] as number) + 1 - cosine((points[i] as Passage).vec, (points[j] as Passage).vec);
      counts[c] = (counts[c] as number) + 1;
    }
    const own = assign[i] as number;
    if (!counts[own]) continue;
    const a = (sums[own] as number) / (counts[own] as number);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && counts[c]) b = Math.min(b, (sums[c] as number) / (counts[c] as number));
    if (Number.isFinite(b)) total += (b - a) / Math.max(a, b, 1e-9);
  }
  return total / sample.length;
}

/** The sentence closest to the theme, with its neighbour when it is too short to stand alone. */
function bestSentences(p: Passage, centre: SparseVector): { start: number; end: number } {
  let bestI = 0;
  let bestS = -Infinity;
  p.sentences.forEach((s, i) => {
    let score = 0;
    for (const t of s.tokens) score += centre.get(t.term) ?? 0;
    score /= Math.sqrt(Math.max(1, s.tokens.length));
    if (score > bestS) {
      bestS = score;
      bestI = i;
    }
  });
  const s = p.sentences[bestI] as Passage['sentences'][number];
  const next = p.sentences[bestI + 1];
  if (s.tokens.length < 4 && next) return { start: s.start, end: next.end };
  return { start: s.start, end: s.end };
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  // A one-sentence tail joins the previous window.
  if (out.length > 1 && (out[out.length - 1] as T[]).length === 1) (out[out.length - 2] as T[]).push(...(out.pop() as T[]));
  return out;
}

function mostCommon(forms: Map<string, number> | undefined): string | undefined {
  if (!forms) return undefined;
  return [...forms.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

const titleCase = (w: string): string => w.charAt(0).toLocaleUpperCase() + w.slice(1);
const round3 = (x: number): number => Math.round(x * 1000) / 1000;
