// The hand-written pieces, only timed (the yardstick of compare-libraries.ts).
import * as logistic from '../../src/lib/offline/logistic';
import * as tfidf from '../../src/lib/text/tfidf';
import * as tokenizer from '../../src/lib/text/tokenize';
import { swapClass, swapExport } from './swap';

swapExport(logistic as never, 'fitLogistic', 'logistic-regression', logistic.fitLogistic);
swapClass(tfidf as never, 'TfIdfModel', 'tf-idf', tfidf.TfIdfModel);
swapExport(tokenizer as never, 'tokenize', 'tokenising', tokenizer.tokenize);
swapExport(tokenizer as never, 'tokenizeWithOffsets', 'tokenising', tokenizer.tokenizeWithOffsets);
