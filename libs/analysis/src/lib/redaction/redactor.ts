/**
 * Redaction before text leaves the server: e-mail addresses → `[EMAIL_n]`, phone numbers →
 * `[PHONE_n]`, participant names → `Participant A`, `Participant B`, … The same value always
 * gets the same token within one redactor, and `restore` maps tokens back (e.g. in quotes a
 * model returns) so they can be grounded against the original transcript.
 *
 * All patterns are linear-time: every match must start at a token boundary (look-behind), and
 * no quantified group contains another unbounded quantifier.
 */

export interface Redactor {
  redact(text: string): string;
  restore(text: string): string;
}

export interface RedactorOptions {
  emails: boolean;
  phones: boolean;
  /** Participant names; each full name and its first word alone are replaced. */
  names: string[];
}

const EMAIL =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,8}\.\p{L}{2,24}(?![\p{L}\p{N}-])/gu;

/**
 * Phone candidates: optional + or 00, digits with spaces, dots, dashes, slashes, parentheses.
 * Colons never occur, so timestamps (00:12:30) are never candidates; the validation below
 * rejects years, prices, decimals and plain numbers.
 */
const PHONE_CANDIDATE =
  /(?<![\p{L}\p{N}+$€£¥.,/-])(?:\+|\(\+?)?\d[\d \u00a0().\-/]{4,24}\d(?![\p{L}\p{N}%$€£¥]|[.,]\d)/gu;
const US_SHAPE = /^(?:\+?1[ .-]?)?\(?\d{3}\)?[ .-]?\d{3}[ .-]\d{4}$/;

function isPhone(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return false;
  if (/[()]/.test(candidate) && !/^[^()]*\(\+?\d{1,5}\)[^()]*$/.test(candidate)) return false; // unbalanced / odd parens
  if (/\s{2,}/.test(candidate)) return false; // columns of numbers, not a phone number
  if (/^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/.test(candidate)) return false; // dates: 01/02/2023, 2023-01-15
  if (candidate.startsWith('+') || candidate.startsWith('(+')) return true; // international
  if (/^00[1-9]/.test(candidate)) return true; // international with 00 prefix
  if (/^\(?0[1-9]/.test(candidate)) return true; // national trunk prefix: 020 7946 0018, 06 12 34 56 78, (030) 1234567
  if (US_SHAPE.test(candidate)) return true; // (555) 123-4567, 555-123-4567, 555.123.4567
  return false;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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

interface TokenTable {
  byKey: Map<string, string>;
  /** token → surface forms seen (with counts); restore picks the most frequent. */
  surfaces: Map<string, Map<string, number>>;
}

function newTable(): TokenTable {
  return { byKey: new Map(), surfaces: new Map() };
}

function remember(table: TokenTable, token: string, surface: string): void {
  const forms = table.surfaces.get(token) ?? new Map<string, number>();
  forms.set(surface, (forms.get(surface) ?? 0) + 1);
  table.surfaces.set(token, forms);
}

function mostFrequent(forms: Map<string, number> | undefined): string | undefined {
  if (!forms) return undefined;
  let best: string | undefined;
  let bestCount = -1;
  for (const [form, count] of forms) {
    if (count > bestCount) {
      best = form;
      bestCount = count;
    }
  }
  return best;
}

export function createRedactor(options: RedactorOptions): Redactor {
  const emails = newTable();
  const phones = newTable();
  const people = newTable();

  // Name forms: full name (whitespace-flexible) and first name; longer forms win.
  const formToPerson = new Map<string, number>();
  const personLabels: string[] = [];
  const cleanNames = options.names.map((n) =>
    typeof n === 'string' ? n.normalize('NFC').replace(/\s+/g, ' ').trim() : '',
  );
  cleanNames.forEach((name) => {
    if (name.length < 2 || !/\p{L}/u.test(name)) return;
    let person = [...formToPerson.entries()].find(
      ([form]) => form === name.toLocaleLowerCase(),
    )?.[1];
    if (person === undefined) {
      person = personLabels.length;
      personLabels.push(`Participant ${letterLabel(person)}`);
    }
    const full = name.toLocaleLowerCase();
    if (!formToPerson.has(full)) formToPerson.set(full, person);
    const first = full.split(' ')[0] ?? '';
    // A first name shared by two participants maps to the first one listed.
    if (first.length >= 2 && /\p{L}/u.test(first) && !formToPerson.has(first))
      formToPerson.set(first, person);
  });
  const forms = [...formToPerson.keys()].sort((a, b) => b.length - a.length);
  const NAME = forms.length
    ? new RegExp(
        `(?<![\\p{L}\\p{N}\\p{M}_])(?:${forms.map((f) => f.split(' ').map(escapeRegex).join('\\s+')).join('|')})(?![\\p{L}\\p{N}\\p{M}_])`,
        'giu',
      )
    : null;

  const tokenFor = (
    table: TokenTable,
    key: string,
    make: (n: number) => string,
    surface: string,
  ): string => {
    let token = table.byKey.get(key);
    if (!token) {
      token = make(table.byKey.size + 1);
      table.byKey.set(key, token);
    }
    remember(table, token, surface);
    return token;
  };

  const personToken = (surface: string): string => {
    const key = surface.normalize('NFC').replace(/\s+/g, ' ').toLocaleLowerCase();
    const person = formToPerson.get(key);
    if (person === undefined) return surface;
    const token = personLabels[person] as string;
    remember(people, token, surface);
    return token;
  };

  const redact = (text: string): string => {
    if (typeof text !== 'string' || !text) return text;
    let out = text.normalize('NFC');
    if (options.emails) {
      out = out.replace(EMAIL, (m) => tokenFor(emails, m.toLowerCase(), (n) => `[EMAIL_${n}]`, m));
    }
    if (options.phones) {
      out = out.replace(PHONE_CANDIDATE, (m) =>
        isPhone(m)
          ? tokenFor(phones, m.replace(/\D/g, '').replace(/^00/, ''), (n) => `[PHONE_${n}]`, m)
          : m,
      );
    }
    if (NAME) out = out.replace(NAME, (m) => personToken(m));
    return out;
  };

  const restore = (text: string): string => {
    if (typeof text !== 'string' || !text) return text;
    let out = text.replace(/\[(EMAIL|PHONE)_(\d{1,6})\]/g, (m, kind: string) => {
      const table = kind === 'EMAIL' ? emails : phones;
      return mostFrequent(table.surfaces.get(m)) ?? m;
    });
    if (people.surfaces.size) {
      out = out.replace(
        /(?<![\p{L}\p{N}])Participant ([A-Z]{1,3})(?![\p{L}\p{N}])/gu,
        (m) => mostFrequent(people.surfaces.get(m)) ?? m,
      );
    }
    return out;
  };

  return { redact, restore };
}
