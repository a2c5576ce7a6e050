import type {
  CorrectSegmentMutation,
  MergeSegmentsMutation,
  ReaderHighlightFragment,
  SplitSegmentMutation,
  SuggestionFragment,
  TranscriptReaderQuery,
} from '@verbatim/contracts';

// The reader's names for the generated GraphQL types it passes between its parts.

export type ReaderHighlight = ReaderHighlightFragment;
export type Suggestion = SuggestionFragment;
export type SegmentCorrection = CorrectSegmentMutation['correctSegment'];
export type SegmentMerge = MergeSegmentsMutation['mergeSegments'];
export type SegmentSplit = SplitSegmentMutation['splitSegment'];
/** What a correction, split or merge reports about the highlights it touched. */
export type TurnEditReport = Pick<SegmentCorrection, 'reanchoredCount' | 'flagged'>;
export type TranscriptDetail = TranscriptReaderQuery['transcript'];
