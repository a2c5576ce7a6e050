import { formatClock } from '../lib/core/timestamps';
import { type TranscriptFormat } from '../lib/types';

export interface SyntheticTranscriptOptions {
  format: Exclude<TranscriptFormat, 'DOCX'>;
  /** Length of the interview; about 10 turns per minute are produced. */
  minutes: number;
  /** 2 (interviewer + participant) or 3 (interviewer + two participants). Default 2. */
  speakers?: number;
  /** Same seed, same transcript. Default 1. */
  seed?: number;
}

interface SyntheticCue {
  speaker: string;
  startMs: number;
  endMs: number;
  text: string;
}

const NAMES = ['Alex Moreno', 'Priya Raman', 'Sam Okafor'];
const TURNS_PER_MINUTE = 10;
const WORDS_PER_SECOND = 2.4;
const MAX_CUE_WORDS = 7;

const OPENERS = [
  'So',
  'Honestly,',
  'I think',
  'Well,',
  'Yeah,',
  'To be fair,',
  'Mostly',
  'Sometimes',
  'At work',
  'Last week',
  'Right, so',
];
const SUBJECTS = [
  'the onboarding flow',
  'the export button',
  'our team',
  'the dashboard',
  'my manager',
  'the search page',
  'the mobile app',
  'the pricing page',
  'the weekly report',
  'customer support',
  'the calendar sync',
  'the settings screen',
];
const VERBS = [
  'was confusing',
  'took forever to load',
  'helped a lot',
  'felt a bit cluttered',
  'saved me time',
  'broke twice',
  'made sense after a while',
  'was hard to find',
  'kept logging me out',
  'worked better than expected',
  'annoyed everyone',
];
const TAILS = [
  'when I was in a hurry',
  'on my phone',
  'during the first week',
  'because nobody explained it',
  'compared to the old tool',
  'for the whole team',
  'and I gave up',
  'so I wrote it down in a spreadsheet instead',
  'which surprised me',
  '',
  '',
  '',
];
const QUESTIONS = [
  'Can you tell me more about {s}?',
  'How did you feel about {s}?',
  'What happened next?',
  'Why do you think that is?',
  'Walk me through the last time you used {s}.',
  'What would you change first?',
  'Was that typical?',
  'Mm-hmm.',
  'Interesting, go on.',
  'And how often does that happen with {s}?',
];

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)] as T;
}

function sentence(rnd: () => number): string {
  const tail = pick(rnd, TAILS);
  const words = `${pick(rnd, OPENERS)} ${pick(rnd, SUBJECTS)} ${pick(rnd, VERBS)}${tail ? ` ${tail}` : ''}`;
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}${rnd() < 0.15 ? '?' : '.'}`;
}

function answer(rnd: () => number): string {
  const count = 1 + Math.floor(rnd() * rnd() * 4);
  return Array.from({ length: count }, () => sentence(rnd)).join(' ');
}

function question(rnd: () => number): string {
  return pick(rnd, QUESTIONS).replace('{s}', pick(rnd, SUBJECTS));
}

function splitIntoCues(speaker: string, text: string, startMs: number): SyntheticCue[] {
  const words = text.split(' ');
  const cues: SyntheticCue[] = [];
  let t = startMs;
  for (let i = 0; i < words.length; i += MAX_CUE_WORDS) {
    const chunk = words.slice(i, i + MAX_CUE_WORDS);
    const duration = Math.round((chunk.length / WORDS_PER_SECOND) * 1000);
    cues.push({ speaker, startMs: t, endMs: t + duration, text: chunk.join(' ') });
    t += duration;
  }
  return cues;
}

function interview(options: SyntheticTranscriptOptions): SyntheticCue[] {
  const rnd = random(options.seed ?? 1);
  const speakers = NAMES.slice(0, Math.min(3, Math.max(2, options.speakers ?? 2)));
  const turns = Math.max(1, Math.round(options.minutes * TURNS_PER_MINUTE));
  const cues: SyntheticCue[] = [];
  let t = 1000;
  for (let turn = 0; turn < turns; turn++) {
    const interviewer = turn % 2 === 0;
    const speaker = interviewer ? (speakers[0] as string) : pick(rnd, speakers.slice(1));
    const turnCues = splitIntoCues(speaker, interviewer ? question(rnd) : answer(rnd), t);
    cues.push(...turnCues);
    t = (turnCues[turnCues.length - 1]?.endMs ?? t) + 400 + Math.floor(rnd() * 1300);
  }
  return cues;
}

function render(
  format: SyntheticTranscriptOptions['format'],
  cues: readonly SyntheticCue[],
): string {
  switch (format) {
    case 'WEBVTT':
      return `WEBVTT\n\n${cues.map((c, i) => `${i + 1}\n${formatClock(c.startMs)} --> ${formatClock(c.endMs)}\n${c.speaker}: ${c.text}\n`).join('\n')}`;
    case 'SRT':
      return cues
        .map(
          (c, i) =>
            `${i + 1}\n${formatClock(c.startMs, ',')} --> ${formatClock(c.endMs, ',')}\n${c.speaker}: ${c.text}\n`,
        )
        .join('\n');
    case 'TEXT':
      return textTurns(cues)
        .map((c) => `[${formatClock(c.startMs).slice(0, 8)}] ${c.speaker}: ${c.text}\n`)
        .join('\n');
    case 'STT_JSON':
      return whisperJson(cues);
  }
}

/** Cues merged back into turns (the text form has one paragraph per turn). */
function textTurns(cues: readonly SyntheticCue[]): SyntheticCue[] {
  const turns: SyntheticCue[] = [];
  for (const cue of cues) {
    const last = turns[turns.length - 1];
    if (last && last.speaker === cue.speaker && cue.startMs === last.endMs) {
      last.text += ` ${cue.text}`;
      last.endMs = cue.endMs;
    } else {
      turns.push({ ...cue });
    }
  }
  return turns;
}

function whisperJson(cues: readonly SyntheticCue[]): string {
  const segments = cues.map((c, id) => ({
    id,
    start: c.startMs / 1000,
    end: c.endMs / 1000,
    text: ` ${c.text}`,
    speaker: `SPEAKER_${String(NAMES.indexOf(c.speaker)).padStart(2, '0')}`,
  }));
  const duration = (cues[cues.length - 1]?.endMs ?? 0) / 1000;
  return JSON.stringify({
    task: 'transcribe',
    language: 'en',
    duration,
    text: cues.map((c) => c.text).join(' '),
    segments,
  });
}

/**
 * A deterministic, realistic-looking research interview (about 600 turns per hour, 2-3 speakers,
 * varied sentence lengths, timestamps) in WebVTT, SRT, text or Whisper JSON. For tests and benches.
 */
export function makeSyntheticTranscript(options: SyntheticTranscriptOptions): string {
  return render(options.format, interview(options));
}
