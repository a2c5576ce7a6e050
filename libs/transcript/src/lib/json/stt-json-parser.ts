import { type Utterance } from '../core/build-turns';
import { type FormatResult } from '../core/format-result';
import { TranscriptParseError } from '../transcript-parse-error';
import {
  isRecord,
  type JsonRecord,
  millis,
  num,
  parseJson,
  records,
  secondsToMs,
  str,
} from './json-values';

function speakerName(value: unknown, style: 'number' | 'letter'): string | null {
  if (typeof value === 'string' && value.trim() !== '') {
    return style === 'letter' && value.trim().length <= 2
      ? `Speaker ${value.trim()}`
      : value.trim();
  }
  const n = num(value);
  return n === null ? null : `Speaker ${Math.round(n) + 1}`;
}

/** Whisper `verbose_json` / CLI JSON, whisper-timestamped, WhisperX: `segments[{start,end,text,speaker?}]` in seconds. */
function fromWhisper(data: JsonRecord, segments: JsonRecord[]): FormatResult {
  const utterances: Utterance[] = segments.map((s) => ({
    speaker: speakerName(s['speaker'], 'number'),
    startMs: secondsToMs(s['start']),
    endMs: secondsToMs(s['end']),
    text: str(s['text']) ?? '',
  }));
  return { utterances, warnings: [], language: str(data['language']) };
}

function wordsToUtterances(
  words: JsonRecord[],
  toMs: (v: unknown) => number | null,
  style: 'number' | 'letter',
): Utterance[] {
  return words.map((w) => ({
    speaker: speakerName(w['speaker'], style),
    startMs: toMs(w['start']),
    endMs: toMs(w['end']),
    text: str(w['punctuated_word']) ?? str(w['text']) ?? str(w['word']) ?? '',
  }));
}

function wholeText(text: string | null): Utterance[] {
  return text ? [{ speaker: null, startMs: null, endMs: null, text }] : [];
}

/** AssemblyAI v2: `utterances[{speaker:'A',start,end,text}]` in ms; else `words`; else `text`. */
function fromAssemblyAi(data: JsonRecord): FormatResult {
  const utterances = records(data['utterances']);
  const words = records(data['words']);
  const list: Utterance[] =
    utterances.length > 0
      ? utterances.map((u) => ({
          speaker: speakerName(u['speaker'], 'letter'),
          startMs: millis(u['start']),
          endMs: millis(u['end']),
          text: str(u['text']) ?? '',
        }))
      : words.length > 0
        ? wordsToUtterances(words, millis, 'letter')
        : wholeText(str(data['text']));
  return { utterances: list, warnings: [], language: str(data['language_code']) };
}

function deepgramParagraphs(alternative: JsonRecord): Utterance[] {
  const container = isRecord(alternative['paragraphs']) ? alternative['paragraphs'] : {};
  return records(container['paragraphs']).map((p) => ({
    speaker: speakerName(p['speaker'], 'number'),
    startMs: secondsToMs(p['start']),
    endMs: secondsToMs(p['end']),
    text: records(p['sentences'])
      .map((s) => str(s['text']) ?? '')
      .join(' '),
  }));
}

/** Deepgram: `results.utterances`, else paragraphs, else words (with `speaker`), else the transcript. */
function fromDeepgram(results: JsonRecord): FormatResult {
  const channels = records(results['channels']);
  const channel = channels[0] ?? {};
  const alternative = records(channel['alternatives'])[0] ?? {};
  const warnings =
    channels.length > 1
      ? [`Only the first of ${channels.length} audio channels was imported.`]
      : [];
  const language = str(channel['detected_language']);
  const utterances = records(results['utterances']).map((u) => ({
    speaker: speakerName(u['speaker'], 'number'),
    startMs: secondsToMs(u['start']),
    endMs: secondsToMs(u['end']),
    text: str(u['transcript']) ?? '',
  }));
  if (utterances.length > 0) return { utterances, warnings, language };
  const paragraphs = deepgramParagraphs(alternative);
  if (paragraphs.length > 0) return { utterances: paragraphs, warnings, language };
  const words = records(alternative['words']);
  const list =
    words.length > 0
      ? wordsToUtterances(words, secondsToMs, 'number')
      : wholeText(str(alternative['transcript']));
  return { utterances: list, warnings, language };
}

function unsupported(data: unknown): TranscriptParseError {
  const keys = isRecord(data) ? Object.keys(data).slice(0, 8) : [];
  const found = isRecord(data)
    ? `top-level keys ${keys.map((k) => `"${k}"`).join(', ') || 'none'}`
    : `a JSON ${Array.isArray(data) ? 'array' : typeof data}`;
  return new TranscriptParseError(
    'UNSUPPORTED_FORMAT',
    'This JSON is not a speech-to-text format Verbatim knows. Expected Whisper/OpenAI JSON with "segments" ' +
      '(start, end, text), AssemblyAI JSON with "utterances" or "words", or Deepgram JSON with "results"; ' +
      `found ${found}.`,
  );
}

/** Speech-to-text JSON from Whisper (and look-alikes), AssemblyAI and Deepgram. */
export function parseSttJson(text: string): FormatResult {
  const data = parseJson(text);
  if (Array.isArray(data) && records(data).some((s) => 'start' in s && 'text' in s))
    return fromWhisper({}, records(data));
  if (!isRecord(data)) throw unsupported(data);
  if (Array.isArray(data['segments'])) return fromWhisper(data, records(data['segments']));
  if (isRecord(data['results'])) return fromDeepgram(data['results']);
  if ('utterances' in data || Array.isArray(data['words'])) return fromAssemblyAi(data);
  throw unsupported(data);
}
