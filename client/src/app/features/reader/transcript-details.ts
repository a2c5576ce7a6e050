import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import type { TranscriptSummaryFragment as TranscriptSummary } from '@verbatim/contracts';
import { UpdateTranscriptDetailsDocument as UPDATE_TRANSCRIPT_DETAILS } from '@verbatim/contracts/transcripts';
import { formatCalendarDay } from '../../shared/format';

type Details = Pick<TranscriptSummary, 'id' | 'title' | 'interviewDate'>;

/**
 * The transcript's title and interview day, as the reader's header shows them; editors fix what
 * the import got wrong (a file name for a title) or never knew (the day of the interview).
 */
@Component({
  selector: 'vb-transcript-details',
  template: `
    @if (editing()) {
      <form
        class="details-form"
        (submit)="$event.preventDefault(); save()"
        (keydown.escape)="cancel()"
      >
        <label for="transcript-title">Title</label>
        <input
          #title
          id="transcript-title"
          class="input"
          maxlength="300"
          required
          [value]="transcript().title"
          [disabled]="saving()"
        />
        <label for="transcript-date">Interview date</label>
        <input
          #date
          id="transcript-date"
          class="input input--compact"
          type="date"
          [value]="transcript().interviewDate ?? ''"
          [disabled]="saving()"
        />
        <div class="details-actions">
          <button type="submit" class="button button--small" [disabled]="saving()">Save</button>
          <button type="button" class="button button--quiet button--small" (click)="cancel()">
            Cancel
          </button>
        </div>
        @if (error(); as message) {
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
            (click)="open()"
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
  private readonly injector = inject(Injector);
  private readonly titleInput = viewChild<ElementRef<HTMLInputElement>>('title');
  private readonly dateInput = viewChild<ElementRef<HTMLInputElement>>('date');
  private readonly editButton = viewChild<ElementRef<HTMLButtonElement>>('edit');

  readonly transcript = input.required<Details>();
  readonly editable = input(false);
  readonly changed = output<Details>();

  protected readonly editing = signal(false);
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly day = computed(() => formatCalendarDay(this.transcript().interviewDate));

  protected open(): void {
    this.error.set(null);
    this.editing.set(true);
    afterNextRender(() => this.titleInput()?.nativeElement.focus(), { injector: this.injector });
  }

  protected cancel(): void {
    this.editing.set(false);
    afterNextRender(() => this.editButton()?.nativeElement.focus(), { injector: this.injector });
  }

  protected async save(): Promise<void> {
    const title = this.titleInput()?.nativeElement.value.trim() ?? '';
    if (!title) {
      this.error.set('A transcript needs a title.');
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    try {
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
      this.cancel();
    } catch (err) {
      this.error.set(toAppError(err).message);
    } finally {
      this.saving.set(false);
    }
  }
}
