/**
 * The offline tagger's CPU work, run in worker threads of the WorkerPool (see offline.provider.ts):
 * training and scoring (DEDUCTIVE) and clustering (INDUCTIVE), plain data in and out. A thread
 * keeps the taggers it trained, by model key, so a run's chunks reuse them; a thread that has not
 * trained the model answers `missing` and the caller sends the training data with the next call.
 */
import {
  type DeductiveTagger,
  type DeductiveTrainingInput,
  type DiscoveredTheme,
  discoverThemes,
  type OfflineSuggestion,
  type ThemeDoc,
  trainDeductiveTagger,
  type TurnText,
} from '@verbatim/analysis';

/** Trained taggers kept per thread (a run uses one; a few runs may interleave). */
const KEPT_TAGGERS = 4;
const taggers = new Map<string, DeductiveTagger>();

export interface SuggestInput {
  modelKey: string;
  /** What the tagger learns from; needed only by a thread that has not trained `modelKey`. */
  training?: DeductiveTrainingInput;
  /** The chunk's turns. */
  turns: TurnText[];
}

export type SuggestOutput =
  | { missing: false; suggestions: OfflineSuggestion[] }
  | { missing: true; suggestions?: undefined };

export function suggest(input: SuggestInput): SuggestOutput {
  let tagger = taggers.get(input.modelKey);
  if (!tagger) {
    if (!input.training) return { missing: true };
    tagger = trainDeductiveTagger(input.training);
    if (taggers.size >= KEPT_TAGGERS) taggers.delete(taggers.keys().next().value!);
  } else taggers.delete(input.modelKey);
  taggers.set(input.modelKey, tagger);
  return { missing: false, suggestions: tagger.suggest(input.turns) };
}

export function discover(input: { docs: ThemeDoc[] }): DiscoveredTheme[] {
  return discoverThemes(input.docs);
}
