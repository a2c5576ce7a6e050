import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import { ANALYSIS_RUN_EXCHANGES, type AnalysisExchange } from '../../graphql/analysis';
import type { AnalysisProviderKind } from '../../graphql/types';
import { prettyJson } from './analysis-format';

/**
 * The audit of a run, for owners and editors: each request exactly as it went to the provider
 * (after redaction), where to, and what came back. Shown as text, never as markup.
 */
@Component({
  selector: 'vb-exchanges-panel',
  template: `
    <details class="audit" (toggle)="onToggle($event)">
      <summary>What was sent</summary>
      @if (provider() === 'OFFLINE') {
        <p class="muted">
          The offline tagger ran on this server; nothing was sent to any provider.
        </p>
      } @else if (error(); as message) {
        <p class="alert alert--error" role="alert">{{ message }}</p>
      } @else if (exchanges(); as list) {
        @for (x of list; track x.id) {
          <section class="exchange" [attr.aria-label]="'Request for chunk ' + (x.chunkIndex + 1)">
            <h4>
              Chunk {{ x.chunkIndex + 1 }} · {{ x.model }} ·
              <code>{{ x.endpoint }}</code>
            </h4>
            @if (x.error; as message) {
              <p class="field-error">{{ message }}</p>
            }
            <h5>Request</h5>
            <pre>{{ pretty(x.request) }}</pre>
            <h5>Response</h5>
            <pre>{{ x.response === null ? '(no response)' : pretty(x.response) }}</pre>
          </section>
        } @empty {
          <p class="muted">Nothing has been sent for this run.</p>
        }
      } @else {
        <p class="muted" role="status">Loading…</p>
      }
    </details>
  `,
  styles: `
    :host {
      display: block;
    }
    summary {
      cursor: pointer;
      font-weight: 600;
    }
    .exchange {
      margin-top: 0.75rem;
      padding-top: 0.5rem;
      border-top: 1px solid var(--border);
    }
    h4 {
      font-size: 0.9rem;
      margin-bottom: 0.25rem;
    }
    h5 {
      font-size: 0.8rem;
      text-transform: uppercase;
      letter-spacing: 0.04em;
      color: var(--muted);
      margin: 0.5rem 0 0.2rem;
    }
    pre {
      max-height: 24rem;
      overflow: auto;
      margin: 0;
      padding: 0.6rem 0.75rem;
      background: var(--surface-muted);
      border: 1px solid var(--border);
      border-radius: var(--radius);
      font-family: var(--font-mono);
      font-size: 0.8rem;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExchangesPanel {
  private readonly apollo = inject(Apollo);

  readonly runId = input.required<string>();
  readonly provider = input.required<AnalysisProviderKind>();

  protected readonly exchanges = signal<readonly AnalysisExchange[] | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly pretty = prettyJson;

  protected onToggle(event: Event): void {
    const open = (event.target as HTMLDetailsElement).open;
    if (open && this.provider() !== 'OFFLINE') void this.load();
  }

  private async load(): Promise<void> {
    this.error.set(null);
    try {
      const { data } = await firstValueFrom(
        this.apollo.query({
          query: ANALYSIS_RUN_EXCHANGES,
          variables: { id: this.runId() },
          fetchPolicy: 'no-cache',
        }),
      );
      this.exchanges.set(data?.analysisRun.exchanges ?? []);
    } catch (err) {
      this.error.set(toAppError(err).message);
    }
  }
}
