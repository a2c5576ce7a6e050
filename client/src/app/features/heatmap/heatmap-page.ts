import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { type Subscription } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import type { MatrixAxis, TagMatrixQuery } from '@verbatim/contracts';
import { TagMatrixDocument } from '@verbatim/contracts/evidence';
import { NotFound } from '../../shared/not-found';
import { tagTree } from '../codebook/codebook-tree';
import { FilterBar } from '../evidence/filter-bar';
import { projectContext } from '../evidence/project-context';
import {
  type ViewFilter,
  filterFromParams,
  filterToParams,
  toHighlightFilter,
} from '../evidence/view-filter';
import { ViewsHeader } from '../evidence/views-header';
import { CELL, type HeatCell, type HeatRow, heatColor, heatLayout } from './heat-scale';
import { mergeQuery } from '../evidence/merge-query';

type TagMatrix = TagMatrixQuery['tagMatrix'];

/**
 * Tags against participants (or transcripts) as a heatmap: how often each tag was applied to what
 * each person said. A cell opens the tag view with exactly those highlights.
 */
@Component({
  selector: 'vb-heatmap-page',
  imports: [NotFound, ViewsHeader, FilterBar],
  templateUrl: './heatmap-page.html',
  styleUrl: './heatmap-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HeatmapPage {
  private readonly apollo = inject(Apollo);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private subscription: Subscription | null = null;

  readonly projectId = input.required<string>();

  protected readonly ctx = projectContext(() => this.projectId(), 'Heatmap');
  private readonly params = toSignal(this.route.queryParamMap, {
    initialValue: this.route.snapshot.queryParamMap,
  });
  protected readonly filter = computed(() => filterFromParams(this.params()), {
    equal: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });
  protected readonly axis = computed<MatrixAxis>(() =>
    this.params().get('by') === 'transcript' ? 'TRANSCRIPT' : 'PARTICIPANT',
  );
  protected readonly matrix = signal<TagMatrix | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly cellSize = CELL;

  protected readonly layout = computed(() => {
    const matrix = this.matrix();
    if (!matrix) return null;
    const active = tagTree(matrix.tags);
    const rows: HeatRow[] = [
      ...active.map((r) => ({
        id: r.tag.id,
        label: r.tag.name,
        depth: r.depth,
        color: r.tag.color,
        archived: false,
      })),
      ...matrix.tags
        .filter((t) => t.archived)
        .map((t) => ({ id: t.id, label: t.name, depth: 0, color: t.color, archived: true })),
    ];
    const counts = new Map(matrix.cells.map((c) => [`${c.tagId}|${c.columnId}`, c.count]));
    return heatLayout(rows, matrix.columns, counts, matrix.max);
  });
  /** Steps of the legend, from one highlight to the maximum. */
  protected readonly legend = computed(() => {
    const max = this.matrix()?.max ?? 0;
    if (max <= 0) return [];
    const steps = [
      ...new Set([1, Math.round(max / 4), Math.round(max / 2), Math.round((3 * max) / 4), max]),
    ];
    return steps.filter((n) => n >= 1).map((n) => ({ n, color: heatColor(n, max) }));
  });

  constructor() {
    effect(() => {
      const projectId = this.projectId();
      const filter = this.filter();
      const axis = this.axis();
      untracked(() => this.load(projectId, filter, axis));
    });
    inject(DestroyRef).onDestroy(() => this.subscription?.unsubscribe());
  }

  private load(projectId: string, filter: ViewFilter, by: MatrixAxis): void {
    this.subscription?.unsubscribe();
    this.loading.set(true);
    this.error.set(null);
    this.subscription = this.apollo
      .query({
        query: TagMatrixDocument,
        variables: { filter: toHighlightFilter(projectId, filter), by },
        fetchPolicy: 'no-cache',
      })
      .subscribe({
        next: ({ data }) => {
          this.matrix.set(data?.tagMatrix ?? null);
          this.loading.set(false);
        },
        error: (err: unknown) => {
          this.error.set(toAppError(err).message);
          this.loading.set(false);
        },
      });
  }

  protected setFilter(filter: ViewFilter): void {
    mergeQuery(this.router, this.route, filterToParams(filter));
  }

  protected setAxis(axis: MatrixAxis): void {
    mergeQuery(this.router, this.route, { by: axis === 'TRANSCRIPT' ? 'transcript' : null });
  }

  /** The tag view with this cell's highlights: the tag, and the participant or transcript. */
  protected open(cell: HeatCell): void {
    const filter = this.filter();
    const byTranscript = this.axis() === 'TRANSCRIPT';
    const next: ViewFilter = {
      ...filter,
      tagIds: [cell.row.id],
      tagMatch: 'ANY',
      participantIds: byTranscript ? filter.participantIds : [cell.column.id],
      transcriptIds: byTranscript ? [cell.column.id] : filter.transcriptIds,
    };
    void this.router.navigate(['/p', this.projectId(), 'evidence'], {
      queryParams: {
        ...filterToParams(next),
        group: byTranscript ? null : 'participant',
      },
    });
  }

  protected onCellKey(event: KeyboardEvent, cell: HeatCell): void {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.open(cell);
    }
  }
}
