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
import type { InsightSnapshot } from './insight-conflict';
import { type Insight, InsightStore } from './insight-store';

export const MAX_TITLE = 300;
export const MAX_BODY = 20_000;

/**
 * Edits an insight's title and body. Saving names the version the editor opened; when a
 * colleague saved other text meanwhile, their version is shown beside the user's and the user
 * chooses: save theirs over (knowingly), or carry on from their text.
 */
@Component({
  selector: 'vb-insight-editor',
  template: `
    <form class="editor" (submit)="$event.preventDefault(); save()" (keydown)="onKey($event)">
      @if (conflict(); as c) {
        <div class="conflict" role="alert" data-testid="insight-conflict">
          <p>
            <strong>{{ c.message }}</strong> This is the text a colleague saved while you were
            editing:
          </p>
          <div class="theirs">
            <p class="theirs-title">{{ c.current.title }}</p>
            <pre class="theirs-body">{{ c.current.body || '(no text)' }}</pre>
          </div>
          <p>Your text is still below: save it over theirs, or carry on from their version.</p>
          <div class="actions">
            <button
              type="button"
              class="button button--secondary button--small"
              (click)="takeTheirs()"
            >
              Edit their version instead
            </button>
          </div>
        </div>
      }
      <div class="field">
        <label for="insight-title">Title</label>
        <input
          #titleField
          id="insight-title"
          class="input"
          [maxLength]="maxTitle"
          autocomplete="off"
          [value]="title()"
          (input)="title.set($any($event.target).value)"
        />
      </div>
      <div class="field">
        <label for="insight-body">Argument <span class="muted">(Markdown)</span></label>
        <textarea
          id="insight-body"
          class="textarea"
          rows="12"
          [maxLength]="maxBody"
          aria-describedby="insight-body-hint"
          [value]="body()"
          (input)="body.set($any($event.target).value)"
        ></textarea>
        <p id="insight-body-hint" class="field-hint">
          **bold**, _italic_, [link](https://…), - lists, &gt; quotes. HTML is shown as text.
          {{ body().length.toLocaleString('en-US') }} / {{ maxBody.toLocaleString('en-US') }}
        </p>
      </div>
      @if (error(); as message) {
        <p class="field-error" role="alert">{{ message }}</p>
      }
      <div class="actions">
        <button type="submit" class="button" [disabled]="busy()">
          {{ busy() ? 'Saving…' : conflict() ? 'Save mine over theirs' : 'Save' }}
        </button>
        <button type="button" class="button button--quiet" (click)="closed.emit()">Cancel</button>
      </div>
    </form>
  `,
  styles: `
    .editor {
      display: flex;
      flex-direction: column;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .conflict {
      margin-bottom: 1rem;
      padding: 0.75rem 1rem;
      border: 1px solid color-mix(in srgb, var(--warning) 40%, transparent);
      border-radius: var(--radius);
      background: var(--warning-soft);
      p {
        margin: 0 0 0.5rem;
      }
    }
    .theirs {
      margin-bottom: 0.5rem;
      padding: 0.5rem 0.75rem;
      background: var(--surface);
      border-radius: var(--radius);
    }
    .theirs-title {
      font-weight: 650;
    }
    .theirs-body {
      margin: 0;
      max-height: 16rem;
      overflow: auto;
      white-space: pre-wrap;
      font-family: var(--font-read);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InsightEditor {
  private readonly store = inject(InsightStore);
  private readonly titleField = viewChild.required<ElementRef<HTMLInputElement>>('titleField');

  readonly insight = input.required<Insight>();
  readonly closed = output<void>();

  protected readonly maxTitle = MAX_TITLE;
  protected readonly maxBody = MAX_BODY;
  protected readonly title = signal('');
  protected readonly body = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly conflict = signal<{ current: InsightSnapshot; message: string } | null>(null);
  /** What the edit is made on: the insight as opened, or a colleague's version once shown. */
  private baseline = { title: '', body: '', version: 0 };

  constructor() {
    afterNextRender(() => {
      const insight = this.insight();
      this.title.set(insight.title);
      this.body.set(insight.body);
      this.baseline = { title: insight.title, body: insight.body, version: insight.version };
      this.titleField().nativeElement.focus();
    });
  }

  protected onKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') this.closed.emit();
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void this.save();
    }
  }

  protected async save(): Promise<void> {
    const title = this.title().trim();
    if (!title) {
      this.error.set('An insight needs a title: the finding in one sentence.');
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    const result = await this.store.saveText({ title, body: this.body() }, this.baseline);
    this.busy.set(false);
    switch (result.kind) {
      case 'saved':
        this.closed.emit();
        break;
      case 'conflict':
        // Saving again replaces their text with this one: the user has now seen it.
        this.baseline = result.current;
        this.conflict.set({ current: result.current, message: result.message });
        break;
      case 'failed':
        this.error.set(result.error.message);
        break;
    }
  }

  /** Puts the colleague's text in the editor, to go on from there. */
  protected takeTheirs(): void {
    const current = this.conflict()?.current;
    if (!current) return;
    this.title.set(current.title);
    this.body.set(current.body);
    this.baseline = current;
    this.conflict.set(null);
    void this.store.refresh();
    this.titleField().nativeElement.focus();
  }
}
