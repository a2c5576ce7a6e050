import type { AnalysisCoverageQuery, AnalysisMode } from '@verbatim/contracts';
import { formatRelative } from '../../shared/format';

type AnalysisCoverage = AnalysisCoverageQuery['analysisCoverage'];

/**
 * Whether a transcript still needs this kind of run: DEDUCTIVE, when no completed run applied the
 * codebook to it since the codebook last changed; INDUCTIVE, when no run looked for themes in it.
 */
export function needsAnalysis(
  coverage: AnalysisCoverage | null,
  transcriptId: string,
  mode: AnalysisMode,
): boolean {
  const done = coverage?.transcripts.find((t) => t.transcriptId === transcriptId);
  if (mode === 'INDUCTIVE') return !done?.inductiveAt;
  if (!done?.deductiveAt) return true;
  const changed = coverage?.codebookChangedAt;
  return !!changed && Date.parse(done.deductiveAt) < Date.parse(changed);
}

/** What the form says next to a transcript; empty when it was never analysed this way. */
export function analysisNote(
  coverage: AnalysisCoverage | null,
  transcriptId: string,
  mode: AnalysisMode,
  now: number = Date.now(),
): string {
  const done = coverage?.transcripts.find((t) => t.transcriptId === transcriptId);
  const at = mode === 'INDUCTIVE' ? done?.inductiveAt : done?.deductiveAt;
  if (!at) return '';
  if (needsAnalysis(coverage, transcriptId, mode))
    return `analysed ${formatRelative(at, now)}, before the codebook changed`;
  return `analysed ${formatRelative(at, now)}`;
}
