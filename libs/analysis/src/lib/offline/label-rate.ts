import type { Scored, Unit } from './deductive-scoring';
import type { TrainingTexts } from './deductive-training';

// No more labels than people give: a call of the tagger proposes at most people's rate of
// (sentence, tag) labels per content word, measured on what it learnt from.

/**
 * People's (span, tag) labels per content word of their examples and the background, of which
 * `texts` holds the share `backgroundShare` (a sample); null without examples.
 */
export function labelRate(texts: TrainingTexts, backgroundShare = 1): number | null {
  const labels = texts.examples.reduce((n, e) => n + e.quote.tags.size, 0);
  const backgroundWords = texts.background.reduce((n, b) => n + b.tokens.length, 0);
  const words =
    texts.examples.reduce((n, e) => n + e.tokens.length, 0) +
    (backgroundShare > 0 ? backgroundWords / backgroundShare : backgroundWords);
  // Nobody has coded anything yet: people's rate is unknown, not zero.
  return labels > 0 && words > 0 ? labels / words : null;
}

/**
 * How many (sentence, tag) labels a call may propose: people's rate per content word times the
 * words of the sentences read, rounded up (Infinity without a cap).
 */
export function labelBudget(
  cap: number,
  labelsPerWord: number | null,
  units: { unit: Unit }[],
): number {
  if (!(cap > 0) || labelsPerWord === null) return Infinity;
  const words = units.reduce((n, u) => n + u.unit.tokens.length, 0);
  return Math.ceil(labelsPerWord * words * cap);
}

/**
 * The `budget` labels of the call that rank first by `rank` (default: the confidence; ties:
 * earlier sentence, lower tag index).
 */
export function capAtPeopleRate(
  picked: { unit: Unit; scored: Scored[] }[],
  budget: number,
  rank: (s: Scored) => number = (s) => s.p,
): { unit: Unit; scored: Scored[] }[] {
  const all = picked.flatMap((p, i) => p.scored.map((s) => ({ i, s, r: rank(s) })));
  if (all.length <= budget) return picked;
  all.sort((a, b) => b.r - a.r || a.i - b.i || a.s.tag - b.s.tag);
  const kept = new Set(all.slice(0, budget).map((x) => x.s));
  return picked
    .map((p) => ({ unit: p.unit, scored: p.scored.filter((s) => kept.has(s)) }))
    .filter((p) => p.scored.length > 0);
}
