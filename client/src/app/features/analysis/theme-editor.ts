import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  Injector,
  afterNextRender,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import type { AnalysisRunFragment } from '@verbatim/contracts';
import { UpdateProposedThemeDocument } from '@verbatim/contracts/analysis';

type ProposedTheme = AnalysisRunFragment['themes'][number];

/**
 * A proposed theme as a draft code: its name and definition, which an editor rewrites before
 * accepting its quotes (the tag an accept creates takes them).
 */
@Component({
  selector: 'vb-theme-editor',
  template: `
    @if (editing()) {
      <form
        class="theme-form"
        (submit)="$event.preventDefault(); save()"
        (keydown.escape)="close()"
      >
        <label [for]="id('name')">Theme name</label>
        <input
          #name
          class="input input--compact"
          [id]="id('name')"
          maxlength="100"
          required
          [value]="theme().name"
          [disabled]="saving()"
        />
        <label [for]="id('definition')">Definition</label>
        <textarea
          #definition
          class="input"
          rows="2"
          maxlength="2000"
          [id]="id('definition')"
          [value]="theme().definition ?? ''"
          [disabled]="saving()"
        ></textarea>
        <div class="theme-actions">
          <button type="submit" class="button button--small" [disabled]="saving()">
            Save theme
          </button>
          <button type="button" class="button button--quiet button--small" (click)="close()">
            Cancel
          </button>
        </div>
        @if (error(); as message) {
          <p class="field-error" role="alert">{{ message }}</p>
        }
      </form>
    } @else {
      <div class="theme-view">
        <strong>{{ theme().name }}</strong>
        <span class="definition">{{ theme().definition }}</span>
        <button
          #edit
          type="button"
          class="button button--quiet button--small"
          [attr.aria-label]="'Edit theme ' + theme().name"
          (click)="open()"
        >
          Edit
        </button>
      </div>
    }
  `,
  styles: `
    .theme-view {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.25rem 0.75rem;
    }
    .definition {
      color: var(--muted);
      flex: 1 1 16rem;
    }
    .theme-form {
      display: grid;
      grid-template-columns: auto minmax(0, 1fr);
      gap: 0.4rem 0.6rem;
      align-items: center;
    }
    .theme-actions,
    .field-error {
      grid-column: 2;
      display: flex;
      gap: 0.4rem;
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ThemeEditor {
  private readonly apollo = inject(Apollo);
  private readonly injector = inject(Injector);
  private readonly nameInput = viewChild<ElementRef<HTMLInputElement>>('name');
  private readonly definitionInput = viewChild<ElementRef<HTMLTextAreaElement>>('definition');
  private readonly editButton = viewChild<ElementRef<HTMLButtonElement>>('edit');

  readonly runId = input.required<string>();
  readonly theme = input.required<ProposedTheme>();
  readonly saved = output<void>();

  protected readonly editing = signal(false);
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  protected id(part: string): string {
    return `theme-${part}-${this.theme().name.replace(/\W+/g, '-')}`;
  }

  protected open(): void {
    this.error.set(null);
    this.editing.set(true);
    afterNextRender(() => this.nameInput()?.nativeElement.focus(), { injector: this.injector });
  }

  protected close(): void {
    this.editing.set(false);
    afterNextRender(() => this.editButton()?.nativeElement.focus(), { injector: this.injector });
  }

  protected async save(): Promise<void> {
    const newName = this.nameInput()?.nativeElement.value.trim() ?? '';
    if (!newName) {
      this.error.set('A theme needs a name.');
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    try {
      await firstValueFrom(
        this.apollo.mutate({
          mutation: UpdateProposedThemeDocument,
          variables: {
            input: {
              runId: this.runId(),
              name: this.theme().name,
              newName,
              definition: this.definitionInput()?.nativeElement.value ?? '',
            },
          },
        }),
      );
      this.editing.set(false);
      this.saved.emit();
    } catch (err) {
      this.error.set(toAppError(err).message);
    } finally {
      this.saving.set(false);
    }
  }
}
