import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  computed,
  inject,
  input,
  output,
  viewChild,
} from '@angular/core';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import type { TranscriptSummaryFragment as TranscriptSummary } from '@verbatim/contracts';
import { UpdateTranscriptDetailsDocument as UPDATE_TRANSCRIPT_DETAILS } from '@verbatim/contracts/transcripts';
import { formatCalendarDay } from '../../shared/format';
import { inlineEdit } from '../../shared/inline-edit/inline-edit';

type Details = Pick<TranscriptSummary, 'id' | 'title' | 'interviewDate'>;

/**
 * The transcript's title and interview day, as the reader's header shows them; editors fix what
 * the import got wrong (a file name for a title) or never knew (the day of the interview).
 */
@Component({
  selector: 'vb-transcript-details',
  template: `
    @if (editor.editing()) {
      <form
        class="details-form"
        (submit)="$event.preventDefault(); save()"
        (keydown.escape)="editor.close()"
      >
        <label for="transcript-title">Title</label>
        <input
          #title
          id="transcript-title"
          class="input"
          maxlength="300"
          required
          [value]="transcript().title"
          [disabled]="editor.saving()"
        />
        <label for="transcript-date">Interview date</label>
        <input
          #date
          id="transcript-date"
          class="input input--compact"
          type="date"
          [value]="transcript().interviewDate ?? ''"
          [disabled]="editor.saving()"
        />
        <div class="details-actions">
          <button type="submit" class="button button--small" [disabled]="editor.saving()">
            Save
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
      <div class="details">
        <h1>{{ transcript().title }}</h1>
        @if (editable()) {
          <button
            #edit
            type="button"
            class="button button--quiet button--small"
            [attr.aria-label]="'Edit details: title and interview date of ' + transcript().title"
            (click)="editor.open()"
          >
            Edit details
          </button>
        }
      </div>
      @if (day(); as when) {
        <p class="interview-day">Interviewed {{ when }}</p>
      }
    }
  `,
  styles: `
    .details {
      display: flex;
      align-items: baseline;
      flex-wrap: wrap;
      gap: 0.25rem 0.75rem;
    }
    h1 {
      font-family: var(--font-read);
      font-size: 1.75rem;
      font-weight: 600;
      margin: 0 0 0.4rem;
    }
    .interview-day {
      margin: 0 0 0.3rem;
      color: var(--muted);
      font-size: 0.9rem;
    }
    .details-form {
      display: grid;
      grid-template-columns: auto minmax(0, 28rem);
      align-items: center;
      gap: 0.5rem 0.75rem;
      margin-bottom: 0.75rem;
    }
    .details-actions,
    .field-error {
      grid-column: 2;
      display: flex;
      gap: 0.4rem;
      margin: 0;
    }
    @media (max-width: 40rem) {
      h1 {
        font-size: 1.4rem;
      }
      .details-form {
        grid-template-columns: minmax(0, 1fr);
      }
      .details-actions,
      .field-error {
        grid-column: 1;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TranscriptDetails {
  private readonly apollo = inject(Apollo);
  private readonly titleInput = viewChild<ElementRef<HTMLInputElement>>('title');
  private readonly dateInput = viewChild<ElementRef<HTMLInputElement>>('date');
  private readonly editButton = viewChild<ElementRef<HTMLButtonElement>>('edit');

  readonly transcript = input.required<Details>();
  readonly editable = input(false);
  readonly changed = output<Details>();

  protected readonly editor = inlineEdit({ field: this.titleInput, edit: this.editButton });
  protected readonly day = computed(() => formatCalendarDay(this.transcript().interviewDate));

  protected async save(): Promise<void> {
    const title = this.titleInput()?.nativeElement.value.trim() ?? '';
    await this.editor.save(title ? null : 'A transcript needs a title.', async () => {
      const { data } = await firstValueFrom(
        this.apollo.mutate({
          mutation: UPDATE_TRANSCRIPT_DETAILS,
          variables: {
            id: this.transcript().id,
            title,
            interviewDate: this.dateInput()?.nativeElement.value ?? '',
          },
        }),
      );
      if (data) this.changed.emit(data.updateTranscript);
    });
  }
}
