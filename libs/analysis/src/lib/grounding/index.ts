export { groundQuote, locateQuote } from './ground-quote';
export type {
  GroundedQuote,
  GroundingFailure,
  GroundingOutcome,
  GroundQuoteOptions,
  MatchKind,
} from './ground-quote';
export { meaningChange, meaningMarkers } from './meaning';
