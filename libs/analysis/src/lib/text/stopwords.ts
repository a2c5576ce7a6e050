/**
 * English stop words: function words plus the fillers and hedges of spoken interviews
 * ("um", "yeah", "kind of", "you know"), which carry no topic in a transcript.
 */
const FUNCTION_WORDS = `a about above after again against all also am an and any are aren't as at be because been
before being below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down
during each either else ever every few for from further had hadn't has hasn't have haven't having he he'd he'll he's
her here here's hers herself him himself his how how's however i i'd i'll i'm i've if in into is isn't it it's its
itself just let's me might mine more most much must mustn't my myself neither no nor not now of off on once one only
or other ought our ours ourselves out over own per quite rather same shall shan't she she'd she'll she's should
shouldn't since so some such than that that's the their theirs them themselves then there there's these they they'd
they'll they're they've this those though through thus to too under until up upon us very via was wasn't we we'd
we'll we're we've were weren't what what's when when's where where's whether which while who who's whom whose why
why's will with within without won't would wouldn't yet you you'd you'll you're you've your yours yourself
yourselves`;

const SPOKEN_FILLERS = `ah actually anyway basically etc eh er erm get gets getting got gonna gotta guess hmm huh
kind kinda know like literally lot lots maybe mean mhm mm oh ok okay oops probably pretty really right say said says
see seem seemed seems sort sorta stuff thing things think thought uh uhm um umm well wanna yeah yep yes yup`;

export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  `${FUNCTION_WORDS} ${SPOKEN_FILLERS}`.split(/\s+/).filter(Boolean),
);

/** True when `word` (lower case, straight apostrophes) is an English stop word or spoken filler. */
export function isStopWord(word: string): boolean {
  return ENGLISH_STOP_WORDS.has(word);
}
