import {
  ChangeDetectionStrategy,
  Component,
  computed,
  afterNextRender,
  type ElementRef,
  inject,
  Injector,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import type { TranscriptSummaryFragment as TranscriptSummary } from '@verbatim/contracts';
import { UpdateTranscriptLanguageDocument } from '@verbatim/contracts/transcripts';
import { languageLabel, withCurrent } from './language-names';
import { SearchLanguages } from './search-languages';

type LanguageFields = Pick<TranscriptSummary, 'id' | 'title' | 'language' | 'languageSource'>;

/** The select's value for "let Verbatim choose" (detect, else the file's, else the default). */
const AUTOMATIC = '';

/**
 * A transcript's language and where it comes from ("Detected: German"); editors change it with
 * a labelled select of the languages search can stem, or go back to "Detect automatically".
 * The change re-indexes the transcript, so search then finds the stemmed forms.
 */
@Component({
  selector: 'vb-transcript-language',
  template: `
    <span class="language" [attr.data-language]="transcript().language ?? ''">
      <span class="language__label" data-testid="language-label">{{ label() }}</span>
      @if (editable()) {
        @if (open()) {
          <label class="visually-hidden" [attr.for]="selectId()">
            Language of {{ transcript().title }}
          </label>
          <select
            #picker
            class="language__select"
            [id]="selectId()"
            [disabled]="saving()"
            (change)="choose($event)"
            (keydown.escape)="close()"
          >
            <option [value]="automatic" [selected]="selected() === automatic">
              Detect automatically
            </option>
            @for (option of options(); track option.code) {
              <option [value]="option.code" [selected]="selected() === option.code">
                {{ option.name }}
              </option>
            }
          </select>
          <button type="button" class="button button--quiet button--small" (click)="close()">
            Done
          </button>
        } @else {
          <button
            type="button"
            class="button button--quiet button--small"
            [attr.aria-label]="'Change the language of ' + transcript().title"
            (click)="change()"
          >
            Change
          </button>
        }
      }
      @if (error(); as message) {
        <span class="error-text" role="alert">{{ message }}</span>
      }
      @if (saving()) {
        <span class="visually-hidden" role="status">Re-indexing…</span>
      }
    </span>
  `,
  styles: `
    .language {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.35rem 0.5rem;
    }
    .language__label {
      color: var(--muted);
      font-size: 0.85rem;
    }
    .language__select {
      font: inherit;
      font-size: 0.85rem;
      max-width: 9rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TranscriptLanguage {
  private readonly apollo = inject(Apollo);
  private readonly injector = inject(Injector);
  private readonly searchLanguages = inject(SearchLanguages);

  readonly transcript = input.required<LanguageFields>();
  /** Editors and owners may change it; everyone else reads it. */
  readonly editable = input(false);

  protected readonly automatic = AUTOMATIC;
  /** The select is shown only while changing (keeps the page free of controls nobody asked for). */
  protected readonly open = signal(false);
  private readonly picker = viewChild<ElementRef<HTMLSelectElement>>('picker');
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);
  /** The transcript's new language (the Apollo cache updates lists; the reader keeps its own copy). */
  readonly changed = output<Pick<LanguageFields, 'id' | 'language' | 'languageSource'>>();

  private readonly current = computed(() => this.transcript());
  protected readonly selectId = computed(() => `language-${this.transcript().id}`);
  protected readonly options = computed(() =>
    withCurrent(this.searchLanguages.languages(), this.current().language),
  );
  protected readonly label = computed(() => {
    const t = this.current();
    return languageLabel(t.language, t.languageSource, this.searchLanguages.languages());
  });
  protected readonly selected = computed(() => {
    const t = this.current();
    return t.languageSource === 'MANUAL' && t.language ? t.language : AUTOMATIC;
  });

  /** Shows the select and puts the keyboard focus on it once it is in the page. */
  protected change(): void {
    this.open.set(true);
    afterNextRender(
      { write: () => this.picker()?.nativeElement.focus() },
      { injector: this.injector },
    );
  }

  protected close(): void {
    this.open.set(false);
  }

  protected async choose(event: Event): Promise<void> {
    const value = (event.target as HTMLSelectElement).value;
    this.saving.set(true);
    this.error.set(null);
    try {
      const result = await firstValueFrom(
        this.apollo.mutate({
          mutation: UpdateTranscriptLanguageDocument,
          variables: { id: this.transcript().id, language: value === AUTOMATIC ? null : value },
        }),
      );
      if (result.data) this.changed.emit(result.data.updateTranscript);
      this.open.set(false);
    } catch (err) {
      this.error.set(toAppError(err).message);
    } finally {
      this.saving.set(false);
    }
  }
}
