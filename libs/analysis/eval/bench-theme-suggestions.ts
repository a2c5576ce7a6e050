/**
 * CPU time and quality of the offline theme suggester on synthetic boards of 200 to 5,000
 * highlights (syntheticHighlights: the labelled highlights with words of other highlights of the
 * same topic mixed in, so no two are the same; `noisy` also drops and mixes in words), with the
 * adjusted Rand index against the topics they were made from. Run:
 *   npx ts-node --transpile-only -P libs/analysis/eval/tsconfig.json libs/analysis/eval/bench-theme-suggestions.ts [sizes] [--noisy] [--k=5]
 * `npm run bench` times the 5,000 case on the built code (scripts/bench-clustering.mjs).
 */
import { adjustedRandIndex, suggestThemesOffline } from '../src';
import {
  LABELLED_PARTICIPANTS,
  syntheticHighlights,
} from '../src/lib/clustering/synthetic-highlights';

const args = process.argv.slice(2);
const sizes = (args.find((a) => /^[\d,]+$/.test(a)) ?? '200,500,1000,2000,5000')
  .split(',')
  .map(Number);
const noisy = args.includes('--noisy');
const k = Number(args.find((a) => a.startsWith('--k='))?.slice(4)) || null;

for (const n of sizes) {
  const items = syntheticHighlights(n, { noisy });
  const started = process.cpuUsage();
  const wall = performance.now();
  const proposals = suggestThemesOffline(items, { k, excludeWords: LABELLED_PARTICIPANTS });
  const cpu = process.cpuUsage(started);
  const of = new Map<string, number>();
  proposals.forEach((p, c) => p.ids.forEach((id) => of.set(id, c)));
  const ari = adjustedRandIndex(
    items.map((i) => i.topic),
    items.map((i) => of.get(i.id) ?? -1),
  );
  console.log(
    `${n} highlights${noisy ? ' (noisy)' : ''}: ${proposals.length} themes, ARI ${ari.toFixed(3)}, ${Math.round((cpu.user + cpu.system) / 1000)} ms CPU, ${Math.round(performance.now() - wall)} ms wall, heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`,
  );
}
