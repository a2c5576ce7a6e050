/** A person who may be named in a report: a participant of the project, or a raw speaker label. */
export interface KnownSpeaker {
  /** A participant id, or any key that stands for a speaker (e.g. `label:<speaker label>`). */
  key: string;
  /** Every name the person goes by: display name, speaker label. */
  names: string[];
  isInterviewer: boolean;
}

/** Words of a generic speaker label that are no one's name ("Speaker 2", "Interviewer"). */
const GENERIC = new Set([
  'speaker',
  'participant',
  'interviewer',
  'interviewee',
  'moderator',
  'respondent',
  'unknown',
  'guest',
  'host',
  'user',
  'customer',
]);

const WORD = /[\p{L}][\p{L}\p{M}'’-]*/gu;
const BOUNDARY_BEFORE = `(?<![\\p{L}\\p{M}\\p{N}])`;
const BOUNDARY_AFTER = `(?![\\p{L}\\p{M}\\p{N}])`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A, B, … Z, AA, AB, … */
export function pseudonymLetter(n: number): string {
  let s = '';
  let i = n;
  do {
    s = String.fromCharCode(65 + (i % 26)) + s;
    i = Math.floor(i / 26) - 1;
  } while (i >= 0);
  return s;
}

/**
 * Participants shown as "Participant A", "Participant B"… in one rendering of a report: letters are
 * given in reading order (the first person quoted, or named in a quote, is A), so the same report
 * always gives the same letters in its preview, exports and share page. Interviewers are shown as
 * "Interviewer".
 *
 * `scrub` replaces the names of every known person inside a text (a quote that says "as Nina told
 * me"): each whole name (case-insensitive) and each capitalised word of a name that is not a
 * generic label word (so "Nina" and "Patel" of "Nina Patel"), at word boundaries. Limits: a
 * nickname, misspelling or name written in lower case that is not the whole name, and people who
 * are not speakers of the project (someone's manager), are not recognised.
 */
export class Pseudonyms {
  private readonly letters = new Map<string, string>();
  private readonly byKey = new Map<string, KnownSpeaker>();
  private readonly wholeNames: { pattern: RegExp; key: string }[] = [];
  private readonly words = new Map<string, string>();
  private readonly wordPattern: RegExp | null;

  constructor(speakers: KnownSpeaker[]) {
    const whole: { name: string; key: string }[] = [];
    for (const speaker of speakers) {
      this.byKey.set(speaker.key, speaker);
      for (const raw of speaker.names) {
        const name = raw.trim();
        if (name.length < 2 || isGeneric(name)) continue;
        whole.push({ name, key: speaker.key });
        for (const word of name.match(WORD) ?? []) {
          if (word.length < 2 || GENERIC.has(word.toLowerCase())) continue;
          if (word[0] !== word[0]!.toUpperCase() || word[0] === word[0].toLowerCase()) continue;
          if (!this.words.has(word)) this.words.set(word, speaker.key);
        }
      }
    }
    whole.sort((a, b) => b.name.length - a.name.length);
    for (const { name, key } of whole)
      this.wholeNames.push({
        pattern: new RegExp(`${BOUNDARY_BEFORE}${escapeRegExp(name)}${BOUNDARY_AFTER}`, 'giu'),
        key,
      });
    const words = [...this.words.keys()].sort((a, b) => b.length - a.length);
    this.wordPattern = words.length
      ? new RegExp(
          `${BOUNDARY_BEFORE}(?:${words.map(escapeRegExp).join('|')})${BOUNDARY_AFTER}`,
          'gu',
        )
      : null;
  }

  /** The pseudonym of a known person (given in order of first use), or of an unknown one. */
  nameOf(key: string | null): string {
    if (key == null) return 'Unknown speaker';
    const speaker = this.byKey.get(key);
    if (speaker?.isInterviewer) return 'Interviewer';
    let letter = this.letters.get(key);
    if (!letter) {
      letter = pseudonymLetter(this.letters.size);
      this.letters.set(key, letter);
    }
    return `Participant ${letter}`;
  }

  /** The text with every known person's name replaced by their pseudonym (see above). */
  scrub(text: string): string {
    let out = text;
    for (const { pattern, key } of this.wholeNames)
      out = out.replace(pattern, () => this.nameOf(key));
    if (this.wordPattern)
      out = out.replace(this.wordPattern, (word) => this.nameOf(this.words.get(word)!));
    return out;
  }
}

function isGeneric(name: string): boolean {
  const words = name.match(WORD) ?? [];
  return words.every((w) => GENERIC.has(w.toLowerCase()) || /^[A-Z]$/i.test(w));
}
