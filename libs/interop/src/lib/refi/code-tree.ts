import { InteropError } from '../interop-error';
import { type QdaCode } from './model';
import { type Attributes, booleanOf, colorOf, replacementGuid, requiredGuid } from './read-values';
import { type WarningList } from './warning-list';

/** The code hierarchy of a codebook or project, built as `<Code>` elements open and close. */
export class CodeTree {
  readonly roots: QdaCode[] = [];
  private readonly open: QdaCode[] = [];
  private readonly guids = new Set<string>();

  constructor(
    private readonly maxCodes: number,
    private readonly label: string,
    private readonly warnings: WarningList,
  ) {}

  get current(): QdaCode | undefined {
    return this.open[this.open.length - 1];
  }

  has(guid: string): boolean {
    return this.guids.has(guid);
  }

  openCode(attributes: Attributes, line: number): QdaCode {
    if (this.guids.size >= this.maxCodes) {
      throw new InteropError(
        'TOO_MANY_ITEMS',
        `${this.label} has more than ${this.maxCodes.toLocaleString('en')} codes, so it is refused.`,
      );
    }
    const name = attributes['name'] ?? '';
    const code: QdaCode = {
      guid: this.uniqueGuid(requiredGuid(attributes, 'Code', line), name),
      name,
      isCodable: booleanOf(attributes['isCodable']),
      children: [],
    };
    const color = colorOf(attributes['color'], name, this.warnings);
    if (color) code.color = color;
    (this.current?.children ?? this.roots).push(code);
    this.open.push(code);
    return code;
  }

  closeCode(): void {
    this.open.pop();
  }

  /**
   * Two codes with one GUID cannot both be referred to; the later one gets a GUID of its own
   * (codings go to the first) and the import says so.
   */
  private uniqueGuid(guid: string, name: string): string {
    let unique = guid;
    for (let n = 1; this.guids.has(unique); n++) unique = replacementGuid(guid, n);
    if (unique !== guid) {
      this.warnings.tally(
        'duplicate-code',
        'DUPLICATE_GUID',
        (n, names) =>
          `${n === 1 ? 'A code' : `${n} codes`} (${names}) had the GUID of an earlier code; ` +
          'codings with that GUID go to the earlier code.',
        name,
      );
    }
    this.guids.add(unique);
    return unique;
  }
}
