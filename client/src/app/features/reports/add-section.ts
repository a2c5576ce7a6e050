import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { toAppError } from '../../core/errors/app-error';
import type { BoardSummaryFragment, ReportChartType, ReportSectionKind } from '@verbatim/contracts';
import { BoardsDocument } from '@verbatim/contracts/boards';
import { InsightChoicesDocument } from '@verbatim/contracts/insights';
import { SearchDocument } from '@verbatim/contracts/search';
import { snippetParts } from '../search/snippet';
import {
  type QuoteChoice,
  type ThemeChoice,
  loadBoardThemes,
  loadInsightQuotes,
} from './quote-choices';
import { QuotePicker } from './quote-picker';
import { type NewSection, ReportStore } from './report-store';
import { MAX_SECTION_TEXT } from './report-section';

export const SECTION_KINDS: readonly { kind: ReportSectionKind; label: string }[] = [
  { kind: 'TEXT', label: 'Text' },
  { kind: 'INSIGHT', label: 'Insight' },
  { kind: 'THEME', label: 'Theme' },
  { kind: 'QUOTES', label: 'Quotes' },
  { kind: 'CHART', label: 'Chart' },
];

export const CHART_TYPES: readonly { type: ReportChartType; label: string }[] = [
  { type: 'TAG_FREQUENCY', label: 'Tag frequency' },
  { type: 'TAG_PARTICIPANT_HEATMAP', label: 'Tag × participant heatmap' },
];

const SEARCH_PAGE = 20;

/**
 * Adds a section at the end of the report: Markdown text, an insight or a board's theme with the
 * quotes chosen from its evidence, quotes found by searching the project's highlights, or a chart.
 */
@Component({
  selector: 'vb-add-section',
  imports: [QuotePicker],
  templateUrl: './add-section.html',
  styleUrl: './add-section.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AddSection {
  private readonly apollo = inject(Apollo);
  private readonly store = inject(ReportStore);
  private readonly kindField = viewChild<ElementRef<HTMLSelectElement>>('kindField');

  readonly projectId = input.required<string>();
  /** The new section's id, once added. */
  readonly added = output<string>();

  protected readonly kinds = SECTION_KINDS;
  protected readonly chartTypes = CHART_TYPES;
  protected readonly maxText = MAX_SECTION_TEXT;
  protected readonly busy = this.store.busy;
  protected readonly kind = signal<ReportSectionKind>('TEXT');
  protected readonly text = signal('');
  protected readonly insights = signal<readonly { id: string; title: string }[] | null>(null);
  protected readonly insightId = signal('');
  protected readonly boards = signal<readonly BoardSummaryFragment[] | null>(null);
  protected readonly boardId = signal('');
  protected readonly themes = signal<readonly ThemeChoice[] | null>(null);
  protected readonly themeId = signal('');
  protected readonly choices = signal<readonly QuoteChoice[] | null>(null);
  protected readonly chosen = signal<readonly string[]>([]);
  protected readonly found = signal<readonly QuoteChoice[] | null>(null);
  protected readonly chartType = signal<ReportChartType>('TAG_FREQUENCY');
  protected readonly error = signal<string | null>(null);
  protected readonly loading = signal(false);

  /** Focus the first control (after the last section was removed, say). */
  focus(): void {
    this.kindField()?.nativeElement.focus();
  }

  protected async setKind(kind: string): Promise<void> {
    const known = SECTION_KINDS.find((k) => k.kind === kind);
    if (!known) return;
    this.kind.set(known.kind);
    this.error.set(null);
    this.choices.set(null);
    this.chosen.set([]);
    this.found.set(null);
    if (known.kind === 'INSIGHT' && !this.insights()) await this.loadInsights();
    if (known.kind === 'THEME' && !this.boards()) await this.loadBoards();
  }

  private async loadInsights(): Promise<void> {
    await this.load(async () => {
      const { data } = await firstValueFrom(
        this.apollo.query({
          query: InsightChoicesDocument,
          variables: { filter: { projectId: this.projectId() }, first: 100 },
          fetchPolicy: 'no-cache',
        }),
      );
      this.insights.set(data?.insights.edges.map((e) => e.node) ?? []);
    });
  }

  private async loadBoards(): Promise<void> {
    await this.load(async () => {
      const { data } = await firstValueFrom(
        this.apollo.query({
          query: BoardsDocument,
          variables: { projectId: this.projectId() },
          fetchPolicy: 'no-cache',
        }),
      );
      this.boards.set(data?.boards ?? []);
    });
  }

  protected async pickInsight(id: string): Promise<void> {
    this.insightId.set(id);
    this.choices.set(null);
    this.chosen.set([]);
    if (!id) return;
    await this.load(async () => this.choices.set(await loadInsightQuotes(this.apollo, id)));
  }

  protected async pickBoard(id: string): Promise<void> {
    this.boardId.set(id);
    this.themeId.set('');
    this.themes.set(null);
    this.choices.set(null);
    this.chosen.set([]);
    if (!id) return;
    await this.load(async () => this.themes.set(await loadBoardThemes(this.apollo, id)));
  }

  protected pickTheme(id: string): void {
    this.themeId.set(id);
    this.chosen.set([]);
    this.choices.set(this.themes()?.find((t) => t.id === id)?.quotes ?? null);
  }

  protected async search(query: string): Promise<void> {
    const words = query.trim();
    if (!words) return;
    await this.load(async () => {
      const { data } = await firstValueFrom(
        this.apollo.query({
          query: SearchDocument,
          variables: {
            input: { projectId: this.projectId(), query: words, kinds: ['HIGHLIGHT'] },
            first: SEARCH_PAGE,
          },
          fetchPolicy: 'no-cache',
        }),
      );
      const hits = (data?.search.edges ?? []).flatMap(({ node }) =>
        node.highlight
          ? [
              {
                id: node.highlight.id,
                text: snippetParts(node.snippet)
                  .map((p) => p.text)
                  .join(''),
                source: node.segment.speaker
                  ? `${node.segment.speaker} · ${node.transcript.title}`
                  : node.transcript.title,
              },
            ]
          : [],
      );
      // Quotes ticked in an earlier search stay on the list, first.
      const kept = (this.found() ?? []).filter((q) => this.chosen().includes(q.id));
      const keptIds = new Set(kept.map((q) => q.id));
      this.found.set([...kept, ...hits.filter((h) => !keptIds.has(h.id))]);
    });
  }

  protected async add(): Promise<void> {
    const section = this.newSection();
    if (typeof section === 'string') {
      this.error.set(section);
      return;
    }
    this.error.set(null);
    const id = await this.store.add(section);
    if (!id) return;
    this.text.set('');
    this.chosen.set([]);
    this.added.emit(id);
  }

  /** The section to add, or what is missing. */
  private newSection(): NewSection | string {
    const chosen = [...this.chosen()];
    switch (this.kind()) {
      case 'TEXT':
        return this.text().trim() ? { kind: 'TEXT', text: this.text() } : 'Write the text first.';
      case 'INSIGHT':
        return this.insightId()
          ? { kind: 'INSIGHT', insightId: this.insightId(), highlightIds: chosen }
          : 'Choose an insight.';
      case 'THEME':
        return this.themeId()
          ? { kind: 'THEME', themeId: this.themeId(), highlightIds: chosen }
          : 'Choose a board, then one of its themes.';
      case 'QUOTES':
        return chosen.length
          ? { kind: 'QUOTES', highlightIds: chosen }
          : 'Find highlights and tick the quotes to show.';
      case 'CHART':
        return { kind: 'CHART', chart: { type: this.chartType() } };
    }
  }

  protected setChartType(type: string): void {
    const known = CHART_TYPES.find((c) => c.type === type);
    if (known) this.chartType.set(known.type);
  }

  private async load(work: () => Promise<void>): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      await work();
    } catch (err) {
      this.error.set(toAppError(err).message);
    } finally {
      this.loading.set(false);
    }
  }
}
