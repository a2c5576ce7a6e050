export { ENGLISH_STOP_WORDS, isStopWord } from './stopwords';
export { stem } from './stem';
export { tokenize, tokenizeWithOffsets, type Token, type TokenizeOptions } from './tokenize';
export { splitSentences, type SentenceSpan } from './sentences';
export {
  TfIdfModel,
  addInto,
  centroid,
  cosine,
  dot,
  normalize,
  termsOf,
  type SparseVector,
  type TfIdfOptions,
} from './tfidf';
export { languageCode, STEMMED_LANGUAGES, textLanguage, type TextLanguage } from './language';
