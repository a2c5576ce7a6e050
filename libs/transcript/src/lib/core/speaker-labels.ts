/** A possible `Name: text` speaker label at the start of a line or cue. */
export interface LabelCandidate {
  label: string;
  rest: string;
}

const MAX_LABEL_CHARS = 40;
const MAX_LABEL_WORDS = 4;
const LABEL_SHAPE = /^[\p{L}\p{N}][\p{L}\p{M}\p{N} .'’_\-()#&]*$/u;
const HAS_LETTER = /\p{L}/u;

/** Words that are followed by a colon in ordinary prose or document headers, not names. */
const NOT_SPEAKERS = new Set(
  (
    'note notes nb ps p.s example examples e.g eg i.e ie tip tips warning caution important update edit ' +
    'edited todo fyi summary source sources subject re fwd step reminder hint disclaimer result results ' +
    'conclusion problem solution definition translation date time location place agenda attendees ' +
    'duration title topic keywords tags project study transcript transcription recorded recording ' +
    'link links url email phone address http https www file answer question chapter section part ' +
    'also and but so because however well yes no ok okay like then wait see remember'
  ).split(' '),
);

const ROLE =
  /^(?:interviewer|interviewee|participant|moderator|respondent|facilitator|researcher|host|co-host|guest|customer|user|agent|narrator|unknown speaker|speaker|audience|student|teacher|instructor|doctor|patient|caller|operator|presenter|panelist|observer|translator|interpreter)(?: ?[\p{N}\p{Lu}]{1,3})?$/iu;
const SPEAKER_ID = /^(?:speaker|spk|spkr)[ _-]?[\p{L}\p{N}]{1,3}$/iu;
const SHORT_CODE = /^[A-Z]{1,3}\d{0,3}$/;
const PARTICLES = new Set([
  'de',
  'da',
  'del',
  'della',
  'der',
  'den',
  'di',
  'du',
  'la',
  'le',
  'van',
  'von',
  'bin',
  'al',
  'el',
  'y',
  'ten',
  'ter',
  'of',
  'the',
]);

/** Strips markdown bold and surrounding brackets: `**Ann**`, `[SPEAKER_01]` → `Ann`, `SPEAKER_01`. */
export function cleanLabel(raw: string): string {
  let label = raw.trim();
  if (label.startsWith('**') && label.endsWith('**') && label.length > 4)
    label = label.slice(2, -2).trim();
  if (label.startsWith('[') && label.endsWith(']')) label = label.slice(1, -1).trim();
  return label.replace(/\s+/g, ' ');
}

/** True when `label` could be a speaker name or role (shape only; frequency is judged elsewhere). */
export function isLabelShaped(label: string): boolean {
  if (label.length === 0 || label.length > MAX_LABEL_CHARS) return false;
  if (!LABEL_SHAPE.test(label) || !HAS_LETTER.test(label)) return false;
  const words = label.split(' ');
  if (words.length > MAX_LABEL_WORDS) return false;
  return !NOT_SPEAKERS.has((words[0] ?? '').toLowerCase().replace(/\.$/, ''));
}

/** Names in Title Case, ALL CAPS, roles and speaker ids look like speakers even when seen once. */
export function isStrongLabel(label: string): boolean {
  if (SPEAKER_ID.test(label) || SHORT_CODE.test(label) || ROLE.test(label)) return true;
  if (isAllCaps(label)) return true;
  const words = label.split(' ');
  return words.every(
    (w, i) => /^[\p{Lu}\p{N}]/u.test(w) || (i > 0 && PARTICLES.has(w.toLowerCase())),
  );
}

/** ALL-CAPS labels such as `MAN`, `DR. SMITH`, `WOMAN 2` (the captioning convention). */
export function isAllCaps(label: string): boolean {
  return /\p{Lu}.*\p{Lu}|^\p{Lu}$/u.test(label) && !/\p{Ll}/u.test(label);
}

/**
 * Finds `Label: text` at the start of `text`: a short name-shaped label, then a colon followed
 * by white space or the end. Only the first 64 characters are examined.
 */
export function splitLabel(text: string): LabelCandidate | null {
  const head = text.slice(0, 64);
  const colon = head.indexOf(':');
  if (colon <= 0) return null;
  const after = text.charCodeAt(colon + 1);
  const boldClose = text.startsWith('**', colon + 1);
  if (
    !(
      Number.isNaN(after) ||
      after === 32 ||
      after === 9 ||
      after === 10 ||
      after === 0xa0 ||
      boldClose
    )
  )
    return null;
  let raw = text.slice(0, colon);
  if (boldClose && raw.startsWith('**')) raw = `${raw}**`;
  const label = cleanLabel(raw);
  if (!isLabelShaped(label)) return null;
  return { label, rest: text.slice(colon + (boldClose ? 3 : 1)).trimStart() };
}

export interface LabelEntry {
  label: string | null;
  /** The first line of a cue or paragraph (labels seen only once are trusted only there). */
  blockStart: boolean;
}

/** Which candidate labels are speakers in this file. */
export interface LabelDecision {
  /** Share of blocks (cues, paragraphs, labelled lines) that start with a candidate label. */
  coverage: number;
  isSpeaker(label: string, blockStart: boolean): boolean;
}

/**
 * Decides from the whole file whether `Name:` prefixes are speaker labels: the file must use them
 * (at least two labelled blocks and a quarter of all blocks), and a label must recur or look like
 * a name. In subtitles a one-off ALL-CAPS label (`MAN:`) is the captioning convention.
 */
export function decideLabels(entries: readonly LabelEntry[], subtitle: boolean): LabelDecision {
  const counts = new Map<string, number>();
  let blocks = 0;
  let labelled = 0;
  for (const entry of entries) {
    if (entry.blockStart || entry.label) blocks++;
    if (!entry.label) continue;
    counts.set(entry.label, (counts.get(entry.label) ?? 0) + 1);
    labelled++;
  }
  const labelMode = labelled >= 2 && labelled >= blocks * 0.25;
  return {
    coverage: blocks === 0 ? 0 : labelled / blocks,
    isSpeaker(label: string, blockStart: boolean): boolean {
      const count = counts.get(label) ?? 0;
      if (subtitle && blockStart && isAllCaps(label) && label.length >= 2) return true;
      if (!labelMode) return false;
      return count >= 2 || (blockStart && isStrongLabel(label));
    },
  };
}

/** A line that is only a name, as in Teams transcripts pasted into Word (`Some Body`). */
export function isNameLine(line: string): boolean {
  const label = cleanLabel(line);
  if (!isLabelShaped(label) || /[.!?,;]$/.test(label)) return false;
  return isStrongLabel(label);
}

const NUMBERED_CODE = /^\p{Lu}{1,3}\d{1,3}$/u;

/**
 * A name line that is plainly a speaker: a full name of two or more words (`Some Body`), a role
 * (`Interviewer`), a speaker id or a numbered code (`P1`). One capitalised word (`Häuser`,
 * `AT&T`) may as well be the first word of what was said.
 */
export function isFullNameLine(line: string): boolean {
  const label = cleanLabel(line);
  if (!isNameLine(label)) return false;
  return (
    label.includes(' ') || ROLE.test(label) || SPEAKER_ID.test(label) || NUMBERED_CODE.test(label)
  );
}
