import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import type { ExportFormat, ExportItemFragment } from '@verbatim/contracts';
import { toAppError } from '../../core/errors/app-error';
import { ExportsApi, FINISHED_EXPORT, exportStatusText } from './export-download';

export interface ExportChoice {
  format: ExportFormat;
  /** The button's text, e.g. `CSV` or `Excel (.xlsx)`. */
  label: string;
}

/**
 * Buttons that start an export, then the export's progress, its download, or why it failed
 * with a Retry. The file is made by a job on the server; this page may be left meanwhile (the
 * inbox says when it is ready, and the project page lists recent exports).
 */
@Component({
  selector: 'vb-export-control',
  template: `
    <div class="export" role="group" [attr.aria-label]="label()">
      <span class="export-label">{{ label() }}</span>
      @for (choice of formats(); track choice.format) {
        <button
          type="button"
          class="button button--small"
          [disabled]="running()"
          (click)="start(choice.format)"
        >
          {{ choice.label }}
        </button>
      }
    </div>
    <div class="export-status" role="status" aria-live="polite">
      @if (job(); as j) {
        <span>{{ statusText() }}</span>
        @if (j.status === 'QUEUED' || j.status === 'RUNNING') {
          <progress max="100" [value]="j.progress" [attr.aria-label]="'Progress of ' + j.filename">
            {{ j.progress }} %
          </progress>
        } @else if (j.status === 'READY') {
          <button type="button" class="button button--small button--primary" (click)="download(j)">
            Download {{ j.filename }}
          </button>
        } @else if (j.status === 'FAILED') {
          <button type="button" class="button button--small" (click)="retry(j)">Retry</button>
        }
      }
      @if (error(); as message) {
        <span class="field-error" role="alert">{{ message }}</span>
      }
    </div>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 0.35rem;
    }
    .export,
    .export-status {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.4rem;
    }
    .export-label {
      color: var(--muted);
      font-size: 0.9rem;
    }
    .export-status:empty {
      display: none;
    }
    progress {
      width: 8rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExportControl {
  /** What is exported, e.g. `Export these highlights`. */
  readonly label = input.required<string>();
  readonly formats = input.required<readonly ExportChoice[]>();
  /** Asks the api for the export (the mutation of its kind). */
  readonly request = input.required<(format: ExportFormat) => Promise<ExportItemFragment>>();
  /** How often a running export is asked about; it reports its progress as it goes. */
  readonly pollMs = input(1000);

  private readonly api = inject(ExportsApi);
  protected readonly job = signal<ExportItemFragment | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly running = computed(() => {
    const j = this.job();
    return !!j && !FINISHED_EXPORT.includes(j.status);
  });
  protected readonly statusText = computed(() => {
    const j = this.job();
    return j ? exportStatusText(j) : '';
  });
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stopPolling());
  }

  protected async start(format: ExportFormat): Promise<void> {
    await this.act(async () => this.follow(await this.request()(format)));
  }

  protected async retry(j: ExportItemFragment): Promise<void> {
    await this.act(async () => this.follow(await this.api.retry(j.id)));
  }

  protected async download(j: ExportItemFragment): Promise<void> {
    await this.act(() => this.api.download(j.id));
  }

  private follow(j: ExportItemFragment): void {
    this.job.set(j);
    this.stopPolling();
    if (FINISHED_EXPORT.includes(j.status)) return;
    this.timer = setTimeout(() => void this.poll(j.id), this.pollMs());
  }

  private async poll(id: string): Promise<void> {
    this.timer = null;
    try {
      const latest = await this.api.get(id);
      this.error.set(null);
      this.follow(latest);
    } catch (err) {
      // A lost connection: keep asking, a little slower; the inbox says when it is done.
      this.error.set(toAppError(err).message);
      this.timer = setTimeout(() => void this.poll(id), this.pollMs() * 3);
    }
  }

  private stopPolling(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async act(action: () => Promise<void>): Promise<void> {
    this.error.set(null);
    try {
      await action();
    } catch (err) {
      this.error.set(toAppError(err).message);
    }
  }
}
