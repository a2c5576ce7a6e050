import { cuesToUtterances, type TimedCue } from '../core/cue-speakers';
import { type FormatResult } from '../core/format-result';
import { TranscriptParseError } from '../transcript-parse-error';
import { cueTextToVoicedText } from './webvtt-cue-text';
import { WebVttFileParser, type WebVttFileResult } from './webvtt-file-parser';

function lenientWarning(lines: readonly number[]): string[] {
  if (lines.length === 0) return [];
  const count = lines.length === 1 ? 'a cue timing' : `${lines.length} cue timings`;
  return [
    `Line ${lines[0]}: ${count} not in standard WebVTT form (such as Microsoft Teams' 0:0:1.5) read leniently.`,
  ];
}

/** `Language: en` in the header, as YouTube and others write it. */
function headerLanguage(text: string): string | null {
  const head = text.slice(0, 2000);
  const blank = head.search(/\r?\n\s*\r?\n/);
  const header = blank === -1 ? head : head.slice(0, blank);
  const match = /^Language:[ \t]*([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)[ \t]*$/m.exec(header);
  return match?.[1] ?? null;
}

function toTimedCues(result: WebVttFileResult): TimedCue[] {
  return result.cues.map((cue) => ({
    startMs: Math.round(cue.startTime * 1000),
    endMs: Math.round(cue.endTime * 1000),
    pieces: cueTextToVoicedText(cue.text),
  }));
}

function assertHasCues(result: WebVttFileResult): void {
  if (result.cues.length > 0) return;
  const problem =
    result.errors.find((e) => !e.message.includes('"WEBVTT"')) ??
    (result.signatureValid ? undefined : result.errors[0]);
  if (!problem) return;
  const message = `${problem.message.replace(/; (?:cue skipped|text ignored)$/, '')}. No cue could be read.`;
  throw new TranscriptParseError('MALFORMED', message, problem.line);
}

/**
 * WebVTT transcripts: the spec parser with lenient timings (Teams) and a lenient signature,
 * cue text flattened with voices, then speakers from `<v>`, `Name:` labels or `- ` markers.
 */
export function parseWebVttTranscript(text: string): FormatResult {
  const result = new WebVttFileParser(text, {
    lenientTimings: true,
    lenientSignature: true,
  }).parse();
  assertHasCues(result);
  const warnings = [
    ...result.errors.map((e) => e.message),
    ...lenientWarning(result.lenientTimingLines),
  ];
  return {
    utterances: cuesToUtterances(toTimedCues(result)),
    warnings,
    language: headerLanguage(text),
  };
}
