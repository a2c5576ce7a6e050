import { type QdaCode, type QdaProject } from '@verbatim/interop';
import { planProject, PlanRefusal, splitLongTurns } from './import-plan';
import { TurnPositions, turnsForText } from '@verbatim/interop';

const code = (guid: string, name: string, children: QdaCode[] = []): QdaCode => ({
  guid,
  name,
  isCodable: true,
  children,
});

const G = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function project(overrides: Partial<QdaProject> = {}): QdaProject {
  const text = 'Anna: We pay too much.\n\nBen: Why?\n\nAnna: The seats.';
  return {
    name: 'Study',
    users: [],
    codes: [code(G(1), 'Price', [code(G(2), 'price'), code(G(3), 'Seats')])],
    sources: [
      {
        guid: G(10),
        name: 'Interview',
        text,
        selections: [
          {
            guid: G(20),
            start: text.indexOf('We pay'),
            end: text.indexOf('Why?') + 4,
            description: '  across two turns ',
            codings: [{ guid: G(30), codeGuid: G(1) }],
          },
          {
            guid: G(21),
            start: text.indexOf('Ben'),
            end: text.indexOf('Ben') + 3,
            codings: [{ guid: G(31), codeGuid: G(3) }],
          },
        ],
      },
    ],
    notes: [{ guid: G(40), name: 'Memo', text: 'Remember the seats.' }],
    ...overrides,
  };
}

describe('planProject', () => {
  it('keeps the hierarchy, parents first, and renames names that clash in any case', () => {
    const plan = planProject(project(), [], { maxCodes: 2000 });
    expect(plan.codes.map((c) => [c.name, c.parentKey])).toEqual([
      ['Price', null],
      ['price (2)', G(1)],
      ['Seats', G(1)],
    ]);
    expect(plan.warnings.find((w) => w.code === 'RENAMED_CODE')?.message).toMatch(
      /“price” as “price \(2\)”/,
    );
  });

  it('turns a selection across turns into a highlight across turns, on the same words', () => {
    const plan = planProject(project(), [], { maxCodes: 2000 });
    const source = plan.sources[0]!;
    expect(source.turns.map((t) => [t.speaker, t.text])).toEqual([
      ['Anna', 'We pay too much.'],
      ['Ben', 'Why?'],
      ['Anna', 'The seats.'],
    ]);
    expect(source.highlights).toEqual([
      {
        startTurn: 0,
        startOffset: 0,
        endTurn: 1,
        endOffset: 4,
        note: 'across two turns',
        codeKeys: [G(1)],
      },
    ]);
  });

  it('says what it left out: a selection of only a speaker label, and notes', () => {
    const plan = planProject(project(), [{ code: 'UNSUPPORTED_CONTENT', message: 'Sets.' }], {
      maxCodes: 2000,
    });
    expect(plan.warnings.map((w) => w.code)).toEqual([
      'UNSUPPORTED_CONTENT',
      'RENAMED_CODE',
      'SELECTION_OUTSIDE_TURNS',
      'NOTES_NOT_IMPORTED',
    ]);
  });

  it('refuses a codebook larger than a project holds', () => {
    expect(() => planProject(project(), [], { maxCodes: 2 })).toThrow(PlanRefusal);
  });
});

describe('splitLongTurns', () => {
  it('cuts an over-long paragraph into turns that keep their places in the text', () => {
    const text = `Notes\n${'word '.repeat(30)}🙂${'more '.repeat(30)}`;
    const split = splitLongTurns(turnsForText(text), 40);
    expect(split.turns.every((t) => t.text.length <= 40)).toBe(true);
    split.turns.forEach((turn, i) => {
      expect(text.slice(split.starts[i], split.starts[i]! + split.lengths[i]!)).toBe(turn.text);
    });
    expect(split.turns.map((t) => t.text).join('')).toBe(`Notes${text.slice(6).trim()}`);
    // A selection over a cut lands on the same words, across turns.
    const positions = new TurnPositions(split);
    const start = text.indexOf('🙂') - 10;
    const from = positions.fromText(start, 'start')!;
    const to = positions.fromText(start + 30, 'end')!;
    expect(to.turn).toBeGreaterThan(from.turn);
  });

  it('replaces NUL, which PostgreSQL cannot store, one character for one', () => {
    const text = 'Anna: a\u0000b\n\nBen: ok';
    const plan = planProject(
      project({ sources: [{ guid: G(11), name: 'N\u0000', text, selections: [] }] }),
      [],
      { maxCodes: 2000 },
    );
    expect(plan.sources[0]!.name).toBe('N\uFFFD');
    expect(plan.sources[0]!.turns.map((t) => t.text)).toEqual(['a\uFFFDb', 'ok']);
  });
});
