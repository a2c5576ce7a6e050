import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import type {
  AnalysisProviderKind,
  AnalysisRunExchangesQuery,
  ThemeSuggestionProvider,
} from '@verbatim/contracts';
import { AnalysisRunExchangesDocument } from '@verbatim/contracts/analysis';
import { ThemeSuggestionRunExchangesDocument } from '@verbatim/contracts/boards';
import { formatBytes, prettyJson } from '../format';
import { type AuditPart, type AuditSource, AuditDownloader } from './audit-download';

type AnalysisExchange =
  AnalysisRunExchangesQuery['analysisRun']['exchanges']['edges'][number]['node'];

/** An audit entry as shown: what the request was for in `label` ("Part 2", "Embeddings"). */
type Exchange = Omit<AnalysisExchange, 'chunkIndex'> & { label: string };

interface ExchangePage {
  totalCount: number;
  pageInfo: { endCursor?: string | null; hasNextPage: boolean };
  nodes: Exchange[];
}

/** What each kind of run calls a request, and says when it ran offline. */
const SOURCES: Record<AuditSource, { summary: string; offline: string }> = {
  analysis: {
    summary: 'What was sent',
    offline: 'The offline tagger ran on this server; nothing was sent to any provider.',
  },
  themeSuggestions: {
    summary: 'What was sent to the AI provider',
    offline: 'These highlights were grouped on this server; nothing was sent to any provider.',
  },
};

const PURPOSES: Record<string, string> = { EMBEDDINGS: 'Embeddings', TITLES: 'Titles' };

/** Audit entries loaded at a time. */
const PAGE = 10;

/**
 * The audit of a run, for owners and editors, newest first: each request exactly as it went to
 * the provider (after redaction), where to, and what came back. Long bodies show their
 * beginning and can be downloaded whole. Shown as text, never as markup.
 */
@Component({
  selector: 'vb-exchanges-panel',
  template: `
    <details class="audit" (toggle)="onToggle($event)">
      <summary>{{ text().summary }}</summary>
      @if (provider() === 'OFFLINE') {
        <p class="muted">{{ text().offline }}</p>
      } @else if (error(); as message) {
        <p class="alert alert--error" role="alert">{{ message }}</p>
      } @else if (exchanges(); as list) {
        @if (downloadError(); as message) {
          <p class="alert alert--error" role="alert">{{ message }}</p>
        }
        @for (x of list; track x.id) {
          <section class="exchange" [attr.aria-label]="'Request for ' + x.label.toLowerCase()">
            <h4>
              {{ x.label }} · {{ x.model }} ·
              <code>{{ x.endpoint }}</code>
              @if (x.status !== null) {
                · HTTP {{ x.status }}
              }
            </h4>
            @if (x.error; as message) {
              <p class="field-error">{{ message }}</p>
            }
            <h5>Request</h5>
            <pre>{{ x.requestTruncated ? x.request + '…' : pretty(x.request) }}</pre>
            <p class="body-note">
              @if (x.requestTruncated) {
                Showing the beginning of {{ size(x.requestBytes) }}.
              }
              <button type="button" class="link" (click)="download(x, 'request')">
                Download full request
              </button>
            </p>
            <h5>Response</h5>
            @if (x.response === null) {
              <pre>(no response)</pre>
            } @else {
              <pre>{{ x.responseTruncated ? x.response + '…' : pretty(x.response) }}</pre>
              <p class="body-note">
                @if (!x.responseComplete) {
                  The answer was larger than the server reads; only its first
                  {{ size(x.responseBytes) }} were kept.
                } @else if (x.responseTruncated) {
                  Showing the beginning of {{ size(x.responseBytes) }}.
                }
                <button type="button" class="link" (click)="download(x, 'response')">
                  Download full response
                </button>
              </p>
            }
          </section>
        } @empty {
          <p class="muted">Nothing has been sent for this run.</p>
        }
        @if (list.length) {
          <p class="muted" role="status">Showing {{ list.length }} of {{ total() }} requests.</p>
        }
        @if (hasMore()) {
          <button
            type="button"
            class="button button--secondary button--small"
            [disabled]="loading()"
            (click)="loadMore()"
          >
            {{ loading() ? 'Loading…' : 'Load more' }}
          </button>
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
    .body-note {
      margin: 0.25rem 0 0;
      font-size: 0.8rem;
      color: var(--muted);
    }
    button.link {
      background: none;
      border: 0;
      padding: 0;
      color: var(--accent);
      text-decoration: underline;
      cursor: pointer;
      font: inherit;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExchangesPanel {
  private readonly apollo = inject(Apollo);
  private readonly downloader = inject(AuditDownloader);

  readonly runId = input.required<string>();
  readonly provider = input.required<AnalysisProviderKind | ThemeSuggestionProvider>();
  /** Whose audit this is: an analysis run's (the default) or a theme-suggestion run's. */
  readonly source = input<AuditSource>('analysis');

  protected readonly text = computed(() => SOURCES[this.source()]);
  protected readonly exchanges = signal<readonly Exchange[] | null>(null);
  protected readonly total = signal(0);
  protected readonly hasMore = signal(false);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly downloadError = signal<string | null>(null);
  protected readonly pretty = prettyJson;
  protected readonly size = formatBytes;
  private endCursor: string | null = null;

  protected onToggle(event: Event): void {
    const open = (event.target as HTMLDetailsElement).open;
    if (open && this.provider() !== 'OFFLINE' && !this.loading()) void this.load(null);
  }

  protected loadMore(): void {
    if (this.endCursor && !this.loading()) void this.load(this.endCursor);
  }

  protected async download(x: Exchange, part: AuditPart): Promise<void> {
    this.downloadError.set(await this.downloader.download(this.runId(), x.id, part, this.source()));
  }

  /** The first page (after: null) replaces what is shown; later pages are added below it. */
  private async load(after: string | null): Promise<void> {
    this.error.set(null);
    this.loading.set(true);
    try {
      const page = await this.fetchPage(after);
      const nodes = page?.nodes ?? [];
      this.exchanges.set(after ? [...(this.exchanges() ?? []), ...nodes] : nodes);
      this.total.set(page?.totalCount ?? 0);
      this.hasMore.set(page?.pageInfo.hasNextPage ?? false);
      this.endCursor = page?.pageInfo.endCursor ?? null;
    } catch (err) {
      this.error.set(toAppError(err).message);
    } finally {
      this.loading.set(false);
    }
  }

  /** One page of the run's audit, whichever kind of run it is. */
  private async fetchPage(after: string | null): Promise<ExchangePage | null> {
    const variables = { id: this.runId(), first: PAGE, after };
    if (this.source() === 'themeSuggestions') {
      const { data } = await firstValueFrom(
        this.apollo.query({
          query: ThemeSuggestionRunExchangesDocument,
          variables,
          fetchPolicy: 'no-cache',
        }),
      );
      const page = data?.themeSuggestionRun.exchanges;
      return page
        ? {
            ...page,
            nodes: page.edges.map(({ node: { purpose, ...x } }) => ({
              ...x,
              label: PURPOSES[purpose] ?? purpose,
            })),
          }
        : null;
    }
    const { data } = await firstValueFrom(
      this.apollo.query({
        query: AnalysisRunExchangesDocument,
        variables,
        fetchPolicy: 'no-cache',
      }),
    );
    const page = data?.analysisRun.exchanges;
    return page
      ? {
          ...page,
          nodes: page.edges.map(({ node: { chunkIndex, ...x } }) => ({
            ...x,
            label: `Part ${chunkIndex + 1}`,
          })),
        }
      : null;
  }
}
