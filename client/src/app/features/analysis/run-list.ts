import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { AnalysisRunFragment as AnalysisRun } from '@verbatim/contracts';
import { formatRelative } from '../../shared/format';
import {
  formatSummary,
  formatUsage,
  isActive,
  modeLabel,
  percentOf,
  runStatusLabel,
} from './analysis-format';

/** The project's runs, newest first, with live progress and a way to review, cancel or retry each. */
@Component({
  selector: 'vb-run-list',
  imports: [RouterLink],
  templateUrl: './run-list.html',
  styleUrl: './run-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RunList {
  readonly projectId = input.required<string>();
  readonly runs = input.required<readonly AnalysisRun[]>();
  readonly canCancel = input(false);
  /** Runs being cancelled right now. */
  readonly cancelling = input<ReadonlySet<string>>(new Set());
  readonly cancelRun = output<AnalysisRun>();
  /** Runs being retried right now. */
  readonly retrying = input<ReadonlySet<string>>(new Set());
  readonly retryRun = output<AnalysisRun>();

  protected readonly statusLabel = runStatusLabel;
  protected readonly modeLabel = modeLabel;
  protected readonly percent = percentOf;
  protected readonly summary = formatSummary;
  protected readonly usage = formatUsage;
  protected readonly active = isActive;
  protected readonly when = (iso: string) => formatRelative(iso);

  /** A failed run, or a finished one with failed parts, can run again. */
  protected retryable(run: AnalysisRun): boolean {
    return run.status === 'FAILED' || (run.status === 'COMPLETED' && run.chunksFailed > 0);
  }

  protected transcriptsLabel(run: AnalysisRun): string {
    const titles = run.transcripts.map((t) => t.title);
    if (titles.length <= 2) return titles.join(', ');
    return `${titles.slice(0, 2).join(', ')} and ${titles.length - 2} more`;
  }
}
