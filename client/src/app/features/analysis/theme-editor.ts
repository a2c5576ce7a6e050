import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  inject,
  input,
  output,
  viewChild,
} from '@angular/core';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import type { AnalysisRunFragment } from '@verbatim/contracts';
import { UpdateProposedThemeDocument } from '@verbatim/contracts/analysis';
import { inlineEdit } from '../../shared/inline-edit/inline-edit';

type ProposedTheme = AnalysisRunFragment['themes'][number];

/**
 * A proposed theme as a draft code: its name and definition, which an editor rewrites before
 * accepting its quotes (the tag an accept creates takes them).
 */
@Component({
  selector: 'vb-theme-editor',
  template: `
    @if (editor.editing()) {
      <form
        class="theme-form"
        (submit)="$event.preventDefault(); save()"
        (keydown.escape)="editor.close()"
      >
        <label [for]="id('name')">Theme name</label>
        <input
          #name
          class="input input--compact"
          [id]="id('name')"
          maxlength="100"
          required
          [value]="theme().name"
          [disabled]="editor.saving()"
        />
        <label [for]="id('definition')">Definition</label>
        <textarea
          #definition
          class="input"
          rows="2"
          maxlength="2000"
          [id]="id('definition')"
          [value]="theme().definition ?? ''"
          [disabled]="editor.saving()"
        ></textarea>
        <div class="theme-actions">
          <button type="submit" class="button button--small" [disabled]="editor.saving()">
            Save theme
          </button>
          <button type="button" class="button button--quiet button--small" (click)="editor.close()">
            Cancel
          </button>
        </div>
        @if (editor.error(); as message) {
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
          (click)="editor.open()"
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
  private readonly nameInput = viewChild<ElementRef<HTMLInputElement>>('name');
  private readonly definitionInput = viewChild<ElementRef<HTMLTextAreaElement>>('definition');
  private readonly editButton = viewChild<ElementRef<HTMLButtonElement>>('edit');

  readonly runId = input.required<string>();
  readonly theme = input.required<ProposedTheme>();
  readonly saved = output<void>();

  protected readonly editor = inlineEdit({ field: this.nameInput, edit: this.editButton });

  protected id(part: string): string {
    return `theme-${part}-${this.theme().name.replace(/\W+/g, '-')}`;
  }

  protected async save(): Promise<void> {
    const newName = this.nameInput()?.nativeElement.value.trim() ?? '';
    const saved = await this.editor.save(
      newName ? null : 'A theme needs a name.',
      () =>
        firstValueFrom(
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
        ),
      // The list shows the theme anew; its Edit button is another one.
      { refocus: false },
    );
    if (saved) this.saved.emit();
  }
}
