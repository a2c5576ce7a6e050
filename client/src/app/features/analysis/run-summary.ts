import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { AnalysisRunFragment as AnalysisRun } from '@verbatim/contracts';
import { ThemeEditor } from './theme-editor';
import { plural } from '../../shared/format';
import {
  formatCost,
  formatInvalidReasons,
  isActive,
  modeLabel,
  percentOf,
  runStatusLabel,
} from './analysis-format';

/** A run at a glance: what people decided, what the pipeline dropped, what it cost. */
@Component({
  selector: 'vb-run-summary',
  imports: [ThemeEditor],
  template: `
    @if (run(); as r) {
      <p class="provider">
        <strong>{{ modeLabel(r.mode) }}</strong> · {{ statusLabel(r.status) }} ·
        {{ r.providerLabel }}
      </p>
      @if (active()) {
        <div
          class="progress"
          role="progressbar"
          aria-label="Run progress"
          aria-valuemin="0"
          aria-valuemax="100"
          [attr.aria-valuenow]="percent(r.progress)"
        >
          <div class="progress__bar" [style.width.%]="percent(r.progress)"></div>
        </div>
      }
      <dl class="counts" data-testid="run-counts">
        <div class="count count--accepted">
          <dt>Accepted</dt>
          <dd>{{ r.summary.accepted }}</dd>
        </div>
        <div class="count count--rejected">
          <dt>Rejected</dt>
          <dd>{{ r.summary.rejected }}</dd>
        </div>
        <div class="count count--pending">
          <dt>Pending</dt>
          <dd>{{ r.summary.pending }}</dd>
        </div>
      </dl>
      <ul class="facts">
        <li data-testid="dropped-ungrounded">
          {{ plural(r.summary.droppedUngrounded, 'ungrounded suggestion') }} dropped
        </li>
        <li data-testid="rejected-invalid">
          {{ plural(r.summary.rejectedInvalid, 'invalid suggestion') }} rejected{{
            invalidReasons() ? ' (' + invalidReasons() + ')' : ''
          }}
        </li>
        <li>{{ plural(r.summary.skippedDuplicates, 'duplicate') }} skipped</li>
        <li>{{ tokens() }} · {{ cost() }}</li>
      </ul>
      @if (r.error; as message) {
        <p class="alert alert--error" role="alert">{{ message }}</p>
      }
      @if (r.themes.length) {
        <h3>Proposed themes</h3>
        <table class="themes">
          <thead>
            <tr>
              <th scope="col">Theme</th>
              <th scope="col">Definition</th>
              <th scope="col" class="num">Quotes</th>
            </tr>
          </thead>
          <tbody>
            @for (theme of r.themes; track theme.name) {
              <tr>
                @if (canEdit()) {
                  <td colspan="2">
                    <vb-theme-editor [runId]="r.id" [theme]="theme" (saved)="themeChanged.emit()" />
                  </td>
                } @else {
                  <th scope="row">{{ theme.name }}</th>
                  <td>{{ theme.definition }}</td>
                }
                <td class="num">{{ theme.suggestionCount }}</td>
              </tr>
            }
          </tbody>
        </table>
      }
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .provider {
      color: var(--muted);
      margin-bottom: 0.6rem;
    }
    .progress {
      margin-bottom: 0.75rem;
    }
    .counts {
      display: flex;
      gap: 0.75rem;
      margin: 0 0 0.6rem;
    }
    .count {
      min-width: 6rem;
      padding: 0.4rem 0.75rem;
      border-radius: var(--radius);
      background: var(--surface-muted);
      border: 1px solid var(--border);
    }
    .count dt {
      font-size: 0.8rem;
      color: var(--muted);
    }
    .count dd {
      margin: 0;
      font-size: 1.35rem;
      font-weight: 650;
      font-variant-numeric: tabular-nums;
    }
    .count--accepted dd {
      color: var(--success);
    }
    .count--pending dd {
      color: var(--warning);
    }
    .facts {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1rem;
      list-style: none;
      margin: 0 0 0.5rem;
      padding: 0;
      font-size: 0.9rem;
      color: var(--muted);
    }
    h3 {
      margin-top: 0.75rem;
    }
    .themes {
      width: 100%;
      border-collapse: collapse;
      font-size: 0.9rem;
    }
    .themes th,
    .themes td {
      text-align: left;
      padding: 0.3rem 0.5rem;
      border-bottom: 1px solid var(--border);
      vertical-align: top;
    }
    .themes .num {
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RunSummary {
  /** Editors rename and redefine proposed themes before accepting them. */
  readonly canEdit = input(false);
  readonly themeChanged = output<void>();
  readonly run = input.required<AnalysisRun>();

  protected readonly modeLabel = modeLabel;
  protected readonly statusLabel = runStatusLabel;
  protected readonly percent = percentOf;
  protected readonly plural = plural;
  protected readonly active = computed(() => isActive(this.run().status));
  /** "1 joined two speakers, 1 negation or number changed" */
  protected readonly invalidReasons = computed(() =>
    formatInvalidReasons(this.run().summary.invalidReasons ?? []),
  );
  protected readonly tokens = computed(() => {
    const u = this.run().usage;
    const total = u.promptTokens + u.completionTokens;
    return total
      ? `${plural(total, 'token')} (${u.promptTokens.toLocaleString('en-US')} in, ${u.completionTokens.toLocaleString('en-US')} out)`
      : 'No tokens used';
  });
  protected readonly cost = computed(() => `cost ${formatCost(this.run().usage.estimatedCostUsd)}`);
}
