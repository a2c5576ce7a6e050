import { type TurnText } from '@verbatim/analysis';
import { AnalysisMode } from './analysis-run.entity';
import { processProposals, type PipelineInput, textBetween } from './proposal-pipeline';

const turns: TurnText[] = [
  {
    index: 0,
    text: 'What do you think of the price?',
    speaker: 'Interviewer',
    isInterviewer: true,
  },
  {
    index: 1,
    text: 'The price is too high for us. Setup was quick though.',
    speaker: 'Maria',
    isInterviewer: false,
  },
  { index: 2, text: 'Anything else?', speaker: 'Interviewer', isInterviewer: true },
  {
    index: 3,
    text: 'Support answered within an hour 😊 and fixed it.',
    speaker: 'Maria',
    isInterviewer: false,
  },
];
const base: PipelineInput = {
  mode: AnalysisMode.DEDUCTIVE,
  transcriptId: '00000000-0000-4000-8000-000000000001',
  turns,
  chunk: { firstTurn: 0, lastTurn: 3 },
  codebook: [
    { id: 'tag-pricing', name: 'Pricing' },
    { id: 'tag-support', name: 'Support' },
  ],
  highlights: [],
  suggestions: [],
};
const proposal = (quote: string, tagNames: string[], extra: object = {}) => ({
  quote,
  tagNames,
  rationale: 'why',
  confidence: 0.8,
  ...extra,
});

describe('processProposals', () => {
  it('stores the transcript’s own text for a quote the model spelled differently', () => {
    const { suggestions } = processProposals(base, [
      proposal('“the PRICE is too high for us”', ['pricing']),
    ]);
    expect(suggestions).toHaveLength(1);
    const [s] = suggestions;
    expect(s!.quote).toBe(textBetween(turns, s!));
    expect(s!.quote.toLowerCase()).toContain('the price is too high for us');
    expect(s!.tagIds).toEqual(['tag-pricing']);
  });

  it('keeps offsets right after an emoji', () => {
    const { suggestions } = processProposals(base, [proposal('and fixed it', ['Support'])]);
    expect(suggestions[0]!.quote).toBe('and fixed it');
    expect(turns[3]!.text.slice(suggestions[0]!.startOffset, suggestions[0]!.endOffset)).toBe(
      'and fixed it',
    );
  });

  it('drops and counts quotes that are not in the transcript, and rejects tags outside the codebook', () => {
    const result = processProposals(base, [
      proposal('We would pay double for dark mode.', ['Pricing']),
      proposal('The price is too high for us.', ['Pricing', 'Made-up tag']),
      proposal('Setup was quick though.', []),
    ]);
    expect(result).toMatchObject({ droppedUngrounded: 1, rejectedInvalid: 2, suggestions: [] });
  });

  it('skips a tag already highlighted over most of the suggestion, and keeps the other tags', () => {
    const start = turns[1]!.text.indexOf('The price');
    const highlights = [
      {
        span: {
          startIndex: 1,
          startOffset: start,
          endIndex: 1,
          endOffset: start + 'The price is too high for us'.length,
        },
        tagIds: ['tag-pricing'],
        tagNames: ['Pricing'],
      },
    ];
    const covered = processProposals({ ...base, highlights }, [
      proposal('The price is too high for us.', ['Pricing']),
    ]);
    expect(covered).toMatchObject({ skippedDuplicates: 1, suggestions: [] });
    const other = processProposals({ ...base, highlights }, [
      proposal('The price is too high for us.', ['Pricing', 'Support']),
    ]);
    expect(other.suggestions[0]!.tagIds).toEqual(['tag-support']);
    // A highlight covering only a small part does not make it a duplicate.
    const small = [{ ...highlights[0]!, span: { ...highlights[0]!.span, endOffset: start + 3 } }];
    expect(
      processProposals({ ...base, highlights: small }, [
        proposal('The price is too high for us.', ['Pricing']),
      ]).suggestions,
    ).toHaveLength(1);
  });

  it('does not propose again what was rejected, nor the same thing twice in one answer', () => {
    const first = processProposals(base, [
      proposal('The price is too high for us.', ['Pricing']),
      proposal('The price is too high for us', ['Pricing']),
    ]);
    expect(first.suggestions).toHaveLength(1);
    expect(first.skippedDuplicates).toBe(1);
    const rejected = [{ span: first.suggestions[0]!, tagIds: ['tag-pricing'], themeName: null }];
    expect(
      processProposals({ ...base, suggestions: rejected }, [
        proposal('The price is too high for us.', ['Pricing']),
      ]).suggestions,
    ).toEqual([]);
  });

  it('needs a theme name in INDUCTIVE mode and gives the same fingerprint to the same proposal', () => {
    const input = { ...base, mode: AnalysisMode.INDUCTIVE };
    expect(
      processProposals(input, [proposal('Setup was quick though.', [], { themeName: '  ' })])
        .rejectedInvalid,
    ).toBe(1);
    const a = processProposals(input, [
      proposal('Setup was quick though.', [], { themeName: 'Easy setup' }),
    ]).suggestions[0]!;
    const b = processProposals(input, [
      proposal('setup was quick though', [], { themeName: 'easy SETUP' }),
    ]).suggestions[0]!;
    expect(a.themeName).toBe('Easy setup');
    expect(a.fingerprint).toBe(
      processProposals(input, [
        proposal('Setup was quick though.', [], { themeName: 'Easy setup' }),
      ]).suggestions[0]!.fingerprint,
    );
    expect(b.quote).toBe(textBetween(turns, b));
  });

  it('clamps confidence into 0..1', () => {
    const [s] = processProposals(base, [
      proposal('Setup was quick though.', ['Pricing'], { confidence: 7 }),
    ]).suggestions;
    expect(s!.confidence).toBe(1);
  });
});
