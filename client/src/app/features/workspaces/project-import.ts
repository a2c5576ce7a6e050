import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import type { ProjectImportQuery } from '@verbatim/contracts';
import { ProjectImportDocument } from '@verbatim/contracts/exports';
import { firstValueFrom } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import { plural } from '../../shared/format';
import { TranscriptUploader } from '../project/upload-client';

type ImportJob = ProjectImportQuery['projectImport'];

const POLL_MS = 1000;
const ACCEPT = '.qdpx,.qdc';

/**
 * Brings a study over from another QDA tool: a REFI-QDA project (.qdpx) becomes a new project
 * with its transcripts, codes and codings; a codebook (.qdc) a new project with its codes.
 * What could not be brought over is listed, never dropped silently.
 */
@Component({
  selector: 'vb-project-import',
  imports: [RouterLink],
  template: `
    <h2 id="import-title">Import a project</h2>
    <p class="muted">
      From NVivo, ATLAS.ti, MAXQDA, QualCoder or Taguette: a REFI-QDA project (.qdpx) or codebook
      (.qdc). It becomes a new project here.
    </p>
    <div class="row">
      <label class="button button--secondary" [class.disabled]="busy()">
        Choose a .qdpx or .qdc file
        <input
          class="visually-hidden"
          type="file"
          [accept]="accept"
          [disabled]="busy()"
          (change)="choose($event)"
        />
      </label>
    </div>
    <div role="status" aria-live="polite" class="import-status">
      @if (uploadPercent() !== null) {
        <span>Uploading {{ fileName() }}… {{ uploadPercent() }} %</span>
      }
      @if (job(); as j) {
        @switch (j.status) {
          @case ('QUEUED') {
            <span>{{ fileName() }}: waiting to start…</span>
          }
          @case ('RUNNING') {
            <span>Importing {{ fileName() }}… {{ j.progress }} %</span>
            <progress max="100" [value]="j.progress"></progress>
          }
          @case ('READY') {
            <span>
              Imported {{ fileName() }}: {{ plural(j.counts.transcripts, 'transcript') }},
              {{ plural(j.counts.codes, 'code') }}, {{ plural(j.counts.codings, 'coding') }}.
            </span>
            @if (j.projectId) {
              <a class="button button--small" [routerLink]="['/p', j.projectId]"
                >Open the project</a
              >
            }
          }
          @case ('FAILED') {
            <span class="field-error" role="alert">
              {{ fileName() }} could not be imported: {{ j.error ?? 'the import failed.' }}
            </span>
          }
        }
      }
      @if (error(); as message) {
        <span class="field-error" role="alert">{{ message }}</span>
      }
    </div>
    @if (job()?.warnings?.length) {
      <details class="warnings" open>
        <summary>What could not be brought over ({{ job()!.warnings.length }})</summary>
        <ul>
          @for (w of job()!.warnings; track $index) {
            <li>{{ w.message }}</li>
          }
        </ul>
      </details>
    }
  `,
  styles: `
    h2 {
      margin-top: 0;
    }
    .row,
    .import-status {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
    }
    .import-status {
      margin-top: 0.5rem;
    }
    .disabled {
      opacity: 0.6;
      pointer-events: none;
    }
    .warnings {
      margin-top: 0.75rem;
    }
    .warnings ul {
      margin: 0.4rem 0 0;
      padding-left: 1.2rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProjectImport {
  readonly workspaceId = input.required<string>();
  /** The new project, once its import is done. */
  readonly imported = output<string>();

  private readonly apollo = inject(Apollo);
  private readonly uploader = inject(TranscriptUploader);
  protected readonly accept = ACCEPT;
  protected readonly plural = plural;
  protected readonly fileName = signal('');
  protected readonly uploadPercent = signal<number | null>(null);
  protected readonly job = signal<ImportJob | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  private readonly abort = new AbortController();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.abort.abort();
      if (this.timer) clearTimeout(this.timer);
    });
  }

  protected async choose(event: Event): Promise<void> {
    const field = event.target as HTMLInputElement;
    const file = field.files?.[0];
    field.value = '';
    if (!file) return;
    this.fileName.set(file.name);
    this.job.set(null);
    this.error.set(null);
    if (!/\.(qdpx|qdc)$/i.test(file.name)) {
      this.error.set('Choose a REFI-QDA file: a project (.qdpx) or a codebook (.qdc).');
      return;
    }
    this.busy.set(true);
    this.uploadPercent.set(0);
    const outcome = await this.uploader.post(
      `/api/workspaces/${encodeURIComponent(this.workspaceId())}/imports`,
      file,
      (loaded, total) => this.uploadPercent.set(total ? Math.round((100 * loaded) / total) : 0),
      this.abort.signal,
    );
    this.uploadPercent.set(null);
    if (outcome.kind === 'created') {
      await this.poll(outcome.id);
    } else {
      this.busy.set(false);
      if (outcome.kind === 'failed' || outcome.kind === 'duplicate')
        this.error.set(outcome.message);
    }
  }

  private async poll(id: string): Promise<void> {
    this.timer = null;
    try {
      const result = await firstValueFrom(
        this.apollo.query({
          query: ProjectImportDocument,
          variables: { id },
          fetchPolicy: 'network-only',
        }),
      );
      const job = result.data?.projectImport ?? null;
      this.job.set(job);
      this.error.set(null);
      if (job && (job.status === 'READY' || job.status === 'FAILED')) {
        this.busy.set(false);
        if (job.status === 'READY' && job.projectId) this.imported.emit(job.projectId);
        return;
      }
    } catch (err) {
      this.error.set(toAppError(err).message);
    }
    this.timer = setTimeout(() => void this.poll(id), POLL_MS);
  }
}
