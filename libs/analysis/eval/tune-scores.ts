/**
 * Development aid: per-tag score analysis on the development fold 0 ONLY (never folds 1–4).
 *   npx ts-node --transpile-only -P libs/analysis/eval/tsconfig.json libs/analysis/eval/tune-scores.ts [--opt k=v]
 */
import { resolve } from 'node:path';
import { splitSentences } from '../src/lib/text';
import { trainDeductiveTagger } from '../src/lib/offline';
import type { CodebookTag } from '../src/lib/types';
import { shuffled } from '../src/lib/offline/random';
import { loadGamesAsArt, type GoldText } from './data';
import { scores, emptyCounts, record } from './metrics';

const opts: Record<string, number> = {};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++)
  if (argv[i] === '--opt') {
    const [k, v] = (argv[++i] ?? '').split('=');
    if (k) opts[k] = Number(v);
  }
const set = loadGamesAsArt(resolve(__dirname, '..', 'fixtures'));
const idx = shuffled(
  set.texts.map((_t, i) => i),
  42,
);
const folds: number[][] = Array.from({ length: 5 }, () => []);
idx.forEach((t, n) => folds[n % 5]?.push(t));
const covers = (a: number, b: number, c: number, d: number): boolean => {
  const o = Math.min(b, d) - Math.max(a, c);
  return o > 0 && o >= 0.5 * Math.min(b - a, d - c);
};
const allCodes = [...set.descriptions.keys()];
const spanCount = (texts: GoldText[], code: string): number =>
  texts.reduce((n, t) => n + t.spans.filter((s) => s.codes.includes(code)).length, 0);
const evalTags = allCodes.filter((c) =>
  folds.every(
    (_f, k) =>
      spanCount(
        set.texts.filter((_t, i) => !folds[k]?.includes(i)),
        c,
      ) >= 5,
  ),
);
const test = (folds[0] ?? []).map((i) => set.texts[i] as GoldText);
const train = set.texts.filter((_t, i) => !folds[0]?.includes(i));
const ex = new Map<string, string[]>(allCodes.map((c) => [c, []]));
for (const t of train)
  for (const s of t.spans) for (const c of s.codes) ex.get(c)?.push(t.text.slice(s.start, s.end));
const codebook: CodebookTag[] = [...ex.entries()]
  .sort((a, b) => a[0].localeCompare(b[0]))
  .map(([c, e]) => ({ id: c, name: c, description: set.descriptions.get(c) || null, examples: e }));
const bg: string[] = [];
for (const t of train)
  for (const s of splitSentences(t.text))
    if (!t.spans.some((sp) => sp.end > s.start && sp.start < s.end)) bg.push(s.text);
const t0 = Date.now();
const tagger = trainDeductiveTagger({ tags: codebook, background: bg }, opts);
const t1 = Date.now();
const rows: Record<string, { p: number; g: boolean }[]> = {};
const supp: Record<string, { p: number; g: boolean }[]> = {};
for (const t of test) {
  const turns = [{ index: 0, text: t.text, speaker: 'P', isInterviewer: false }];
  const sc = tagger.scoreSentences(turns);
  const sugg = tagger.suggest(turns);
  for (const u of splitSentences(t.text)) {
    const s = sc.find((x) => x.start === u.start);
    for (const tag of evalTags) {
      const g = t.spans.some(
        (sp) => sp.codes.includes(tag) && covers(u.start, u.end, sp.start, sp.end),
      );
      (rows[tag] ??= []).push({ p: s?.scores.find((x) => x.tagId === tag)?.confidence ?? 0, g });
      const pr = sugg.some(
        (x) =>
          x.tags.some((y) => y.tagId === tag) && covers(u.start, u.end, x.startOffset, x.endOffset),
      );
      (supp[tag] ??= []).push({ p: pr ? 1 : 0, g });
    }
  }
}
let mg = 0,
  mo = 0,
  ms = 0,
  mauc = 0;
const kAt = (r: { p: number; g: boolean }[], th: number): number => {
  const c = emptyCounts();
  for (const x of r) record(c, x.g, x.p >= th);
  return scores(c).kappa;
};
for (const tag of evalTags) {
  const r = rows[tag] ?? [];
  const kg = kAt(r, 0.2);
  let best = -1,
    bt = 0;
  for (let th = 0.02; th < 0.9; th += 0.01) {
    const k = kAt(r, th);
    if (k > best) {
      best = k;
      bt = th;
    }
  }
  const pos = r.filter((x) => x.g),
    neg = r.filter((x) => !x.g);
  let auc = 0;
  for (const a of pos) for (const b of neg) auc += a.p > b.p ? 1 : a.p === b.p ? 0.5 : 0;
  auc /= pos.length * neg.length || 1;
  const ks = kAt(supp[tag] ?? [], 0.5);
  mg += kg;
  mo += best;
  ms += ks;
  mauc += auc;
  console.log(
    `${tag.padEnd(38)} n+=${String(pos.length).padStart(3)} auc=${auc.toFixed(2)} k@0.2=${kg.toFixed(2)} suggestK=${ks.toFixed(2)} oracle=${best.toFixed(2)}@${bt.toFixed(2)}`,
  );
}
const n = evalTags.length;
// Pooled over every (sentence, evaluated tag): how well the confidences rank, whatever the tag.
const pooled = evalTags.flatMap((tag) => rows[tag] ?? []).sort((a, b) => b.p - a.p);
const totalPos = pooled.filter((x) => x.g).length;
let tp = 0;
let ap = 0;
let pAt30: number | null = null;
pooled.forEach((x, i) => {
  if (!x.g) return;
  tp++;
  ap += tp / (i + 1);
  if (pAt30 === null && tp >= 0.3 * totalPos) pAt30 = tp / (i + 1);
});
console.log(
  `pooled: average precision ${(ap / (totalPos || 1)).toFixed(3)}  precision at recall 0.3 ${(pAt30 ?? 0).toFixed(3)}  (${totalPos} positives)`,
);
console.log(
  `macro: suggest κ ${(ms / n).toFixed(3)}  κ@0.2 ${(mg / n).toFixed(3)}  oracle ${(mo / n).toFixed(3)}  auc ${(mauc / n).toFixed(3)}  train ${t1 - t0} ms`,
);
