import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import type { InsightChoicesQuery } from '@verbatim/contracts';
import {
  AddEvidenceDocument,
  CreateInsightDocument,
  InsightChoicesDocument,
} from '@verbatim/contracts/insights';
import { plural } from '../format';

type Choice = InsightChoicesQuery['insights']['edges'][number]['node'];

const CHOICES = 20;

/**
 * "Add to insight": a small picker of the project's insights (newest first, or those matching
 * what is typed), or a new one, that adds the given highlights to its evidence. A highlight an
 * insight already rests on stays where it is.
 */
@Component({
  selector: 'vb-add-to-insight',
  imports: [RouterLink],
  templateUrl: './add-to-insight.html',
  styleUrl: '../add-to-board/add-to-board.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(keydown)': 'onKey($event)' },
})
export class AddToInsight {
  private readonly apollo = inject(Apollo);
  private readonly injector = inject(Injector);
  private readonly toggle = viewChild<ElementRef<HTMLButtonElement>>('toggle');
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private generation = 0;
  private findTimer: ReturnType<typeof setTimeout> | null = null;

  readonly projectId = input.required<string>();
  readonly highlightIds = input.required<readonly string[]>();
  /** The button's words; "Add to insight" by default. */
  readonly label = input('Add to insight');

  protected readonly open = signal(false);
  protected readonly choices = signal<readonly Choice[] | null>(null);
  protected readonly find = signal('');
  protected readonly newTitle = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly added = signal<{ id: string; title: string; count: number } | null>(null);
  protected readonly count = computed(() => this.highlightIds().length);
  protected readonly plural = plural;
  protected readonly panelId = `add-to-insight-${Math.random().toString(36).slice(2, 9)}`;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.generation += 1;
      if (this.findTimer) clearTimeout(this.findTimer);
    });
  }

  protected show(): void {
    this.open.set(!this.open());
    this.error.set(null);
    if (!this.open()) return;
    this.added.set(null);
    this.find.set('');
    this.load('', true);
  }

  /** Looks again a moment after the typing stops. */
  protected typed(text: string): void {
    this.find.set(text);
    if (this.findTimer) clearTimeout(this.findTimer);
    this.findTimer = setTimeout(() => this.load(text), 200);
  }

  /** The project's insights matching `text` (all of them, newest first, when empty). */
  private load(text: string, focus = false): void {
    const generation = ++this.generation;
    const query = text.trim();
    this.apollo
      .query({
        query: InsightChoicesDocument,
        variables: {
          filter: { projectId: this.projectId(), ...(query ? { query } : {}) },
          first: CHOICES,
        },
        fetchPolicy: 'no-cache',
      })
      .subscribe({
        next: ({ data }) => {
          if (generation !== this.generation) return;
          this.choices.set(data?.insights.edges.map((e) => e.node) ?? []);
          if (focus)
            afterNextRender(
              () => this.host.nativeElement.querySelector<HTMLElement>('.find input')?.focus(),
              { injector: this.injector },
            );
        },
        error: (err: unknown) => {
          if (generation === this.generation) this.error.set(toAppError(err).message);
        },
      });
  }

  protected close(): void {
    this.open.set(false);
    afterNextRender(() => this.toggle()?.nativeElement.focus(), { injector: this.injector });
  }

  /** Escape closes the picker, not the panel around it. */
  protected onKey(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.open()) return;
    event.stopPropagation();
    this.close();
  }

  protected async addTo(insight: { id: string; title: string }): Promise<void> {
    const highlightIds = [...this.highlightIds()];
    if (!highlightIds.length) return;
    await this.run(async () => {
      await firstValueFrom(
        this.apollo.mutate({
          mutation: AddEvidenceDocument,
          variables: { input: { insightId: insight.id, highlightIds } },
        }),
      );
      this.added.set({ id: insight.id, title: insight.title, count: highlightIds.length });
      this.open.set(false);
    });
  }

  protected async createAndAdd(): Promise<void> {
    const title = this.newTitle().trim();
    const highlightIds = [...this.highlightIds()];
    if (!title) {
      this.error.set('Write the finding as the new insight’s title.');
      return;
    }
    await this.run(async () => {
      const { data } = await firstValueFrom(
        this.apollo.mutate({
          mutation: CreateInsightDocument,
          variables: { input: { projectId: this.projectId(), title, highlightIds } },
        }),
      );
      if (!data) return;
      this.newTitle.set('');
      this.added.set({
        id: data.createInsight.id,
        title: data.createInsight.title,
        count: highlightIds.length,
      });
      this.open.set(false);
    });
  }

  private async run(action: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await action();
    } catch (err) {
      this.error.set(toAppError(err).message);
    } finally {
      this.busy.set(false);
    }
  }
}
