import { describe, expect, it } from 'vitest';
import type { AnalysisCoverageQuery } from '@verbatim/contracts';
import { analysisNote, needsAnalysis } from './analysis-coverage';

type AnalysisCoverage = AnalysisCoverageQuery['analysisCoverage'];

const NOW = Date.parse('2026-12-07T12:00:00Z');
const coverage: AnalysisCoverage = {
  codebookChangedAt: '2026-12-05T12:00:00Z',
  transcripts: [
    { transcriptId: 'before', deductiveAt: '2026-12-04T12:00:00Z', inductiveAt: null },
    {
      transcriptId: 'after',
      deductiveAt: '2026-12-06T12:00:00Z',
      inductiveAt: '2026-12-06T12:00:00Z',
    },
  ],
};

describe('which transcripts a new run defaults to', () => {
  it('applies the codebook to those never coded with it, or coded before it changed', () => {
    expect(needsAnalysis(coverage, 'never', 'DEDUCTIVE')).toBe(true);
    expect(needsAnalysis(coverage, 'before', 'DEDUCTIVE')).toBe(true);
    expect(needsAnalysis(coverage, 'after', 'DEDUCTIVE')).toBe(false);
  });

  it('looks for themes in those never searched for themes', () => {
    expect(needsAnalysis(coverage, 'before', 'INDUCTIVE')).toBe(true);
    expect(needsAnalysis(coverage, 'after', 'INDUCTIVE')).toBe(false);
  });

  it('selects everything while coverage is unknown', () => {
    expect(needsAnalysis(null, 'after', 'DEDUCTIVE')).toBe(true);
  });

  it('says when a transcript was analysed, and whether the codebook changed since', () => {
    expect(analysisNote(coverage, 'after', 'DEDUCTIVE', NOW)).toBe('analysed yesterday');
    expect(analysisNote(coverage, 'before', 'DEDUCTIVE', NOW)).toBe(
      'analysed 3 days ago, before the codebook changed',
    );
    expect(analysisNote(coverage, 'never', 'DEDUCTIVE', NOW)).toBe('');
  });
});
