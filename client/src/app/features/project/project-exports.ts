import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { Apollo } from 'apollo-angular';
import type { ExportItemFragment } from '@verbatim/contracts';
import { ExportProjectDocument, ProjectExportsDocument } from '@verbatim/contracts/exports';
import { firstValueFrom } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import { ExportsApi, exportStatusText } from '../../shared/exports/export-download';
import { type ExportChoice, ExportControl } from '../../shared/exports/export-control';
import { formatRelative } from '../../shared/format';

/**
 * The project's way out: the whole project for another QDA tool (REFI-QDA), and the exports
 * you asked for lately, with their downloads. An "export ready" notification lands here.
 */
@Component({
  selector: 'vb-project-exports',
  imports: [ExportControl],
  template: `
    <h2 id="exports-title">Exports</h2>
    <vb-export-control
      label="The whole project, for NVivo, ATLAS.ti, MAXQDA or QualCoder:"
      [formats]="projectFormats"
      [request]="exportProject"
    />
    @if (error(); as message) {
      <p class="field-error" role="alert">{{ message }}</p>
    }
    @if (recent().length) {
      <h3>Your recent exports</h3>
      <ul class="recent" aria-label="Your recent exports">
        @for (e of recent(); track e.id) {
          <li [class.focused]="e.id === focusId()" [attr.aria-current]="e.id === focusId() || null">
            <span class="name">{{ e.filename }}</span>
            <span class="muted">{{ relative(e.createdAt) }}</span>
            @if (e.status === 'READY') {
              <button
                type="button"
                class="button button--quiet button--small"
                (click)="download(e)"
              >
                Download
              </button>
            } @else {
              <span class="muted">{{ statusText(e) }}</span>
            }
          </li>
        }
      </ul>
    }
  `,
  styles: `
    h2 {
      margin-top: 0;
    }
    h3 {
      font-size: 0.95rem;
      margin: 1rem 0 0.4rem;
    }
    .recent {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.35rem;
    }
    .recent li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.4rem;
      padding: 0.2rem 0.35rem;
      border-radius: 6px;
    }
    .recent li.focused {
      background: var(--accent-soft, #eef3ff);
    }
    .name {
      overflow-wrap: anywhere;
      font-weight: 600;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProjectExports {
  readonly projectId = input.required<string>();
  /** An export to bring forward (from an "export ready" notification). */
  readonly focusId = input<string | null>(null);

  private readonly apollo = inject(Apollo);
  private readonly api = inject(ExportsApi);
  protected readonly recent = signal<readonly ExportItemFragment[]>([]);
  protected readonly error = signal<string | null>(null);
  protected readonly projectFormats: readonly ExportChoice[] = [
    { format: 'QDPX', label: 'REFI-QDA project (.qdpx)' },
  ];

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      untracked(() => void this.load(projectId));
    });
  }

  protected readonly exportProject = async () => {
    const result = await firstValueFrom(
      this.apollo.mutate({
        mutation: ExportProjectDocument,
        variables: { input: { projectId: this.projectId(), format: 'QDPX' } },
      }),
    );
    if (!result.data) throw new Error('The export could not be started.');
    const started = result.data.exportProject;
    this.recent.update((all) => [started, ...all.filter((e) => e.id !== started.id)]);
    return started;
  };

  protected statusText(e: ExportItemFragment): string {
    return exportStatusText(e);
  }

  protected relative(iso: string): string {
    return formatRelative(iso);
  }

  protected async download(e: ExportItemFragment): Promise<void> {
    this.error.set(null);
    try {
      await this.api.download(e.id);
    } catch (err) {
      this.error.set(toAppError(err).message);
    }
  }

  private async load(projectId: string): Promise<void> {
    try {
      const result = await firstValueFrom(
        this.apollo.query({
          query: ProjectExportsDocument,
          variables: { projectId, first: 10 },
          fetchPolicy: 'network-only',
        }),
      );
      this.recent.set(result.data?.exports.edges.map((e) => e.node) ?? []);
    } catch (err) {
      this.error.set(toAppError(err).message);
    }
  }
}
