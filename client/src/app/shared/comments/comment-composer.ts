import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { toAppError } from '../../core/errors/app-error';
import { plural } from '../format';
import { CommentsStore } from './comments-store';
import {
  type MentionCandidate,
  type MentionQuery,
  asMentioned,
  insertMention,
  matchMembers,
  mentionQueryAt,
  toEditable,
  toStored,
} from './mentions';

/** The api's limit on a body, in UTF-16 code units after trimming (MAX_COMMENT_CHARS). */
export const MAX_COMMENT_CHARS = 10_000;
/** The count of what is left shows from this close to the limit. */
const SHOW_COUNT_FROM = 1_000;

/** What the composer sends: the body as stored and the people it mentions. */
export interface CommentDraft {
  body: string;
  mentionIds: string[];
}

let nextId = 0;

/**
 * Writes a comment, a reply or an edit: Markdown in a text area, `@` to mention a member from a
 * list (arrow keys and Enter or Tab, or the mouse; Escape closes it), the characters left before
 * the api's limit, and Ctrl/⌘+Enter to send. `send` stores it; the text stays when it fails.
 */
@Component({
  selector: 'vb-comment-composer',
  templateUrl: './comment-composer.html',
  styleUrl: './comment-composer.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CommentComposer {
  protected readonly store = inject(CommentsStore);
  private readonly injector = inject(Injector);
  private readonly field = viewChild.required<ElementRef<HTMLTextAreaElement>>('field');

  readonly label = input.required<string>();
  readonly submitLabel = input('Comment');
  /** The stored body an edit starts from. */
  readonly initial = input('');
  /** An edit does not change who a comment mentions: no list then. */
  readonly mentionsEnabled = input(true);
  readonly cancellable = input(false);
  readonly autofocus = input(false);
  readonly send = input.required<(draft: CommentDraft) => Promise<void>>();
  readonly cancelled = output<void>();

  protected readonly id = `comment-composer-${nextId++}`;
  protected readonly text = signal('');
  private readonly chosen = signal<readonly MentionCandidate[]>([]);
  private readonly query = signal<MentionQuery | null>(null);
  protected readonly active = signal(0);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly draft = computed(() => toStored(this.text(), this.chosen()));
  protected readonly left = computed(() => MAX_COMMENT_CHARS - this.draft().body.length);
  protected readonly tooLong = computed(() => this.left() < 0);
  protected readonly showCount = computed(() => this.left() < SHOW_COUNT_FROM);
  protected readonly options = computed(() => {
    const q = this.query();
    if (!q || !this.mentionsEnabled()) return [];
    const me = this.store.me();
    return matchMembers(this.store.members(), q.query, 8, me ? [me] : []);
  });
  protected readonly listOpen = computed(() => this.options().length > 0);
  /** Told politely when the list opens or its length changes. */
  protected readonly listStatus = computed(() => {
    const q = this.query();
    if (!q || !this.mentionsEnabled()) return '';
    const n = this.options().length;
    return n
      ? `${plural(n, 'person', 'people')} to mention; arrow keys to choose, Enter to pick.`
      : `No member matches “${q.query}”.`;
  });
  protected readonly plural = plural;

  constructor() {
    effect(() => {
      const { text, chosen } = toEditable(this.initial());
      untracked(() => {
        this.text.set(text);
        this.chosen.set(chosen);
      });
    });
    afterNextRender(() => {
      if (this.autofocus()) this.field().nativeElement.focus();
    });
  }

  protected onInput(): void {
    const el = this.field().nativeElement;
    this.text.set(el.value);
    this.error.set(null);
    this.followCaret();
  }

  /** Opens, narrows or closes the list as the caret moves. */
  protected followCaret(): void {
    const el = this.field().nativeElement;
    const caret = el.selectionStart === el.selectionEnd ? el.selectionStart : -1;
    const q = caret >= 0 ? mentionQueryAt(el.value, caret) : null;
    const same = q && this.query()?.start === q.start && this.query()?.query === q.query;
    if (!same) this.active.set(0);
    this.query.set(q);
  }

  protected closeList(): void {
    this.query.set(null);
  }

  protected onKey(event: KeyboardEvent): void {
    if (this.listOpen() && this.onListKey(event)) {
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void this.submit();
    } else if (event.key === 'Escape' && this.cancellable()) {
      // The edit or reply ends, not the panel or drawer around it.
      event.stopPropagation();
      this.cancelled.emit();
    }
  }

  private onListKey(event: KeyboardEvent): boolean {
    const count = this.options().length;
    switch (event.key) {
      case 'ArrowDown':
        this.active.set((this.active() + 1) % count);
        return true;
      case 'ArrowUp':
        this.active.set((this.active() - 1 + count) % count);
        return true;
      case 'Enter':
      case 'Tab': {
        if (event.shiftKey || event.ctrlKey || event.metaKey) return false;
        const person = this.options()[this.active()];
        if (person) this.choose(person);
        return true;
      }
      case 'Escape':
        this.query.set(null);
        return true;
      default:
        return false;
    }
  }

  protected choose(person: MentionCandidate): void {
    const at = this.query();
    if (!at) return;
    const mentioned = asMentioned(person, this.chosen());
    const { text, caret } = insertMention(this.text(), at, mentioned);
    this.chosen.update((list) =>
      list.some((p) => p.id === mentioned.id) ? list : [...list, mentioned],
    );
    this.query.set(null);
    this.setText(text, caret);
  }

  protected async submit(): Promise<void> {
    const draft = this.draft();
    if (this.busy() || !draft.body || this.tooLong()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.send()(draft);
      this.chosen.set([]);
      this.setText('', 0);
    } catch (err) {
      this.error.set(toAppError(err).message);
    } finally {
      this.busy.set(false);
    }
  }

  protected optionId(index: number): string {
    return `${this.id}-option-${index}`;
  }

  /** Puts text in the area and the caret where it belongs, keeping the keyboard there. */
  private setText(text: string, caret: number): void {
    this.text.set(text);
    afterNextRender(
      () => {
        const el = this.field().nativeElement;
        if (el.value !== text) el.value = text;
        el.focus();
        el.setSelectionRange(caret, caret);
      },
      { injector: this.injector },
    );
  }
}
