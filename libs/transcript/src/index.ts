export type {
  ParsedTranscript,
  ParseTranscriptOptions,
  ParseTranscriptTextOptions,
  TranscriptFormat,
  Turn,
} from './lib/types';
export { TRANSCRIPT_FORMATS } from './lib/types';
export { type ParseErrorCode, TranscriptParseError } from './lib/transcript-parse-error';
export { MAX_TRANSCRIPT_TEXT_LENGTH } from './lib/limits';
export { decodeTranscriptBytes } from './lib/core/decode';
export { detectFormat } from './lib/detect-format';
export {
  detectLanguage,
  detectTranscriptLanguage,
  detectTranscriptLanguageCode,
  type DetectedLanguage,
  languageSample,
  MIN_DETECTION_LETTERS,
  SAMPLE_TURNS,
} from './lib/language/detect-language';
export { parseTranscript, parseTranscriptText } from './lib/parse-transcript';
export { parseWebVttCues } from './lib/webvtt/webvtt-file-parser';
export {
  parseWebVttCueText,
  type WebVttElement,
  type WebVttNode,
} from './lib/webvtt/webvtt-cue-text';
export type {
  WebVttCue,
  WebVttError,
  WebVttParseResult,
  WebVttRegion,
} from './lib/webvtt/webvtt-types';
export { makeSyntheticTranscript, type SyntheticTranscriptOptions } from './testing/synthetic';
export {
  assertSafeZip,
  DamagedZipError,
  DEFAULT_ZIP_LIMITS,
  UnsafeZipError,
  type UnsafeZipReason,
  type ZipLimits,
} from './lib/docx/zip-guard';
