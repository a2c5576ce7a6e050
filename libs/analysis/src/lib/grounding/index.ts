export { groundQuote } from './ground-quote';
export type { GroundedQuote, GroundQuoteOptions } from './ground-quote';
