import { seededRandom } from '../offline/random';
import { LABELLED_HIGHLIGHTS } from './labelled-highlights';

/** The participants the labelled highlights name, as a board's project would list them. */
export const LABELLED_PARTICIPANTS: readonly string[] = ['Priya', 'Marco', 'Sam', 'Lena', 'Jonas'];

export interface SyntheticHighlightOptions {
  seed?: number;
  /**
   * Harder: each highlight also loses about a third of its own words and gains three words of a
   * highlight of any topic.
   */
  noisy?: boolean;
}

/**
 * A board of `n` highlights for measuring the theme suggester at scale (benchmarks, tests): the
 * labelled highlights in turn, each with four words of another highlight of the same topic
 * appended (six, and three of any highlight, when noisy), so no two are the same; `topic` is the
 * labelled topic. Deterministic for a seed.
 */
export function syntheticHighlights(
  n: number,
  options: SyntheticHighlightOptions = {},
): { id: string; text: string; topic: string }[] {
  const random = seededRandom(options.seed ?? 11);
  const words = LABELLED_HIGHLIGHTS.map((h) => h.text.split(' '));
  const byTopic = new Map<string, string[][]>();
  LABELLED_HIGHLIGHTS.forEach((h, i) =>
    byTopic.set(h.topic, [...(byTopic.get(h.topic) ?? []), words[i]!]),
  );
  const excerpt = (from: readonly string[][], length: number): string[] => {
    const donor = from[Math.floor(random() * from.length)]!;
    const start = Math.floor(random() * Math.max(1, donor.length - length));
    return donor.slice(start, start + length);
  };
  return Array.from({ length: n }, (_, i) => {
    const at = i % LABELLED_HIGHLIGHTS.length;
    const { topic } = LABELLED_HIGHLIGHTS[at]!;
    const sameTopic = byTopic.get(topic)!;
    const text = options.noisy
      ? [
          ...words[at]!.filter(() => random() > 0.33),
          ...excerpt(sameTopic, 6),
          ...excerpt(words, 3),
        ]
      : [...words[at]!, ...excerpt(sameTopic, 4)];
    return { id: `h${i}`, text: text.join(' '), topic };
  });
}
