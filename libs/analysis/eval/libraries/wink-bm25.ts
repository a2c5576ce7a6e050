// The tagger's TF-IDF vectors made by wink-nlp's BM25 vectoriser instead (l2-normalised, like ours).
import bm25Vectorizer from 'wink-nlp/utilities/bm25-vectorizer';
import its from 'wink-nlp/src/its';
import type { SparseVector } from '../../src/lib/text';
import * as tfidf from '../../src/lib/text/tfidf';
import { swapClass } from './swap';

/** BM25's term-frequency saturation and length normalisation (chosen on the development fold 0). */
const K1 = Number(process.env['BM25_K1'] ?? 1.2);
const B = Number(process.env['BM25_B'] ?? 0.75);

class WinkBm25Model {
  readonly idf: Map<string, number>;
  private readonly bigrams: boolean;
  private readonly vectoriser = bm25Vectorizer({ k1: K1, b: B, norm: 'l2' });

  constructor(documents: readonly (readonly string[])[], options: tfidf.TfIdfOptions = {}) {
    this.bigrams = options.bigrams ?? false;
    for (const doc of documents) this.vectoriser.learn(tfidf.termsOf(doc, this.bigrams));
    this.idf = new Map(this.vectoriser.out(its.idf) as [string, number][]);
  }

  vector(tokens: readonly string[]): SparseVector {
    const bow = this.vectoriser.bowOf(tfidf.termsOf(tokens, this.bigrams));
    return new Map(Object.entries(bow));
  }
}

swapClass(tfidf as never, 'TfIdfModel', 'tf-idf', WinkBm25Model);
