// The tagger's tokeniser replaced by wink-nlp's (English model): its words, then the same stop
// words, clitics, minimum length and Snowball stems as the hand-written tokeniser.
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { textLanguage } from '../../src/lib/text/language';
import * as tokenizer from '../../src/lib/text/tokenize';
import { swapExport } from './swap';

const nlp = winkNLP(model);
const { its } = nlp;
const NUMBER = /^\p{N}+$/u;
/** wink-nlp splits "don't" into "do" + "n't" and "customer's" into "customer" + "'s". */
const CLITIC = /^(n't|'\p{L}+)$/u;

function tokenizeWithOffsets(
  text: string,
  options: tokenizer.TokenizeOptions = {},
): tokenizer.Token[] {
  const dropStop = options.stopWords ?? true;
  const doStem = options.stem ?? true;
  const minLength = options.minLength ?? 2;
  const lang = textLanguage(options.language);
  const tokens = nlp.readDoc(text).tokens();
  /* eslint-disable @typescript-eslint/unbound-method -- wink-nlp's `its` helpers are plain functions, passed as its API asks */
  const values: string[] = tokens.out(its.value);
  const spaces: string[] = tokens.out(its.precedingSpaces);
  const types: string[] = tokens.out(its.type);
  /* eslint-enable @typescript-eslint/unbound-method */
  const out: tokenizer.Token[] = [];
  let at = 0;
  values.forEach((raw, i) => {
    at += (spaces[i] as string).length;
    const start = at;
    at += raw.length;
    if (types[i] !== 'word') return;
    const word = raw.normalize('NFC').toLowerCase().replace(/’/g, "'");
    if (CLITIC.test(word) || [...word].length < minLength || NUMBER.test(word)) return;
    if (dropStop && lang.isStopWord(word)) return;
    const parts = word.includes('-') ? word.split('-') : [word];
    const term = parts.map((p) => (doStem ? lang.stem(p) : p)).join('-');
    out.push({ term, word, start, end: at });
  });
  return out;
}

swapExport(tokenizer as never, 'tokenizeWithOffsets', 'tokenising', tokenizeWithOffsets);
swapExport(
  tokenizer as never,
  'tokenize',
  'tokenising',
  (text: string, o?: tokenizer.TokenizeOptions) => tokenizeWithOffsets(text, o).map((t) => t.term),
);
