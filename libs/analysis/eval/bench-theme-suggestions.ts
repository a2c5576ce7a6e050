/**
 * CPU time of the offline theme suggester on synthetic boards of 200, 500, 1,000 and 2,000
 * highlights: the labelled highlights with words of other highlights of the same topic mixed in,
 * so no two are the same. Run:
 *   npx ts-node --transpile-only -P libs/analysis/eval/tsconfig.json libs/analysis/eval/bench-theme-suggestions.ts
 */
import { LABELLED_HIGHLIGHTS } from '../src/lib/clustering/labelled-highlights';
import { adjustedRandIndex, suggestThemesOffline } from '../src';
import { seededRandom } from '../src/lib/offline/random';

const rnd = seededRandom(11);
const byTopic = new Map<string, string[][]>();
for (const h of LABELLED_HIGHLIGHTS)
  byTopic.set(h.topic, [...(byTopic.get(h.topic) ?? []), h.text.split(' ')]);

function synthetic(n: number): { id: string; text: string; topic: string }[] {
  return Array.from({ length: n }, (_, i) => {
    const base = LABELLED_HIGHLIGHTS[i % LABELLED_HIGHLIGHTS.length]!;
    const others = byTopic.get(base.topic)!;
    const donor = others[Math.floor(rnd() * others.length)]!;
    const words = base.text.split(' ');
    const start = Math.floor(rnd() * Math.max(1, donor.length - 4));
    const text = [...words, ...donor.slice(start, start + 4)].join(' ');
    return { id: `h${i}`, text, topic: base.topic };
  });
}

for (const n of [200, 500, 1000, 2000]) {
  const items = synthetic(n);
  const started = process.cpuUsage();
  const wall = performance.now();
  const proposals = suggestThemesOffline(items);
  const cpu = process.cpuUsage(started);
  const of = new Map<string, number>();
  proposals.forEach((p, c) => p.ids.forEach((id) => of.set(id, c)));
  const ari = adjustedRandIndex(
    items.map((i) => i.topic),
    items.map((i) => of.get(i.id) ?? -1),
  );
  console.log(
    `${n} highlights: ${proposals.length} themes, ARI ${ari.toFixed(2)}, ${Math.round((cpu.user + cpu.system) / 1000)} ms CPU, ${Math.round(performance.now() - wall)} ms wall, heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`,
  );
}
