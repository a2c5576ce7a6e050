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
import { firstValueFrom } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import { CORRECT_SEGMENT, type SegmentCorrection } from '../../graphql/highlights';
import type { Participant } from '../../graphql/participants';
import type { Turn } from './turns';

/** An editor fixes one turn's text or speaker; highlights in it are re-anchored by the api. */
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
      </div>
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
      gap: 0.5rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TurnEditor {
  private readonly apollo = inject(Apollo);

  readonly turn = input.required<Turn>();
  readonly participants = input.required<readonly Participant[]>();
  readonly saved = output<SegmentCorrection>();
  readonly cancelled = output<void>();

  protected readonly text = signal('');
  protected readonly participantId = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  private readonly field = viewChild.required<ElementRef<HTMLTextAreaElement>>('field');

  constructor() {
    afterNextRender(() => {
      this.text.set(this.turn().text);
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
    this.busy.set(true);
    this.error.set(null);
    firstValueFrom(
      this.apollo.mutate({
        mutation: CORRECT_SEGMENT,
        variables: {
          input: {
            segmentId: turn.id,
            text: text !== turn.text ? text : null,
            participantId: participantId !== turn.participantId ? participantId : null,
          },
        },
      }),
    ).then(
      ({ data }) => {
        this.busy.set(false);
        if (data) this.saved.emit(data.correctSegment);
      },
      (err: unknown) => {
        this.busy.set(false);
        this.error.set(toAppError(err).message);
      },
    );
  }
}
