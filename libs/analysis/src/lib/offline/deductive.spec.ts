import type { CodebookTag, TurnText } from '../types';
import { trainDeductiveTagger } from './deductive';

const tags: CodebookTag[] = [
  {
    id: 'pricing',
    name: 'Pricing',
    description:
      'Definition: what people say about price, cost and paying.\nWhen not to use: salaries and hiring budgets.',
    examples: [
      'The price is too high for a small team.',
      'We could not justify the cost of the premium plan.',
      'Paying per seat gets expensive fast.',
      'Honestly the subscription fee is what made us hesitate.',
    ],
  },
  {
    id: 'hiring',
    name: 'Hiring',
    description: 'Recruiting and onboarding new employees.',
    examples: [
      'We hired three engineers last quarter.',
      'Recruiting designers takes months.',
      'Our hiring process has too many interview rounds.',
      'Finding candidates with the right skills is hard.',
    ],
  },
];

const background = [
  'I usually start my day by checking messages.',
  'We have a weekly meeting on Mondays.',
  'The office is close to the station.',
  'My colleague sends the report every Friday.',
  'I work mostly from home these days.',
];

const turn = (index: number, text: string, isInterviewer = false): TurnText => ({
  index,
  text,
  speaker: isInterviewer ? 'Interviewer' : 'P1',
  isInterviewer,
});

describe('trainDeductiveTagger', () => {
  const tagger = trainDeductiveTagger({ tags, background });

  it('finds a new pricing sentence with the pricing tag and not the hiring one', () => {
    const turns = [
      turn(0, 'Is it worth it?', true),
      turn(1, 'The weather was nice. Frankly the cost of the plan is too high for us.'),
    ];
    const suggestions = tagger.suggest(turns);
    const pricing = suggestions.filter((s) => s.tags.map((t) => t.tagId).includes('pricing'));
    expect(pricing).toHaveLength(1);
    expect(pricing[0]!.quote).toBe('Frankly the cost of the plan is too high for us.');
    expect(suggestions.some((s) => s.tags.map((t) => t.tagId).includes('hiring'))).toBe(false);
    expect(pricing[0]!.rationale).toMatch(/Pricing/);
    expect(pricing[0]!.rationale).toMatch(/cost/);
  });

  it('learns from rejected suggestions: a quote people said is not Pricing stops being proposed as Pricing', () => {
    const sentence = 'The price of lunch near the office is too high for us.';
    const pricingOf = (t: ReturnType<typeof trainDeductiveTagger>) =>
      t.scoreSentences([turn(0, sentence)])[0]!.scores.find((x) => x.tagId === 'pricing')
        ?.confidence ?? 0;
    const before = pricingOf(tagger);
    expect(
      tagger
        .suggest([turn(0, sentence)])
        .some((x) => x.tags.map((t) => t.tagId).includes('pricing')),
    ).toBe(true);
    const taught = trainDeductiveTagger({
      tags: tags.map((t) =>
        t.id === 'pricing'
          ? {
              ...t,
              counterExamples: [
                'The price of lunch near the office is too high.',
                'Lunch prices near the office are high.',
              ],
            }
          : t,
      ),
      background,
    });
    expect(pricingOf(taught)).toBeLessThan(before);
    expect(
      taught
        .suggest([turn(0, sentence)])
        .filter((x) => x.tags.map((t) => t.tagId).includes('pricing')),
    ).toEqual([]);
    // Other pricing talk is still found.
    const other = taught.suggest([turn(0, 'Frankly the cost of the plan is too high for us.')]);
    expect(other.some((x) => x.tags.map((t) => t.tagId).includes('pricing'))).toBe(true);
  });

  it('gives a hiring sentence the hiring tag, more confidently than pricing', () => {
    const [s] = tagger.scoreSentences([turn(0, 'Recruiting good engineers took us half a year.')]);
    expect(s!.scores[0]!.tagId).toBe('hiring');
  });

  it('never suggests interviewer turns', () => {
    const turns = [
      turn(0, 'So what about the price and the cost of the plan?', true),
      turn(1, 'Yes.'),
    ];
    expect(tagger.suggest(turns, { minConfidence: 0 })).toEqual([]);
  });

  it('quotes the exact text, with UTF-16 offsets past emoji and accents', () => {
    const text = '🙂 Ça va. 😅 Honestly, the price per seat is too expensive for us 💸.';
    const [s] = tagger
      .suggest([turn(4, text)])
      .filter((x) => x.tags.map((t) => t.tagId).includes('pricing'));
    expect(s).toBeDefined();
    expect(s!.startIndex).toBe(4);
    expect(s!.endIndex).toBe(4);
    expect(text.slice(s!.startOffset, s!.endOffset)).toBe(s!.quote);
    expect(s!.quote).toBe('😅 Honestly, the price per seat is too expensive for us 💸.');
  });

  it('confidence is in 0..1 and higher for the clearer sentence', () => {
    const scores = tagger.scoreSentences([
      turn(0, 'The price per seat and the subscription fee are too expensive.'),
      turn(1, 'It was a bit expensive maybe.'),
    ]);
    const p = (i: number) =>
      scores.find((s) => s.turnIndex === i)?.scores.find((x) => x.tagId === 'pricing')
        ?.confidence ?? 0;
    expect(p(0)).toBeLessThanOrEqual(1);
    expect(p(0)).toBeGreaterThan(p(1));
  });

  it('is deterministic', () => {
    const turns = [turn(0, 'The cost is high. We hired a recruiter.')];
    expect(trainDeductiveTagger({ tags, background }).suggest(turns)).toEqual(
      tagger.suggest(turns),
    );
  });

  it('gives nothing for empty input', () => {
    expect(tagger.suggest([])).toEqual([]);
    expect(trainDeductiveTagger({ tags: [] }).suggest([turn(0, 'The price is too high.')])).toEqual(
      [],
    );
  });

  it('a tag with neither examples nor description adds no noise', () => {
    const bare = trainDeductiveTagger({
      tags: [{ id: 'misc', name: 'Misc', description: null, examples: [] }],
      background,
    });
    expect(
      bare.suggest([turn(0, 'The price is too high. We hired people. I like the design.')], {
        minConfidence: 0,
      }),
    ).toEqual([]);
  });

  it('a tag with only a name and description still finds obvious matches', () => {
    const described = trainDeductiveTagger({
      tags: [
        {
          id: 'onb',
          name: 'Onboarding',
          description: 'First-run experience: setup, invitations and the welcome tour.',
          examples: [],
        },
        ...tags,
      ],
      background,
    });
    const out = described.suggest([turn(0, 'The onboarding was painless. The office is nice.')]);
    const onboarding = out.filter((s) => s.tags.map((t) => t.tagId).includes('onb'));
    expect(onboarding.map((s) => s.quote)).toEqual(['The onboarding was painless.']);
    expect(onboarding[0]!.rationale).toMatch(/Onboarding/);
  });
});

it('a codebook nobody has used yet still gets suggestions from its names and descriptions', () => {
  const fresh = trainDeductiveTagger({
    tags: tags.map((t) => ({ ...t, examples: [] })),
  });
  const out = fresh.suggest([turn(0, 'Pricing was the hard part. The weather was nice.')]);
  expect(out.map((s) => [s.quote, s.tags.map((t) => t.tagId)])).toEqual([
    ['Pricing was the hard part.', ['pricing']],
  ]);
});

describe('per-tag thresholds', () => {
  const turns = [turn(0, 'The cost of the plan is high. We hired a recruiter. I like trains.')];

  it('an explicit minConfidence applies to every tag, as before', () => {
    const auto = trainDeductiveTagger({ tags, background });
    const single = trainDeductiveTagger({ tags, background }, { innerFolds: 0 });
    expect(auto.suggest(turns, { minConfidence: 0.2 })).toEqual(single.suggest(turns));
    expect(auto.scoreSentences(turns)).toEqual(single.scoreSentences(turns));
  });

  it('thresholds learned by inner cross-validation keep suggestions sensible', () => {
    // thresholds alone: this short turn would otherwise get only people's rate of labels
    const out = trainDeductiveTagger({ tags, background }, { labelRateCap: 0 }).suggest(turns);
    expect(
      out.find((s) => s.quote === 'The cost of the plan is high.')?.tags.map((t) => t.tagId),
    ).toContain('pricing');
    expect(out.some((s) => s.quote === 'I like trains.')).toBe(false);
  });
});

describe('evidence', () => {
  // People tagged quotes full of everyday words: "go", "big", "sure", "gave" come up in every example.
  const generous: CodebookTag = {
    id: 'generosity',
    name: 'Generosity',
    description: null,
    examples: [
      'Sure, they gave us a big discount when we asked.',
      'They gave the whole team free licences, sure, a big gesture.',
      'Go big, they said, and gave us an extended trial.',
      'They gave back a big refund without a fuss, sure.',
    ],
  };
  const tagger = trainDeductiveTagger({ tags: [generous, ...tags], background });

  it('never proposes a tag on stop words, fillers or generic words alone', () => {
    const filler = [
      turn(0, 'Sure, go big. They gave it, sure.'),
      turn(1, 'Yeah, um, people want things every year, you know.'),
      turn(2, 'I mean, sure, it was big, we gave it a go.'),
    ];
    expect(tagger.suggest(filler, { minConfidence: 0 })).toEqual([]);
  });

  it('still proposes it where a word that says something speaks for it, and names that word', () => {
    const [s] = tagger.suggest([turn(0, 'Sure, they gave us a big discount on the licences.')]);
    expect(s?.tags[0]?.tagId).toBe('generosity');
    const words = /words: ([^(]*)\(/.exec(s!.rationale)?.[1] ?? '';
    expect(words).toMatch(/discount|licences/);
    expect(words).not.toMatch(/\b(sure|gave|big|go)\b/);
  });

  it('with minEvidenceWords 2, a sentence sharing only one word with what people tagged gets no suggestion for that tag', () => {
    const lenient = tagger;
    const strict = trainDeductiveTagger(
      { tags: [generous, ...tags], background },
      { minEvidenceWords: 2 },
    );
    const tagged = (t: typeof tagger, text: string) =>
      t.suggest([turn(0, text)], { minConfidence: 0 }).flatMap((s) => s.tags.map((x) => x.tagId));
    const oneWord = 'The weather was nice and we got a discount.';
    expect(tagged(lenient, oneWord)).toContain('generosity');
    expect(tagged(strict, oneWord)).not.toContain('generosity');
    expect(tagged(strict, 'Sure, they gave us a big discount on the licences.')).toContain(
      'generosity',
    );
  });
});

describe('words as written', () => {
  // The same content words; only "I"/"me" and "she"/"her"/"he"/"him" tell the two tags apart.
  const feelings: CodebookTag[] = [
    {
      id: 'a-character-feelings',
      name: 'Character feelings',
      description: null,
      examples: [
        'She felt sad at the end of the story.',
        'He felt lonely in the big city.',
        'It made him feel small and afraid.',
        'Her anger at the betrayal was palpable.',
      ],
    },
    {
      id: 'b-own-feelings',
      name: 'Own feelings',
      description: null,
      examples: [
        'I felt sad at the end of the story.',
        'I felt lonely in the big city.',
        'It made me feel small and afraid.',
        'My anger at the betrayal was palpable.',
      ],
    },
  ];
  const first = (t: ReturnType<typeof trainDeductiveTagger>, text: string): string | undefined =>
    t.suggest([turn(0, text)], { minConfidence: 0 })[0]?.tags[0]?.tagId;

  it('tells "I felt" from "she felt": the logistic regression and the neighbours read the words as written', () => {
    const tagger = trainDeductiveTagger({ tags: feelings, background });
    expect(first(tagger, 'I felt sad and lonely in the story.')).toBe('b-own-feelings');
    expect(first(tagger, 'She felt sad and lonely in the story.')).toBe('a-character-feelings');
  });

  it('without them (wordFeatures 0) both read the same', () => {
    const stems = trainDeductiveTagger({ tags: feelings, background }, { wordFeatures: 0 });
    expect(first(stems, 'I felt sad and lonely in the story.')).toBe(
      first(stems, 'She felt sad and lonely in the story.'),
    );
  });

  it('still proposes nothing where only stop words speak for a tag', () => {
    const tagger = trainDeductiveTagger({ tags: feelings, background });
    const text = 'I told my colleague about the weekly meeting on Mondays.';
    // "I" and "my" give the tag a score, but no word that says something speaks for it
    const [scores] = tagger.scoreSentences([turn(0, text)]);
    expect(scores?.scores.find((s) => s.tagId === 'b-own-feelings')?.confidence).toBeGreaterThan(
      0.1,
    );
    expect(tagger.suggest([turn(0, text)], { minConfidence: 0 })).toEqual([]);
  });
});

describe('per-tag confidence', () => {
  it('gives every proposed tag its own confidence, most confident first', () => {
    const both = trainDeductiveTagger(
      {
        tags: [
          ...tags,
          {
            id: 'budget',
            name: 'Budget',
            description: 'Money set aside: budgets, spending limits and cost approvals.',
            examples: [
              'Our budget for tools is small.',
              'The cost needs budget approval first.',
              'We spend the whole budget by June.',
            ],
          },
        ],
        background,
      },
      // one short sentence: people's rate of labels per word would allow it only one tag
      { labelRateCap: 0 },
    );
    const out = both.suggest([turn(0, 'The cost of the plan is over our budget.')], {
      minConfidence: 0.05,
    });
    const multi = out.find((s) => s.tags.length > 1);
    expect(multi).toBeDefined();
    const confidences = multi!.tags.map((t) => t.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    expect(new Set(confidences).size).toBe(confidences.length);
    expect(multi!.confidence).toBe(confidences[0]);
  });

  it('a threshold keeps only the tags at or above it, each judged on its own', () => {
    const tagger = trainDeductiveTagger({ tags, background });
    const text = 'The cost of hiring recruiters is too high.';
    const [scores] = tagger.scoreSentences([turn(0, text)]);
    const middle = (scores!.scores[0]!.confidence + scores!.scores[1]!.confidence) / 2;
    const [s] = tagger.suggest([turn(0, text)], { minConfidence: middle });
    expect(s!.tags).toEqual([scores!.scores[0]]);
  });
});

describe('labels per word', () => {
  // One sentence per turn: each suggestion is one sentence.
  const turns = [
    'The price is high.',
    'Paying per seat is expensive.',
    'The subscription fee made us hesitate.',
    'We could not justify the premium plan.',
    'We hired three engineers.',
    'Recruiting takes months.',
    'The office is close to the station.',
    'I work from home.',
  ].map((text, i) => turn(i, text));
  const labels = (out: { quote: string; tags: { tagId: string; confidence: number }[] }[]) =>
    out.flatMap((s) => s.tags.map((t) => ({ quote: s.quote, ...t })));

  it('proposes no more labels per word than people gave in the training data, the most confident kept', () => {
    const capped = labels(
      trainDeductiveTagger({ tags, background }, { capRank: 0 }).suggest(turns),
    );
    const all = labels(
      trainDeductiveTagger({ tags, background }, { labelRateCap: 0, capRank: 0 }).suggest(turns),
    );
    expect(capped.length).toBeGreaterThan(0);
    expect(capped.length).toBeLessThan(all.length);
    // what the cap left out is less confident than everything it kept
    const dropped = all.filter(
      (a) => !capped.some((c) => c.quote === a.quote && c.tagId === a.tagId),
    );
    const weakestKept = Math.min(...capped.map((c) => c.confidence));
    for (const d of dropped) expect(d.confidence).toBeLessThanOrEqual(weakestKept);
    // the sentences that say nothing of either tag are never proposed
    expect(all.some((a) => /office|home/.test(a.quote))).toBe(false);
  });
});

describe('decision rules', () => {
  const turns = [
    'The price is high.',
    'Paying per seat is expensive.',
    'The subscription fee made us hesitate.',
    'We hired three engineers.',
    'Recruiting takes months.',
    'Our hiring budget for recruiters is high.',
    'The office is close to the station.',
  ].map((text, i) => turn(i, text));
  const labels = (out: { quote: string; tags: { tagId: string }[] }[]): string[] =>
    out.flatMap((s) => s.tags.map((t) => `${s.quote} → ${t.tagId}`)).sort();

  it('with capRank 1 the cap keeps as many labels, all of them ones the tagger would propose', () => {
    const byConfidence = labels(
      trainDeductiveTagger({ tags, background }, { capRank: 0 }).suggest(turns),
    );
    const byMargin = labels(
      trainDeductiveTagger({ tags, background }, { capRank: 1 }).suggest(turns),
    );
    const uncapped = labels(
      trainDeductiveTagger({ tags, background }, { labelRateCap: 0 }).suggest(turns),
    );
    expect(byMargin.length).toBe(byConfidence.length);
    for (const l of byMargin) expect(uncapped).toContain(l);
  });

  it('agreement of two signals only ever removes labels, and never those of a tag without examples', () => {
    const plain = labels(
      trainDeductiveTagger({ tags, background }, { labelRateCap: 0 }).suggest(turns),
    );
    const strict = labels(
      trainDeductiveTagger({ tags, background }, { labelRateCap: 0, agreeShare: 3 }).suggest(turns),
    );
    for (const l of strict) expect(plain).toContain(l);
    expect(strict.length).toBeLessThan(plain.length);
    // a codebook without highlights leans on names and descriptions alone: nothing to agree with
    const bare = tags.map((t) => ({ ...t, examples: [] }));
    expect(
      labels(trainDeductiveTagger({ tags: bare, background }, { agreeShare: 3 }).suggest(turns)),
    ).toEqual(labels(trainDeductiveTagger({ tags: bare, background }).suggest(turns)));
  });
});

describe('determinism', () => {
  const turns = [
    turn(0, 'The cost of the plan is too high. We hired two recruiters.'),
    turn(1, 'Paying per seat hurts. Recruiting takes months.'),
  ];

  it('gives the same suggestions for the same data, whatever order it comes in', () => {
    const shuffledTags = [...tags].reverse().map((t) => ({
      ...t,
      examples: [...t.examples].reverse(),
    }));
    const a = trainDeductiveTagger({ tags, background }).suggest(turns);
    const b = trainDeductiveTagger({
      tags: shuffledTags,
      background: [...background].reverse(),
    }).suggest(turns);
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });
});
