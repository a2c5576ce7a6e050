import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  output,
  signal,
} from '@angular/core';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import type { BoardSuggestionRunFragment as Run } from '@verbatim/contracts';
import {
  ApplyThemeSuggestionsDocument,
  SuggestThemesDocument,
  ThemeSuggestionRunDocument,
} from '@verbatim/contracts/boards';
import { plural } from '../../shared/format';
import { ExchangesPanel } from '../../shared/ai-exchanges/exchanges-panel';
import { UNSORTED, cardsOf } from './board-state';
import { BoardStore } from './board-store';
import { PendingAction } from '../../shared/pending-action';

/** A proposal as the user edits it before applying. */
export interface ProposalDraft {
  title: string;
  description: string;
  cohesion: number;
  highlightIds: readonly string[];
  included: boolean;
}

const POLL_MS = 700;
const QUOTES_SHOWN = 4;

/**
 * Theme suggestions by clustering: run on the unsorted cards, watched until ready, shown side by
 * side with their quotes and cohesion; the user renames, drops, then applies. Nothing on the
 * board moves before that.
 */
@Component({
  selector: 'vb-theme-suggestions',
  imports: [ExchangesPanel],
  templateUrl: './theme-suggestions.html',
  styleUrl: './theme-suggestions.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ThemeSuggestions {
  private readonly apollo = inject(Apollo);
  private readonly store = inject(BoardStore);
  private timer: ReturnType<typeof setTimeout> | null = null;
  private alive = true;

  readonly closed = output<void>();

  protected readonly k = signal('');
  protected readonly run = signal<Run | null>(null);
  protected readonly drafts = signal<readonly ProposalDraft[]>([]);
  private readonly pending = new PendingAction();
  protected readonly busy = this.pending.busy;
  protected readonly error = this.pending.error;
  protected readonly plural = plural;
  protected readonly quotesShown = QUOTES_SHOWN;
  protected readonly unsortedCount = computed(() => {
    const s = this.store.state();
    return s ? cardsOf(s, UNSORTED).filter((c) => c.highlight).length : 0;
  });
  private readonly quotes = computed(() => {
    const byHighlight = new Map<string, string>();
    for (const cards of this.store.state()?.columns.values() ?? [])
      for (const c of cards) if (c.highlight) byHighlight.set(c.highlight.id, c.highlight.quote);
    return byHighlight;
  });
  protected readonly chosen = computed(() => this.drafts().filter((d) => d.included));
  protected readonly percent = computed(() => Math.round((this.run()?.progress ?? 0) * 100));

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.alive = false;
      if (this.timer) clearTimeout(this.timer);
    });
  }

  protected quoteOf(highlightId: string): string {
    return this.quotes().get(highlightId) ?? '(a highlight no longer on the board)';
  }

  protected async start(): Promise<void> {
    const boardId = this.store.state()?.id;
    if (!boardId) return;
    const k = this.k().trim() ? Number(this.k()) : null;
    if (k !== null && (!Number.isInteger(k) || k < 2 || k > 50)) {
      this.error.set('Ask for 2 to 50 themes, or leave it empty to let the clustering choose.');
      return;
    }
    await this.act(async () => {
      const { data } = await firstValueFrom(
        this.apollo.mutate({
          mutation: SuggestThemesDocument,
          variables: { input: { boardId, k } },
        }),
      );
      if (data) this.follow(data.suggestThemes);
    });
  }

  private follow(run: Run): void {
    this.run.set(run);
    if (run.status === 'READY') {
      this.drafts.set(
        run.proposals.map((p) => ({
          title: p.title,
          description: p.description,
          cohesion: p.cohesion,
          highlightIds: p.highlightIds,
          included: true,
        })),
      );
      return;
    }
    if (run.status === 'FAILED') return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.apollo
        .query({
          query: ThemeSuggestionRunDocument,
          variables: { id: run.id },
          fetchPolicy: 'no-cache',
        })
        .subscribe({
          next: ({ data }) => this.alive && data && this.follow(data.themeSuggestionRun),
          error: (err: unknown) => this.error.set(toAppError(err).message),
        });
    }, POLL_MS);
  }

  protected update(index: number, patch: Partial<ProposalDraft>): void {
    this.drafts.update((all) => all.map((d, i) => (i === index ? { ...d, ...patch } : d)));
  }

  protected async apply(): Promise<void> {
    const run = this.run();
    const chosen = this.chosen();
    if (!run || !chosen.length) return;
    if (chosen.some((d) => !d.title.trim())) {
      this.error.set('Every theme you apply needs a title.');
      return;
    }
    await this.act(async () => {
      const { data } = await firstValueFrom(
        this.apollo.mutate({
          mutation: ApplyThemeSuggestionsDocument,
          variables: {
            input: {
              runId: run.id,
              proposals: chosen.map((d) => ({
                title: d.title.trim(),
                description: d.description,
                highlightIds: [...d.highlightIds],
              })),
            },
          },
        }),
      );
      const result = data?.applyThemeSuggestions;
      if (!result) return;
      const skipped = result.skippedHighlightIds.length;
      this.store.notify({
        kind: 'info',
        text:
          `Created ${plural(result.themes.length, 'theme')} from the suggestions.` +
          (skipped
            ? ` ${plural(skipped, 'highlight')} stayed where ${skipped === 1 ? 'it was' : 'they were'}: moved or removed since the suggestions were made.`
            : ''),
      });
      void this.store.load();
      this.closed.emit();
    });
  }

  private act(action: () => Promise<unknown>): Promise<void> {
    return this.pending.run(action);
  }
}
