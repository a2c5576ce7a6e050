import { type Utterance } from '../core/build-turns';
import { type FormatResult } from '../core/format-result';
import { decideLabels, type LabelCandidate, splitLabel } from '../core/speaker-labels';
import { stripMarkup } from '../core/text-cleanup';
import { classifyLines, type TextLine } from './text-lines';

type Stamped = Extract<TextLine, { kind: 'stamped' }>;

/** Adds a line to the utterance being built, or starts one. */
function continueWith(out: Utterance[], text: string, fallback: Omit<Utterance, 'text'>): void {
  const last = out[out.length - 1];
  if (last) last.text += ` ${text}`;
  else out.push({ ...fallback, text });
}

/** Otter-style: a `Name  0:03` header, then one or more paragraphs. */
function fromHeaders(lines: readonly TextLine[]): Utterance[] {
  const out: Utterance[] = [];
  let speaker: string | null = null;
  let pendingStart: number | null = null;
  let inParagraph = false;
  for (const l of lines) {
    if (l.kind === 'header') {
      [speaker, pendingStart, inParagraph] = [l.speaker, l.ms, false];
    } else if (l.kind === 'blank') {
      inParagraph = false;
    } else if (inParagraph) {
      continueWith(out, lineText(l), { speaker, startMs: null, endMs: null });
    } else {
      out.push({
        speaker,
        startMs: pendingStart,
        endMs: null,
        text: lineText(l),
        paragraph: true,
        breakBefore: speaker === null,
      });
      [pendingStart, inParagraph] = [null, true];
    }
  }
  return out;
}

/** The words of a non-header line as written (a leading time stays part of the text). */
function lineText(l: Exclude<TextLine, { kind: 'blank' }>): string {
  return l.kind === 'text' ? l.text : l.raw;
}

/**
 * Timestamped lines (`[00:01:23] Name: text`, `00:01:23 text`); other lines continue them. Zoom
 * chat messages (`00:01:23<TAB>Name:<TAB>text`) stay one turn each.
 */
function fromStampedLines(lines: readonly TextLine[]): Utterance[] {
  const stampedLines = lines.filter((l): l is Stamped => l.kind === 'stamped');
  const candidates = new Map(stampedLines.map((l) => [l, splitLabel(l.rest)] as const));
  const decision = decideLabels(
    [...candidates.values()].map((c) => ({ label: c?.label ?? null, blockStart: true })),
    false,
  );
  const carry = decision.coverage >= 0.5;
  const out: Utterance[] = [];
  let speaker: string | null = null;
  for (const l of lines) {
    if (l.kind === 'blank') continue;
    if (l.kind !== 'stamped') {
      continueWith(out, lineText(l), {
        speaker: null,
        startMs: null,
        endMs: null,
        breakBefore: true,
      });
      continue;
    }
    const c = candidates.get(l) ?? null;
    const labelled = c !== null && decision.isSpeaker(c.label, true);
    speaker = labelled ? c.label : carry ? speaker : null;
    out.push({
      speaker,
      startMs: l.ms,
      endMs: null,
      text: labelled ? c.rest : l.rest,
      breakBefore: l.chat,
    });
  }
  return out;
}

interface Paragraph {
  lines: Array<{ text: string; candidate: LabelCandidate | null }>;
}

function paragraphsOf(lines: readonly TextLine[]): Paragraph[] {
  const out: Paragraph[] = [];
  let current: Paragraph | null = null;
  for (const l of lines) {
    if (l.kind === 'blank') {
      current = null;
      continue;
    }
    const text = lineText(l);
    if (!current) out.push((current = { lines: [] }));
    current.lines.push({ text, candidate: splitLabel(text) });
  }
  return out;
}

/** `Name: text` lines (Rev, interview notes), hard-wrapped continuations; otherwise paragraphs. */
function fromParagraphs(lines: readonly TextLine[]): Utterance[] {
  const paragraphs = paragraphsOf(lines);
  const decision = decideLabels(
    paragraphs.flatMap((p) =>
      p.lines.map((l, i) => ({ label: l.candidate?.label ?? null, blockStart: i === 0 })),
    ),
    false,
  );
  const carry = decision.coverage >= 0.5;
  const out: Utterance[] = [];
  let speaker: string | null = null;
  for (const p of paragraphs) {
    p.lines.forEach((l, i) => {
      const c = l.candidate;
      if (c && decision.isSpeaker(c.label, i === 0)) {
        speaker = c.label;
        out.push({ speaker, startMs: null, endMs: null, text: c.rest, paragraph: true });
      } else if (i > 0) {
        continueWith(out, l.text, { speaker, startMs: null, endMs: null });
      } else {
        speaker = carry ? speaker : null;
        out.push({
          speaker,
          startMs: null,
          endMs: null,
          text: l.text,
          paragraph: true,
          breakBefore: speaker === null,
        });
      }
    });
  }
  return out;
}

/**
 * Headers when the file has them; timestamped lines when they start at least 30 % of the
 * blocks (a block starts at a stamped line or after a blank line, so a long turn hard-wrapped
 * over many lines still counts once); otherwise paragraphs.
 */
function chooseMode(lines: readonly TextLine[]): 'headers' | 'stamped' | 'paragraphs' {
  let headers = 0;
  let stamped = 0;
  let nonBlank = 0;
  let blockStarts = 0;
  let firstNonBlank: TextLine | undefined;
  let previous: TextLine | undefined;
  for (const l of lines) {
    const afterBlank = previous === undefined || previous.kind === 'blank';
    previous = l;
    if (l.kind === 'blank') continue;
    firstNonBlank ??= l;
    nonBlank++;
    if (l.kind === 'header') headers++;
    if (l.kind === 'stamped') stamped++;
    if (afterBlank || l.kind === 'stamped') blockStarts++;
  }
  if (headers >= 2 || (headers === 1 && firstNonBlank?.kind === 'header' && nonBlank > 1))
    return 'headers';
  if (stamped >= 2 && stamped >= blockStarts * 0.3) return 'stamped';
  return 'paragraphs';
}

/**
 * Plain-text transcripts: Otter headers, timestamped lines, `Name: text` labels (Rev, `I:`/`P:`
 * notes) with hard-wrapped continuations, or, without speakers, one turn per paragraph. With
 * `markup` (a text file), HTML tags are removed and references decoded; without it (the text of a
 * Word document, already plain), every character is kept as written.
 */
export function parsePlainText(
  text: string,
  { markup = true }: { markup?: boolean } = {},
): FormatResult {
  const lines = classifyLines(markup ? stripMarkup(text) : text);
  const mode = chooseMode(lines);
  const utterances =
    mode === 'headers'
      ? fromHeaders(lines)
      : mode === 'stamped'
        ? fromStampedLines(lines)
        : fromParagraphs(lines);
  return { utterances, warnings: [], language: null };
}
