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
import { Apollo } from 'apollo-angular';
import { type Observable, firstValueFrom } from 'rxjs';
import { type AppError, toAppError } from '../../core/errors/app-error';
import type {
  CorrectSegmentMutation,
  MergeSegmentsMutation,
  ParticipantFragment as Participant,
  SplitSegmentMutation,
} from '@verbatim/contracts';
import {
  CorrectSegmentDocument as CORRECT_SEGMENT,
  MergeSegmentsDocument as MERGE_SEGMENTS,
  SplitSegmentDocument as SPLIT_SEGMENT,
} from '@verbatim/contracts/highlights';
import type { Turn } from './turns';

type SegmentCorrection = CorrectSegmentMutation['correctSegment'];
type SegmentMerge = MergeSegmentsMutation['mergeSegments'];
type SegmentSplit = SplitSegmentMutation['splitSegment'];

/**
 * An editor fixes one turn's text or speaker, splits it at the cursor, or merges it with the next
 * turn; highlights in it are re-anchored by the api.
 */
@Component({
  selector: 'vb-turn-editor',
  template: `
    <form class="editor" (submit)="$event.preventDefault(); save()" (keydown)="onKey($event)">
      <label class="visually-hidden" [for]="'turn-speaker-' + turn().id">Speaker</label>
      <select
        class="input input--compact"
        [id]="'turn-speaker-' + turn().id"
        [value]="participantId()"
        (change)="participantId.set($any($event.target).value)"
      >
        @for (p of participants(); track p.id) {
          <option [value]="p.id" [selected]="p.id === participantId()">
            {{ p.displayName || p.label }}
          </option>
        }
      </select>
      <label class="visually-hidden" [for]="'turn-text-' + turn().id">Turn text</label>
      <textarea
        #field
        class="input"
        rows="4"
        [id]="'turn-text-' + turn().id"
        [value]="text()"
        (input)="text.set($any($event.target).value)"
      ></textarea>
      @if (error(); as message) {
        <p class="field-error" role="alert">{{ message }}</p>
      }
      <div class="actions">
        <button type="submit" class="button button--small" [disabled]="busy() || !text().trim()">
          Save correction
        </button>
        <button type="button" class="button button--quiet button--small" (click)="cancelled.emit()">
          Cancel
        </button>
        <button
          type="button"
          class="button button--secondary button--small"
          [attr.aria-describedby]="'turn-split-hint-' + turn().id"
          [disabled]="busy()"
          (click)="splitHere()"
        >
          Split here
        </button>
        <button
          type="button"
          class="button button--secondary button--small"
          [disabled]="busy() || !hasNext()"
          (click)="mergeWithNext()"
        >
          Merge with next turn
        </button>
      </div>
      <p class="visually-hidden" [id]="'turn-split-hint-' + turn().id">
        Splits the turn where the cursor is in its text; the rest becomes the next turn.
      </p>
    </form>
  `,
  styles: `
    .editor {
      display: flex;
      flex-direction: column;
      gap: 0.4rem;
      padding-left: 0.5rem;
    }
    .editor select {
      align-self: flex-start;
    }
    .editor textarea {
      font-family: var(--font-read);
      font-size: 1.05rem;
      line-height: 1.5;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TurnEditor {
  private readonly apollo = inject(Apollo);

  readonly turn = input.required<Turn>();
  readonly participants = input.required<readonly Participant[]>();
  /** Whether a turn follows this one, and its id when the reader has loaded it. */
  readonly hasNext = input(false);
  readonly nextId = input<string | null>(null);
  readonly saved = output<SegmentCorrection>();
  readonly split = output<SegmentSplit>();
  readonly merged = output<SegmentMerge>();
  readonly cancelled = output<void>();

  protected readonly text = signal('');
  protected readonly participantId = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  /**
   * The turn's text the correction is made on: the text the editor opened with, or a colleague's
   * newer text once a save was refused because of it (saving again then replaces theirs knowingly).
   */
  private readonly baseline = signal<string | null>(null);
  private readonly field = viewChild.required<ElementRef<HTMLTextAreaElement>>('field');

  constructor() {
    afterNextRender(() => {
      this.text.set(this.turn().text);
      this.baseline.set(this.turn().text);
      this.participantId.set(this.turn().participantId ?? '');
      this.field().nativeElement.focus();
    });
  }

  protected onKey(event: KeyboardEvent): void {
    event.stopPropagation();
    if (event.key === 'Escape') this.cancelled.emit();
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.save();
    }
  }

  protected save(): void {
    const turn = this.turn();
    const text = this.text();
    const participantId = this.participantId() || null;
    this.run(
      this.apollo.mutate({
        mutation: CORRECT_SEGMENT,
        variables: {
          input: {
            segmentId: turn.id,
            text: text !== turn.text ? text : null,
            participantId: participantId !== turn.participantId ? participantId : null,
            // The text it was opened on: the turn itself may have been patched live since.
            expectedText: this.baseline() ?? turn.text,
          },
        },
      }),
      (data) => this.saved.emit(data.correctSegment),
      (error) => {
        const current = error.details?.['currentText'];
        if (error.code !== 'CONFLICT' || typeof current !== 'string') return false;
        this.baseline.set(current);
        this.error.set(
          `${error.message} It now reads: “${current}”. Save again to replace it with your text.`,
        );
        return true;
      },
    );
  }

  /** Splits the turn as saved at the cursor's place in the text. */
  protected splitHere(): void {
    const turn = this.turn();
    if (!this.unchanged()) return;
    const offset = this.field().nativeElement.selectionStart;
    if (!turn.text.slice(0, offset).trim() || !turn.text.slice(offset).trim()) {
      this.error.set(
        'Put the cursor in the text where the new turn should start, then Split here.',
      );
      return;
    }
    this.run(
      this.apollo.mutate({
        mutation: SPLIT_SEGMENT,
        variables: { input: { segmentId: turn.id, offset } },
      }),
      (data) => this.split.emit(data.splitSegment),
    );
  }

  protected mergeWithNext(): void {
    if (!this.unchanged()) return;
    this.run(
      this.apollo.mutate({
        mutation: MERGE_SEGMENTS,
        variables: { input: { firstSegmentId: this.turn().id, secondSegmentId: this.nextId() } },
      }),
      (data) => this.merged.emit(data.mergeSegments),
    );
  }

  /** A split or merge acts on the turn as saved, so an unsaved correction comes first. */
  private unchanged(): boolean {
    const same = this.text() === this.turn().text;
    if (!same)
      this.error.set('Save or cancel the correction first: turns are split and merged as saved.');
    return same;
  }

  /** Runs a request; a failure shows its message unless `failed` handled it (answered true). */
  private run<T>(
    request: Observable<{ data?: T | null }>,
    done: (data: T) => void,
    failed: (error: AppError) => boolean = () => false,
  ): void {
    this.busy.set(true);
    this.error.set(null);
    firstValueFrom(request).then(
      ({ data }) => {
        this.busy.set(false);
        if (data) done(data);
      },
      (err: unknown) => {
        this.busy.set(false);
        const error = toAppError(err);
        if (!failed(error)) this.error.set(error.message);
      },
    );
  }
}
