import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  afterNextRender,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { Router } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import { CreateInsightDocument } from '@verbatim/contracts/insights';
import { MAX_BODY, MAX_TITLE } from './insight-editor';

export interface ProjectChoice {
  id: string;
  name: string;
}

/** "New insight": a project, the finding as a title, and its argument; opens it once made. */
@Component({
  selector: 'vb-new-insight',
  template: `
    <form
      class="new-insight"
      (submit)="$event.preventDefault(); create()"
      (keydown.escape)="cancelled.emit()"
    >
      <h2 id="new-insight-title">New insight</h2>
      <div class="row">
        <div class="field">
          <label for="new-insight-project">Project</label>
          <select
            #projectField
            id="new-insight-project"
            class="input"
            (change)="projectId.set($any($event.target).value)"
          >
            @for (p of projects(); track p.id) {
              <option [value]="p.id" [selected]="p.id === projectId()">{{ p.name }}</option>
            }
          </select>
        </div>
        <div class="field grow">
          <label for="new-insight-name">Finding</label>
          <input
            id="new-insight-name"
            class="input"
            autocomplete="off"
            [maxLength]="maxTitle"
            placeholder="e.g. Small teams stall at setup without a guide"
            [value]="title()"
            (input)="title.set($any($event.target).value)"
          />
        </div>
      </div>
      <div class="field">
        <label for="new-insight-body"
          >Argument <span class="muted">(Markdown, optional)</span></label
        >
        <textarea
          id="new-insight-body"
          class="textarea"
          rows="5"
          [maxLength]="maxBody"
          [value]="body()"
          (input)="body.set($any($event.target).value)"
        ></textarea>
      </div>
      @if (error(); as message) {
        <p class="field-error" role="alert">{{ message }}</p>
      }
      <div class="actions">
        <button type="submit" class="button" [disabled]="busy()">
          {{ busy() ? 'Creating…' : 'Create insight' }}
        </button>
        <button type="button" class="button button--quiet" (click)="cancelled.emit()">
          Cancel
        </button>
      </div>
      <p class="field-hint">
        It starts as a draft; add evidence on its page, or from the Tag view with “Add to insight”.
      </p>
    </form>
  `,
  styles: `
    h2 {
      margin: 0 0 0.75rem;
      font-size: 1.1rem;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0 1rem;
    }
    .grow {
      flex: 1 1 20rem;
    }
    .actions {
      display: flex;
      gap: 0.5rem;
      margin-bottom: 0.5rem;
    }
    .field-hint {
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewInsight {
  private readonly apollo = inject(Apollo);
  private readonly router = inject(Router);
  private readonly projectField = viewChild<ElementRef<HTMLSelectElement>>('projectField');

  /** Projects the user may write in. */
  readonly projects = input.required<readonly ProjectChoice[]>();
  readonly initialProjectId = input<string | null>(null);
  readonly cancelled = output<void>();

  protected readonly maxTitle = MAX_TITLE;
  protected readonly maxBody = MAX_BODY;
  protected readonly projectId = signal('');
  protected readonly title = signal('');
  protected readonly body = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    afterNextRender(() => {
      const projects = this.projects();
      const initial = this.initialProjectId();
      this.projectId.set(projects.find((p) => p.id === initial)?.id ?? projects[0]?.id ?? '');
      this.projectField()?.nativeElement.focus();
    });
  }

  protected async create(): Promise<void> {
    const projectId = this.projectId();
    const title = this.title().trim();
    this.error.set(null);
    if (!projectId) {
      this.error.set('Choose the project the insight belongs to.');
      return;
    }
    if (!title) {
      this.error.set('Write the finding in one sentence: it is the insight’s title.');
      return;
    }
    this.busy.set(true);
    try {
      const { data } = await firstValueFrom(
        this.apollo.mutate({
          mutation: CreateInsightDocument,
          variables: { input: { projectId, title, body: this.body().trim() || null } },
        }),
      );
      const created = data?.createInsight;
      if (created) await this.router.navigate(['/p', created.projectId, 'insights', created.id]);
    } catch (err) {
      this.error.set(toAppError(err).message);
    } finally {
      this.busy.set(false);
    }
  }
}
