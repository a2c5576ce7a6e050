import { stem } from '../text';

/**
 * Words of everyday spoken English that say nothing about what a passage is about: politeness
 * ("thank"), intent and effort ("want", "make sure", "try"), vague nouns ("people", "thing",
 * "year", "way"), time and quantity ("still", "today", "lot"), evaluation ("good", "great"),
 * swearing and the fillers of `ENGLISH_STOP_WORDS`. The theme finder never clusters on them and
 * never names a theme with them. Compared by stem, so "thanks", "wanted", "making" and "using"
 * are covered too (irregular forms are listed). Separate from the stop words, which the deductive tagger depends on.
 */
export const GENERIC_SPOKEN_WORDS: readonly string[] = `
able about absolutely across actually again ago agree ahead all already alright also always amazing anybody anyone
anything anyway anywhere around ask awesome back bad basically began begin believe best better big bit bring
brought call came can't case cause certain certainly check clear come completely cool could couple crazy damn day
definitely different do done each easy else end enough entire even ever every everybody everyone everything
exactly example excited fact far feel felt fine first five folk four fuck fucking funny gave get give given glad
go god gone gonna good gosh got gotta great guess guy guys haha half happen happy hard hear heard hello help hey
hi honestly hope huge hundred idea instead interesting involve itself just keep kept kind kinda knew know last
later least leave less let like little lol long look lot lots love made main make many matter maybe mean mention
might mind minute moment month much need never next nice nobody none nothing now obviously often okay old one
others part particular people pick place please point possible pretty probably put question quite rather real
really reason remember right same saw say second see seem seen sense shit side simply since six small so some
somebody someone something sometimes somewhere soon sorry sort start stay still stuff super sure take taken talk
tell ten term terms terrible thank thing things think though thousand three time today together told tomorrow took
totally true try two type understand use usually very wait want way week weird welcome well went whatever whole
wonderful word work wow wrong y'all ya yall yeah year yes yesterday yet
`
  .split(/\s+/)
  .filter(Boolean);

const GENERIC_STEMS: ReadonlySet<string> = new Set(GENERIC_SPOKEN_WORDS.map((w) => stem(w)));

/** True when the stemmed `term` (as produced by the tokenizer) is a generic spoken word. */
export function isGenericTerm(term: string): boolean {
  return GENERIC_STEMS.has(term);
}
