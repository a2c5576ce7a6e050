import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import type { InsightChoicesQuery } from '@verbatim/contracts';
import {
  AddEvidenceDocument,
  CreateInsightDocument,
  InsightChoicesDocument,
} from '@verbatim/contracts/insights';
import { AddToPicker, type PickerAdded, PickerPanel } from '../add-to-picker/add-to-picker';
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
  imports: [AddToPicker, PickerPanel],
  templateUrl: './add-to-insight.html',
  styleUrl: '../add-to-picker/add-to-picker-choices.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AddToInsight {
  private readonly apollo = inject(Apollo);
  private readonly picker = viewChild.required(AddToPicker);
  private generation = 0;
  private findTimer: ReturnType<typeof setTimeout> | null = null;

  readonly projectId = input.required<string>();
  readonly highlightIds = input.required<readonly string[]>();
  /** The button's words; "Add to insight" by default. */
  readonly label = input('Add to insight');

  protected readonly choices = signal<readonly Choice[] | null>(null);
  protected readonly find = signal('');
  protected readonly newTitle = signal('');
  protected readonly count = computed(() => this.highlightIds().length);
  protected readonly plural = plural;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.generation += 1;
      if (this.findTimer) clearTimeout(this.findTimer);
    });
  }

  protected opened(): void {
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
          if (focus) this.picker().focus('.find input');
        },
        error: (err: unknown) => {
          if (generation === this.generation) this.picker().fail(toAppError(err).message);
        },
      });
  }

  protected addTo(insight: { id: string; title: string }): Promise<void> {
    const highlightIds = [...this.highlightIds()];
    return this.picker().run(async () => {
      if (!highlightIds.length) return undefined;
      await firstValueFrom(
        this.apollo.mutate({
          mutation: AddEvidenceDocument,
          variables: { input: { insightId: insight.id, highlightIds } },
        }),
      );
      return this.added(insight, highlightIds.length);
    });
  }

  protected async createAndAdd(): Promise<void> {
    const title = this.newTitle().trim();
    const highlightIds = [...this.highlightIds()];
    if (!title) {
      this.picker().fail('Write the finding as the new insight’s title.');
      return;
    }
    await this.picker().run(async () => {
      const { data } = await firstValueFrom(
        this.apollo.mutate({
          mutation: CreateInsightDocument,
          variables: { input: { projectId: this.projectId(), title, highlightIds } },
        }),
      );
      if (!data) return undefined;
      this.newTitle.set('');
      return this.added(data.createInsight, highlightIds.length);
    });
  }

  private added(insight: { id: string; title: string }, count: number): PickerAdded {
    const link = ['/p', this.projectId(), 'insights', insight.id];
    return { count, name: insight.title, link };
  }
}
