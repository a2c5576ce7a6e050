/**
 * Redaction before text leaves the server: e-mail addresses (ordinary and spelled out, "jane dot
 * doe at example dot com") → `[EMAIL_n]`, phone numbers → `[PHONE_n]`, participants' names →
 * `Participant A`, `Participant B`, … The same value always gets the same token within one
 * redactor, and `restore` maps tokens back in what a model returns.
 *
 * `restore` first looks the text up in what this redactor produced: a quote the model copied
 * verbatim from a redacted turn comes back as the turn's own words, whichever form of a name
 * ("Maria", "Ms Lopez", "Maria Lopez") stood there. Other text (rationales, a quote the model
 * changed) gets each token replaced by the form of the name seen most often.
 *
 * Names: every name a person goes by (display name, label) is one person. Each full name, each
 * of its words (first name, middle names, surname; particles such as "van" alone excepted) and
 * a surname preceded by a title (Mr, Ms, Dr, Prof, Frau, Mme, Sra, Sig.ra, Dhr…) are replaced.
 * Matching ignores case, except for name words that are also common English words ("Will",
 * "May"): those are replaced when capitalised or after a title.
 *
 * Phone numbers: candidates are digit runs with the usual separators (a linear regex), checked
 * by libphonenumber-js (`findPhoneNumbersInText`) in the default region (US unless told
 * otherwise: North American numbers are the ones written as ten bare digits with no trunk
 * prefix or country code), then as national numbers of the regions in `NATIONAL_REGIONS`, and
 * finally by shape (+country code, 00 prefix, trunk prefix 0, US punctuation), so that the
 * fictional numbers of examples (555…, 07700 900…) are caught too. Dates, times, prices,
 * versions, IP addresses and plain numbers are left alone.
 *
 * All patterns are linear-time: every match must start at a token boundary (look-behind), and
 * no quantified group contains another unbounded quantifier; libphonenumber only ever sees one
 * candidate of at most 30 characters at a time.
 */
import {
  type CountryCode,
  findPhoneNumbersInText,
  isValidPhoneNumber,
} from 'libphonenumber-js/max';
import { isStopWord } from '../text/stopwords';

export interface Redactor {
  redact(text: string): string;
  restore(text: string): string;
}

export interface RedactorOptions {
  emails: boolean;
  phones: boolean;
  /**
   * Participants: each entry is one person, given as one name or as all the names they go by
   * (display name and label). Every form of every name is replaced by the person's pseudonym.
   */
  names: ReadonlyArray<string | readonly string[]>;
  /** Region of phone numbers written without a country code; default 'US'. */
  phoneRegion?: CountryCode;
}

/** Regions whose national numbers (with their trunk prefix 0) are recognised besides the default. */
export const NATIONAL_REGIONS: readonly CountryCode[] = [
  'GB',
  'IE',
  'FR',
  'DE',
  'AT',
  'CH',
  'NL',
  'BE',
  'AU',
  'NZ',
];

const EMAIL =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,8}\.\p{L}{2,24}(?![\p{L}\p{N}-])/gu;

/** "at" spelled out: " at ", "(at)", "[at]", "{at}", "<at>"; "dot" likewise, or a real dot. */
const SPELLED_AT = String.raw`(?:[ \t]*[([{<][ \t]*at[ \t]*[)\]}>][ \t]*|[ \t]+at[ \t]+|[ \t]*@[ \t]*)`;
const SPELLED_DOT = String.raw`(?:[ \t]*[([{<][ \t]*dot[ \t]*[)\]}>][ \t]*|[ \t]+dot[ \t]+|\.)`;
const EMAIL_WORD = String.raw`[\p{L}\p{N}_%+-]{1,64}`;
const DOMAIN_WORD = String.raw`[\p{L}\p{N}-]{1,63}`;
const SPELLED_EMAIL = new RegExp(
  String.raw`(?<![\p{L}\p{N}._%+-])(${EMAIL_WORD}(?:${SPELLED_DOT}${EMAIL_WORD}){0,4})${SPELLED_AT}(${DOMAIN_WORD}(?:${SPELLED_DOT}${DOMAIN_WORD}){0,4})${SPELLED_DOT}(\p{L}{2,24})(?![\p{L}\p{N}-])`,
  'giu',
);

/**
 * Phone candidates: optional + or 00, digits with spaces, dots, dashes, slashes, parentheses.
 * Colons never occur, so timestamps (00:12:30) are never candidates; `isPhone` rejects years,
 * prices, decimals and plain numbers.
 */
const PHONE_CANDIDATE =
  /(?<![\p{L}\p{N}+$€£¥.,/-])(?:\+|\(\+?)?\d[\d \u00a0().\-/]{4,40}\d(?![\p{L}\p{N}%$€£¥]|[.,]\d)/gu;
const US_SHAPE = /^(?:\+?1[ .-]?)?\(?\d{3}\)?[ .-]?\d{3}[ .-]\d{4}$/;

/** Titles before a surname, several languages; the title itself stays, the name is replaced. */
const TITLES = [
  // English
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'professor',
  'sir',
  'dame',
  'lady',
  'lord',
  'rev',
  // German
  'herr',
  'frau',
  // French (M. needs its dot)
  'm\\.',
  'mme',
  'mlle',
  'monsieur',
  'madame',
  'mademoiselle',
  // Spanish, Portuguese
  'sr',
  'sra',
  'srta',
  'señor',
  'señora',
  'señorita',
  'don',
  'doña',
  'dona',
  'senhor',
  'senhora',
  // Italian
  'sig',
  'sig\\.ra',
  'signor',
  'signora',
  'signorina',
  'dott',
  'dott\\.ssa',
  // Dutch
  'dhr',
  'mevr',
  'meneer',
  'mevrouw',
];
const TITLE = `(?:${TITLES.join('|')})\\.?[ \\t\\u00a0]+`;

/**
 * Names that are also everyday English words (besides the stop words): replaced only when
 * capitalised or after a title, so that "the price is too high" keeps its meaning.
 */
const COMMON_WORD_NAMES = new Set(
  `april august bill black brown cash child cook cost day dean earl faith fair frank gay gold
  grace green guy hall hill hope hunter joy june king lamb land lane law little long love
  mark mason may mills moore park pat penny price rich rose sage short small snow stone strong
  sun sue summer walker ward white wise wood young`.split(/\s+/),
);

/** Lower-case words that belong to a surname but are no name on their own. */
const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'do',
  'dos',
  'das',
  'du',
  'la',
  'le',
  'el',
  'al',
  'bin',
  'ibn',
  'ter',
  'ten',
  'y',
  'e',
]);

/** The key of a phone number (the same number in any format has one key), or null. */
function phoneKey(candidate: string, region: CountryCode): string | null {
  const digits = candidate.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return null;
  if (/[()]/.test(candidate) && !/^[^()]*\(\+?\d{1,5}\)[^()]*$/.test(candidate)) return null; // unbalanced / odd parens
  if (/\s{2,}/.test(candidate)) return null; // columns of numbers, not a phone number
  if (/^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/.test(candidate)) return null; // dates: 01/02/2023, 2023-01-15
  const international = candidate.replace(/^00(?=[1-9])/, '+');
  // libphonenumber: a valid number in the default region (or with its country code).
  const found = findPhoneNumbersInText(international, { defaultCountry: region });
  const whole = found.find((f) => f.startsAt === 0 && f.endsAt === international.length);
  if (whole) return whole.number.number;
  // National numbers of other regions, written with their trunk prefix 0.
  if (/^\(?0[1-9]/.test(candidate)) {
    for (const other of NATIONAL_REGIONS) {
      if (isValidPhoneNumber(candidate, other)) return `${other}:${digits}`;
    }
  }
  // By shape: example and fictional numbers are not valid, but they are phone numbers all the same.
  if (candidate.startsWith('+') || candidate.startsWith('(+')) return digits; // international
  if (/^00[1-9]/.test(candidate)) return digits.slice(2); // international with 00 prefix
  if (/^\(?0[1-9]/.test(candidate)) return digits; // national trunk prefix: 020 7946 0018, 06 12 34 56 78
  if (US_SHAPE.test(candidate)) return digits.length === 10 ? `1${digits}` : digits; // (555) 123-4567
  return null;
}

interface PhoneSpan {
  start: number;
  end: number;
  key: string;
}

/**
 * The phone numbers in one candidate: the whole of it or, for numbers written one after the
 * other ("+44 20 7946 0958 2125551234"), the runs of its space-separated pieces that are phone
 * numbers, chosen to cover the most digits.
 */
function findPhones(candidate: string, region: CountryCode): PhoneSpan[] {
  const groups = candidate.split(/\D+/).filter(Boolean).length;
  if (groups > 12) return []; // a list of numbers, not phone numbers
  const whole = groups <= 6 ? phoneKey(candidate, region) : null;
  if (whole) return [{ start: 0, end: candidate.length, key: whole }];
  const pieces = [...candidate.matchAll(/\S+/g)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
  }));
  if (pieces.length < 2) return [];
  // best[i]: the most digits covered by phone numbers within the first i pieces.
  const best: { digits: number; spans: PhoneSpan[] }[] = [{ digits: 0, spans: [] }];
  for (let i = 1; i <= pieces.length; i++) {
    let choice = best[i - 1] as { digits: number; spans: PhoneSpan[] };
    for (let j = Math.max(0, i - 6); j < i; j++) {
      const start = (pieces[j] as { start: number }).start;
      const end = (pieces[i - 1] as { end: number }).end;
      if (j === 0 && i === pieces.length) continue; // the whole candidate, tried above
      const key = phoneKey(candidate.slice(start, end), region);
      if (!key) continue;
      const before = best[j] as { digits: number; spans: PhoneSpan[] };
      const digits = before.digits + candidate.slice(start, end).replace(/\D/g, '').length;
      if (digits > choice.digits)
        choice = { digits, spans: [...before.spans, { start, end, key }] };
    }
    best.push(choice);
  }
  return (best[pieces.length] as { spans: PhoneSpan[] }).spans;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A name form as a pattern: words joined by any whitespace. */
function formPattern(form: string): string {
  return form.split(' ').map(escapeRegex).join('\\s+');
}

/** A capitalised form as a case-sensitive pattern: "May" matches "May" and "MAY", not "may". */
function capitalisedPattern(form: string): string {
  const first = form.charAt(0);
  const rest = form.slice(1);
  const alt = (s: string) => `(?:${escapeRegex(s)}|${escapeRegex(s.toLocaleUpperCase())})`;
  return `${escapeRegex(first.toLocaleUpperCase())}${alt(rest)}`;
}

function letterLabel(n: number): string {
  let label = '';
  let k = n;
  do {
    label = String.fromCharCode(65 + (k % 26)) + label;
    k = Math.floor(k / 26) - 1;
  } while (k >= 0);
  return label;
}

type NameKind = 'full' | 'word' | 'titled';

interface Hit {
  start: number;
  end: number;
  token: string;
  /** The original text replaced. */
  surface: string;
  kind: 'email' | 'phone' | NameKind;
}

interface Segment {
  outStart: number;
  outEnd: number;
  origStart: number;
  origEnd: number;
}

/** One text this redactor produced, with where each replacement came from. */
interface Produced {
  out: string;
  orig: string;
  segments: Segment[];
}

/** At most this many characters of produced text are kept for `restore`. */
const MAX_PRODUCED_CHARS = 2_000_000;

class SurfaceCounts {
  private readonly forms = new Map<string, Map<string, number>>();

  add(token: string, surface: string): void {
    const forms = this.forms.get(token) ?? new Map<string, number>();
    forms.set(surface, (forms.get(surface) ?? 0) + 1);
    this.forms.set(token, forms);
  }

  has(token: string): boolean {
    return this.forms.has(token);
  }

  get size(): number {
    return this.forms.size;
  }

  mostFrequent(token: string): string | undefined {
    let best: string | undefined;
    let bestCount = -1;
    for (const [form, count] of this.forms.get(token) ?? []) {
      if (count > bestCount) {
        best = form;
        bestCount = count;
      }
    }
    return best;
  }
}

interface NameIndex {
  /** Lower-cased form → person number. */
  person: Map<string, number>;
  labels: string[];
  /** Forms matched ignoring case. */
  plain: string[];
  /** Single words that are also common words: matched when capitalised (or after a title). */
  capitalised: string[];
  /** Surnames (and other name words) that follow a title. */
  titled: string[];
}

function cleanName(name: unknown): string {
  return typeof name === 'string' ? name.normalize('NFC').replace(/\s+/g, ' ').trim() : '';
}

function isNameWord(word: string): boolean {
  return word.length >= 2 && /\p{L}/u.test(word) && !PARTICLES.has(word);
}

/** A lower-case name word that is also an everyday word. */
function isCommonWord(word: string): boolean {
  const bare = word.replace(/[’']/g, "'");
  return isStopWord(bare) || COMMON_WORD_NAMES.has(bare);
}

function indexNames(people: RedactorOptions['names']): NameIndex {
  const index: NameIndex = {
    person: new Map(),
    labels: [],
    plain: [],
    capitalised: [],
    titled: [],
  };
  const add = (form: string, person: number, bucket: 'plain' | 'capitalised' | 'titled') => {
    const key = `${bucket}:${form}`;
    if (index.person.has(key)) return; // a form shared by two people goes to the first listed
    index.person.set(key, person);
    index[bucket].push(form);
  };
  for (const entry of people) {
    const names = (typeof entry === 'string' ? [entry] : [...entry])
      .map(cleanName)
      .filter((n) => n.length >= 2 && /\p{L}/u.test(n));
    if (!names.length) continue;
    const lower = names.map((n) => n.toLocaleLowerCase());
    let person = lower
      .map((n) => index.person.get(`plain:${n}`))
      .find((p): p is number => p !== undefined);
    if (person === undefined) {
      person = index.labels.length;
      index.labels.push(`Participant ${letterLabel(person)}`);
    }
    for (const full of lower) {
      const words = full.split(' ');
      if (words.length < 2) {
        add(full, person, isCommonWord(full) ? 'capitalised' : 'plain');
        add(full, person, 'titled');
        continue;
      }
      add(full, person, 'plain');
      // A surname with its particles ("van der Berg") is a form of its own.
      const last = words.length - 1;
      let first = last;
      while (first > 0 && PARTICLES.has(words[first - 1] as string)) first--;
      if (first < last) add(words.slice(first).join(' '), person, 'plain');
      for (const word of words) {
        if (!isNameWord(word)) continue;
        add(word, person, isCommonWord(word) ? 'capitalised' : 'plain');
        add(word, person, 'titled');
      }
    }
  }
  return index;
}

const BOUNDARY_BEFORE = '(?<![\\p{L}\\p{N}\\p{M}_])';
const BOUNDARY_AFTER = '(?![\\p{L}\\p{N}\\p{M}_])';

function alternation(forms: string[], pattern: (form: string) => string): string {
  return [...forms]
    .sort((a, b) => b.length - a.length)
    .map(pattern)
    .join('|');
}

export function createRedactor(options: RedactorOptions): Redactor {
  const region: CountryCode = options.phoneRegion ?? 'US';
  const surfaces = new SurfaceCounts();
  /** Person token → surfaces seen after a title (used when restoring "Ms Participant A"). */
  const titledSurfaces = new SurfaceCounts();
  const keyTokens = new Map<string, string>();
  let emailCount = 0;
  let phoneCount = 0;
  const produced: Produced[] = [];
  let producedChars = 0;

  const names = indexNames(options.names);
  const plainRe = names.plain.length
    ? new RegExp(
        `${BOUNDARY_BEFORE}(?:${alternation(names.plain, formPattern)})${BOUNDARY_AFTER}`,
        'giu',
      )
    : null;
  const capitalisedRe = names.capitalised.length
    ? new RegExp(
        `${BOUNDARY_BEFORE}(?:${alternation(names.capitalised, capitalisedPattern)})${BOUNDARY_AFTER}`,
        'gu',
      )
    : null;
  const titledRe = names.titled.length
    ? new RegExp(
        `${BOUNDARY_BEFORE}${TITLE}(${alternation(names.titled, formPattern)})${BOUNDARY_AFTER}`,
        'giu',
      )
    : null;

  const tokenForKey = (key: string, make: () => string): string => {
    let token = keyTokens.get(key);
    if (!token) {
      token = make();
      keyTokens.set(key, token);
    }
    return token;
  };

  const personHit = (
    bucket: 'plain' | 'capitalised' | 'titled',
    surface: string,
    start: number,
    kind: NameKind,
  ): Hit | null => {
    const key = surface.normalize('NFC').replace(/\s+/g, ' ').toLocaleLowerCase();
    const person = names.person.get(`${bucket}:${key}`);
    if (person === undefined) return null;
    return {
      start,
      end: start + surface.length,
      token: names.labels[person] as string,
      surface,
      kind,
    };
  };

  const findHits = (text: string): Hit[] => {
    const hits: Hit[] = [];
    if (options.emails) {
      for (const m of text.matchAll(EMAIL)) {
        const key = `email:${m[0].toLowerCase()}`;
        hits.push({
          start: m.index,
          end: m.index + m[0].length,
          token: key,
          surface: m[0],
          kind: 'email',
        });
      }
      for (const m of text.matchAll(SPELLED_EMAIL)) {
        const local = (m[1] as string).toLowerCase();
        // "me at example dot com" is a person pointing at a site, not an address.
        if (!/[.\s([{<]/.test(local) && isStopWord(local)) continue;
        const canonical = `${spelledToPlain(local)}@${spelledToPlain((m[2] as string).toLowerCase())}.${(m[3] as string).toLowerCase()}`;
        hits.push({
          start: m.index,
          end: m.index + m[0].length,
          token: `email:${canonical}`,
          surface: m[0],
          kind: 'email',
        });
      }
    }
    if (options.phones) {
      const candidates = new RegExp(PHONE_CANDIDATE.source, PHONE_CANDIDATE.flags);
      for (let m = candidates.exec(text); m; m = candidates.exec(text)) {
        const phones = findPhones(m[0], region);
        for (const phone of phones) {
          hits.push({
            start: m.index + phone.start,
            end: m.index + phone.end,
            token: `phone:${phone.key}`,
            surface: m[0].slice(phone.start, phone.end),
            kind: 'phone',
          });
        }
        // Candidates are at most ~40 characters: words after the last number found are looked
        // at again, so a number the length limit cut in two is still found.
        const covered = phones.at(-1)?.end ?? 0;
        const next = /\s\S/.exec(m[0].slice(covered));
        if (next) candidates.lastIndex = m.index + covered + next.index + 1;
      }
    }
    if (plainRe) {
      for (const m of text.matchAll(plainRe)) {
        const hit = personHit('plain', m[0], m.index, m[0].includes(' ') ? 'full' : 'word');
        if (hit) hits.push(hit);
      }
    }
    if (capitalisedRe) {
      for (const m of text.matchAll(capitalisedRe)) {
        const hit = personHit('capitalised', m[0], m.index, 'word');
        if (hit) hits.push(hit);
      }
    }
    if (titledRe) {
      for (const m of text.matchAll(titledRe)) {
        const surname = m[1] as string;
        const hit = personHit('titled', surname, m.index + m[0].length - surname.length, 'titled');
        if (hit) hits.push(hit);
      }
    }
    // Earliest first, the longest of those that start together; overlapping hits are dropped.
    hits.sort((a, b) => a.start - b.start || b.end - a.end);
    const kept: Hit[] = [];
    let until = 0;
    for (const hit of hits) {
      if (hit.start < until) continue;
      kept.push(hit);
      until = hit.end;
    }
    return kept;
  };

  /** Token text for a hit; e-mail and phone tokens are numbered in order of first appearance. */
  const tokenText = (hit: Hit): string => {
    if (hit.kind === 'email') return tokenForKey(hit.token, () => `[EMAIL_${++emailCount}]`);
    if (hit.kind === 'phone') return tokenForKey(hit.token, () => `[PHONE_${++phoneCount}]`);
    return hit.token;
  };

  const redact = (text: string): string => {
    if (typeof text !== 'string' || !text) return text;
    const orig = text.normalize('NFC');
    const hits = findHits(orig);
    if (!hits.length) return orig;
    let out = '';
    let at = 0;
    const segments: Segment[] = [];
    for (const hit of hits) {
      out += orig.slice(at, hit.start);
      const token = tokenText(hit);
      segments.push({
        outStart: out.length,
        outEnd: out.length + token.length,
        origStart: hit.start,
        origEnd: hit.end,
      });
      out += token;
      at = hit.end;
      surfaces.add(token, hit.surface);
      if (hit.kind === 'titled') titledSurfaces.add(token, hit.surface);
    }
    out += orig.slice(at);
    if (producedChars + out.length <= MAX_PRODUCED_CHARS) {
      produced.push({ out, orig, segments });
      producedChars += out.length;
    }
    return out;
  };

  /** A verbatim copy of (part of) a produced text → the original words, or null. */
  const restoreVerbatim = (text: string): string | null => {
    if (!/\[(?:EMAIL|PHONE)_\d|Participant [A-Z]/.test(text)) return null;
    for (let i = produced.length - 1; i >= 0; i--) {
      const p = produced[i] as Produced;
      const at = p.out.indexOf(text);
      if (at < 0) continue;
      return p.orig.slice(
        mapPosition(p.segments, at, 'start'),
        mapPosition(p.segments, at + text.length, 'end'),
      );
    }
    return null;
  };

  const restore = (text: string): string => {
    if (typeof text !== 'string' || !text) return text;
    const verbatim = restoreVerbatim(text);
    if (verbatim !== null) return verbatim;
    let out = text.replace(
      /\[(EMAIL|PHONE)_(\d{1,6})\]/g,
      (m) => (surfaces.has(m) ? surfaces.mostFrequent(m) : undefined) ?? m,
    );
    if (surfaces.size) {
      const titled = new RegExp(`${BOUNDARY_BEFORE}${TITLE}$`, 'iu');
      out = out.replace(
        /(?<![\p{L}\p{N}])Participant ([A-Z]{1,3})(?![\p{L}\p{N}])/gu,
        (m, _label: string, offset: number, whole: string) => {
          const afterTitle = titled.test(whole.slice(Math.max(0, offset - 20), offset));
          return (
            (afterTitle ? titledSurfaces.mostFrequent(m) : undefined) ??
            surfaces.mostFrequent(m) ??
            m
          );
        },
      );
    }
    return out;
  };

  return { redact, restore };
}

/** "jane dot doe" / "jane(dot)doe" / "jane.doe" → "jane.doe". */
function spelledToPlain(text: string): string {
  return text.replace(new RegExp(SPELLED_DOT, 'giu'), '.');
}

/** Position in a produced text → position in its original; inside a token, the token's edge. */
function mapPosition(segments: Segment[], pos: number, edge: 'start' | 'end'): number {
  let delta = 0;
  for (const s of segments) {
    if (pos <= s.outStart) break;
    if (pos < s.outEnd) return edge === 'start' ? s.origStart : s.origEnd;
    delta = s.origEnd - s.outEnd;
  }
  return pos + delta;
}
