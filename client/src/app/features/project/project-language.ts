import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import type { ProjectFragment as Project } from '@verbatim/contracts';
import { UpdateProjectLanguageDocument } from '@verbatim/contracts/projects';
import { languageName, withCurrent } from '../../shared/language/language-names';
import { SearchLanguages } from '../../shared/language/search-languages';

const NONE = '';

/**
 * The project's default transcript language: what search stems transcripts in when their file
 * declares no language and their text is too short or mixed to detect one. Editors change it;
 * the transcripts that follow it are re-indexed in the background.
 */
@Component({
  selector: 'vb-project-language',
  template: `
    <h2 id="language-title">Search language</h2>
    <p class="muted hint">
      Verbatim detects each transcript's language so that search finds other forms of a word
      ("spreadsheet" finds "spreadsheets"). Transcripts too short or mixed to detect use this.
    </p>
    @if (editable()) {
      <label class="field">
        <span>Default language</span>
        <select [disabled]="saving()" (change)="choose($event)">
          <option [value]="none" [selected]="selected() === none">None (no stemming)</option>
          @for (option of options(); track option.code) {
            <option [value]="option.code" [selected]="selected() === option.code">
              {{ option.name }}
            </option>
          }
        </select>
      </label>
    } @else {
      <p data-testid="default-language">
        Default language: {{ current() ? name(current()!) : 'none' }}
      </p>
    }
    @if (error(); as message) {
      <p class="alert alert--error" role="alert">{{ message }}</p>
    }
    <p class="muted" role="status">{{ saved() }}</p>
  `,
  styles: `
    .hint {
      font-size: 0.85rem;
    }
    .field {
      display: grid;
      gap: 0.3rem;
    }
    .field select {
      font: inherit;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProjectLanguage {
  private readonly apollo = inject(Apollo);
  private readonly searchLanguages = inject(SearchLanguages);

  readonly project = input.required<Project>();
  readonly editable = input(false);
  readonly changed = output<Project>();

  protected readonly none = NONE;
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly saved = signal('');
  private readonly override = signal<{ id: string; language: string | null } | null>(null);
  protected readonly current = computed(() => {
    const o = this.override();
    const p = this.project();
    return o && o.id === p.id ? o.language : p.defaultLanguage;
  });
  protected readonly selected = computed(() => this.current() ?? NONE);
  protected readonly options = computed(() =>
    withCurrent(this.searchLanguages.languages(), this.current()),
  );

  protected name(code: string): string {
    return languageName(code, this.searchLanguages.languages());
  }

  protected async choose(event: Event): Promise<void> {
    const value = (event.target as HTMLSelectElement).value;
    const defaultLanguage = value === NONE ? null : value;
    this.saving.set(true);
    this.error.set(null);
    this.saved.set('');
    try {
      const result = await firstValueFrom(
        this.apollo.mutate({
          mutation: UpdateProjectLanguageDocument,
          variables: { id: this.project().id, defaultLanguage },
        }),
      );
      this.override.set({ id: this.project().id, language: defaultLanguage });
      if (result.data) this.changed.emit(result.data.updateProject);
      this.saved.set(
        `Saved. Transcripts without a language of their own are being re-indexed in ${
          defaultLanguage ? this.name(defaultLanguage) : 'no language'
        }.`,
      );
    } catch (err) {
      this.error.set(toAppError(err).message);
    } finally {
      this.saving.set(false);
    }
  }
}
