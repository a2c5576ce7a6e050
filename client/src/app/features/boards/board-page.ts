import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { LiveAnnouncer } from '@angular/cdk/a11y';
import { type CdkDragDrop, CdkDropList, CdkDrag } from '@angular/cdk/drag-drop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { mergeQuery } from '../evidence/merge-query';
import { Apollo } from 'apollo-angular';
import { ReadMarkers } from '../../core/catching-up/read-markers';
import { toAppError } from '../../core/errors/app-error';
import { FilterOptionsDocument } from '@verbatim/contracts/evidence';
import { NotFound, isNotFound } from '../../shared/not-found';
import { plural } from '../../shared/format';
import { projectContext } from '../evidence/project-context';
import { ViewsNav } from '../evidence/views-nav';
import { BoardColumn, type CardMark, type ColumnView } from './board-column';
import { BoardComments } from './board-comments';
import { BoardNotices } from './board-notices';
import { BoardSelection } from './board-selection';
import { type Theme, afterCardFor, cardById } from './board-state';
import { BoardStore } from './board-store';
import { BoardTitle } from './board-title';
import { BoardToolbar } from './board-toolbar';
import {
  type AttributesOf,
  type CardFilter,
  type ColourBy,
  NO_FILTER,
  type ParticipantInfo,
  attributeOptions,
  boardTags,
  markOf,
} from './card-filter';
import { ColumnWindows } from './column-windows';
import { DrawBudget } from './draw-budget';
import { type Carry, previewColumns } from './keyboard-move';
import { KeyboardMover } from './keyboard-mover';
import { SelectionBar } from './selection-bar';
import { ThemeComments } from './theme-comments';
import { ThemeSuggestions } from './theme-suggestions';
import { PresenceAvatars } from '../../shared/presence/presence-avatars';

/**
 * A theme board: the unsorted cards and one column per theme, moved by dragging or with the
 * keyboard, several at once when selected, kept live with colleagues' changes. Long columns
 * show a window of their cards with an honest "Show more".
 */
@Component({
  selector: 'vb-board-page',
  imports: [
    RouterLink,
    NotFound,
    ViewsNav,
    CdkDropList,
    CdkDrag,
    BoardColumn,
    BoardTitle,
    BoardToolbar,
    BoardNotices,
    SelectionBar,
    ThemeSuggestions,
    ThemeComments,
    PresenceAvatars,
  ],
  providers: [BoardStore, DrawBudget, BoardComments],
  templateUrl: './board-page.html',
  styleUrl: './board-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '(keydown)': 'keys.onKey($event)',
    '(click)': 'onClick($event)',
    '(pointerdown)': 'keys.cancel()',
  },
})
export class BoardPage {
  private readonly apollo = inject(Apollo);
  private readonly readMarkers = inject(ReadMarkers);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  readonly store = inject(BoardStore);
  private readonly windows = new ColumnWindows();

  readonly projectId = input.required<string>();
  readonly boardId = input.required<string>();
  /** Deep link (a notification): the theme whose comments open in the drawer. */
  readonly comments = input<string | undefined>();
  private readonly boardComments = inject(BoardComments);
  /** Deep link (an assignment, a notification): the theme to bring into view. */
  readonly theme = input<string | undefined>();

  protected readonly ctx = projectContext(() => this.projectId(), 'Board');
  readonly canEdit = computed(() => this.ctx.can().edit && !this.store.deleted());
  protected readonly filter = signal<CardFilter>(NO_FILTER);
  protected readonly colourBy = signal<ColourBy>('');
  protected readonly carry = signal<Carry | null>(null);
  protected readonly suggesting = signal(false);
  protected readonly participants = signal<readonly ParticipantInfo[]>([]);
  protected readonly plural = plural;

  protected readonly notFound = computed(
    () => isNotFound(this.store.loadError()) && !this.store.deleted(),
  );
  private readonly attributesOf = computed<AttributesOf>(() => {
    const byId = new Map(this.participants().map((p) => [p.id, p.attributes]));
    return (id) => byId.get(id) ?? [];
  });
  protected readonly attributes = computed(() => attributeOptions(this.participants()));
  protected readonly tags = computed(() => {
    const s = this.store.state();
    return s ? boardTags(s) : [];
  });
  protected readonly mark = computed<CardMark>(() => {
    const colourBy = this.colourBy();
    const attributes = this.attributesOf();
    return (card) => markOf(card, colourBy, attributes);
  });

  /** Every column as shown: its window of the cards the filter lets through. */
  readonly shown = computed<readonly ColumnView[]>(() => {
    const s = this.store.state();
    return s ? this.windows.views(s, this.filter(), this.attributesOf()) : [];
  });
  protected readonly selection = new BoardSelection(this.store.state, this.shown);
  protected readonly selected = this.selection.ids;
  /** The same, with a card carried by the keyboard shown where it would land. */
  protected readonly display = computed<readonly ColumnView[]>(() => {
    const columns = this.shown();
    const carry = this.carry();
    const s = this.store.state();
    if (!carry || !s) return columns;
    return previewColumns(columns, carry).map((c, i) =>
      c === columns[i] ? c : { ...c, cards: c.ids.flatMap((id) => cardById(s, id) ?? []) },
    );
  });
  protected readonly unsorted = computed(() => this.display()[0] ?? null);
  protected readonly themeColumns = computed(() => this.display().slice(1));
  protected readonly listIds = computed(() => this.display().map((c) => `cards-${c.key}`));

  readonly keys = new KeyboardMover(this);

  constructor() {
    effect(() => {
      const boardId = this.boardId();
      const projectId = this.projectId();
      untracked(() => {
        this.store.open(boardId, projectId);
        this.selection.clear();
        this.carry.set(null);
      });
    });
    effect(() => {
      const themeId = this.comments();
      untracked(() => this.boardComments.themeId.set(themeId ?? null));
    });
    // The address follows the drawer: a closed one leaves no `?comments=` behind, an open one
    // can be copied as a link to that discussion.
    const router = inject(Router);
    const route = inject(ActivatedRoute);
    this.boardComments.onChange = (themeId) => mergeQuery(router, route, { comments: themeId });
    effect(() => {
      const workspaceId = this.ctx.project()?.workspaceId;
      if (workspaceId) untracked(() => this.store.loadMembers(workspaceId));
    });
    effect(() => {
      const projectId = this.projectId();
      untracked(() => this.loadParticipants(projectId));
    });
    // Cards that left the board are no longer selected.
    effect(() => {
      const s = this.store.state();
      if (s) untracked(() => this.selection.keepOnBoard(s));
    });
    // What the user has seen of each board: the version first drawn, and the one they leave.
    let marked: string | null = null;
    effect(() => {
      const s = this.store.state();
      if (!s || s.id === marked) return;
      marked = s.id;
      untracked(() => this.readMarkers.board(s.id, s.version));
    });
    // Once the board is there, the linked theme's column is scrolled to and its title focused.
    let shownTheme: string | undefined;
    effect(() => {
      const themeId = this.theme();
      const loaded = !!this.store.state()?.themes.some((t) => t.id === themeId);
      if (!themeId || !loaded || themeId === shownTheme) return;
      shownTheme = themeId;
      untracked(() => this.showTheme(themeId));
    });
    inject(DestroyRef).onDestroy(() => {
      const s = this.store.state();
      if (s) this.readMarkers.board(s.id, s.version);
      this.windows.clear();
    });
  }

  private showTheme(themeId: string): void {
    afterNextRender(
      () => {
        const title = this.host.nativeElement.querySelector<HTMLElement>(
          `[data-column="${CSS.escape(themeId)}"] h2`,
        );
        if (!title) return;
        title.tabIndex = -1;
        title.scrollIntoView({ block: 'nearest', inline: 'center' });
        title.focus({ preventScroll: true });
      },
      { injector: this.injector },
    );
  }

  private loadParticipants(projectId: string): void {
    this.apollo
      .query({ query: FilterOptionsDocument, variables: { projectId }, fetchPolicy: 'no-cache' })
      .subscribe({
        next: ({ data }) => data && this.participants.set(data.participants),
        error: () => undefined,
      });
  }

  showMore(column: string): void {
    this.windows.showMore(column);
  }

  protected onDrop(event: CdkDragDrop<string, string, string>): void {
    const cardId = event.item.data;
    const target = event.container.data;
    if (event.previousContainer === event.container && event.previousIndex === event.currentIndex)
      return;
    const selected = this.selected();
    const moving = selected.has(cardId) && selected.size > 1 ? this.selection.inOrder() : [cardId];
    const list = this.shown().find((c) => c.key === target)?.ids ?? [];
    const after = afterCardFor(list, cardId, event.currentIndex, new Set(moving));
    this.store.moveCards(moving, target, after);
    this.announce(
      `${moving.length > 1 ? plural(moving.length, 'card') : 'Card'} moved to ${this.store.columnTitle(target)}.`,
    );
  }

  protected onThemeDrop(event: CdkDragDrop<string, string, string>): void {
    if (event.previousIndex === event.currentIndex) return;
    const themes = this.store.state()?.themes ?? [];
    const others = themes.filter((t) => t.id !== event.item.data);
    this.store.moveTheme(event.item.data, others[event.currentIndex - 1]?.id ?? null);
  }

  /** The keyboard path for reordering themes: one place left or right. */
  protected moveThemeBy(themeId: string, by: -1 | 1): void {
    const themes = this.store.state()?.themes ?? [];
    const at = themes.findIndex((t) => t.id === themeId);
    const to = at + by;
    if (at === -1 || to < 0 || to >= themes.length) return;
    const others = themes.filter((t) => t.id !== themeId);
    this.store.moveTheme(themeId, others[to - 1]?.id ?? null);
    const title = themes[at]!.title;
    this.announce(`Theme ${title} moved to position ${to + 1} of ${themes.length}.`);
    this.focusLater(`[data-column="${themeId}"] button[aria-label^="Move theme"]:not([disabled])`);
  }

  protected async deleteTheme(theme: Theme): Promise<void> {
    try {
      await this.store.deleteTheme(theme.id);
      this.announce(`Theme ${theme.title} deleted; its cards are unsorted now.`);
    } catch (err) {
      this.store.notify({
        kind: 'error',
        text: `The theme could not be deleted: ${toAppError(err).message}`,
      });
    }
  }

  /** Checkbox, Shift-click (a range within a column) and Ctrl/Cmd-click select cards. */
  protected toggleSelect(cardId: string, event: MouseEvent | Event): void {
    this.selection.toggle(cardId, event);
  }

  protected onClick(event: MouseEvent): void {
    if (!(event.shiftKey || event.ctrlKey || event.metaKey) || !this.canEdit()) return;
    const target = event.target as HTMLElement;
    if (target.closest('a, button, input, textarea, select')) return;
    const card = target.closest<HTMLElement>('vb-board-card');
    const id = card?.dataset['cardId'];
    if (!id) return;
    event.preventDefault();
    this.toggleSelect(id, event);
  }

  focusCard(cardId: string): void {
    this.focusLater(`vb-board-card[data-card-id="${CSS.escape(cardId)}"]`);
  }

  private focusLater(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), {
      injector: this.injector,
    });
  }

  announce(message: string): void {
    void this.announcer.announce(message);
  }

  /** Columns as they are (the carried card where it really is), for the keyboard. */
  columnsForKeys(): readonly ColumnView[] {
    return this.shown();
  }

  carrying(): Carry | null {
    return this.carry();
  }

  setCarry(carry: Carry | null): void {
    this.carry.set(carry);
  }
}
