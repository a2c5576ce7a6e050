import { quote } from '../wording';
import { type QdaWarning, type QdaWarningCode } from './model';

interface Tally {
  code: QdaWarningCode;
  count: number;
  names: string[];
  say: (count: number, names: string) => string;
}

const NAMES_SHOWN = 3;

/**
 * The warnings of one import, in the order first met. Things that come in numbers (sets,
 * codings of unknown codes) are tallied and said once, with a few of their names.
 */
export class WarningList {
  private readonly entries: (QdaWarning | Tally)[] = [];
  private readonly tallies = new Map<string, Tally>();

  add(code: QdaWarningCode, message: string): void {
    this.entries.push({ code, message });
  }

  /**
   * Counts one more thing of kind `key`; `say` words the warning from the count and a list of
   * up to three names (`“a”, “b”, “c” and 4 more`, or '' when none were given).
   */
  tally(
    key: string,
    code: QdaWarningCode,
    say: (count: number, names: string) => string,
    name?: string,
  ): void {
    let tally = this.tallies.get(key);
    if (!tally) {
      tally = { code, count: 0, names: [], say };
      this.tallies.set(key, tally);
      this.entries.push(tally);
    }
    tally.count++;
    if (name !== undefined && tally.names.length <= NAMES_SHOWN) tally.names.push(name);
  }

  toArray(): QdaWarning[] {
    return this.entries.map((entry) =>
      'message' in entry
        ? entry
        : { code: entry.code, message: entry.say(entry.count, namesOf(entry)) },
    );
  }
}

function namesOf(tally: Tally): string {
  const shown = tally.names.slice(0, NAMES_SHOWN).map(quote);
  const more = tally.count - shown.length;
  if (shown.length === 0) return '';
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  if (shown.length === 1) return shown[0] as string;
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1] as string}`;
}
