import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { Apollo } from 'apollo-angular';
import { toAppError } from '../../core/errors/app-error';
import { renderMarkdown } from '../../shared/markdown/markdown';
import { type QuoteChoice, loadInsightQuotes, loadThemeQuotes } from './quote-choices';
import { QuotePicker } from './quote-picker';
import { ReportQuotes, svgDataUrl } from './report-quotes';
import { type ReportSection, ReportStore } from './report-store';

export const MAX_SECTION_TEXT = 20_000;

const KIND_LABELS: Record<string, string> = {
  TEXT: 'Text',
  INSIGHT: 'Insight',
  THEME: 'Theme',
  QUOTES: 'Quotes',
  CHART: 'Chart',
};

export function sectionKindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

/** A short name of a section for buttons and announcements: "insight “Pricing confuses”". */
export function sectionName(section: ReportSection): string {
  switch (section.kind) {
    case 'INSIGHT':
      return `insight “${section.insight?.title ?? 'deleted'}”`;
    case 'THEME':
      return `theme “${section.theme?.title ?? 'deleted'}”`;
    case 'CHART':
      return `chart “${section.chartTitle ?? 'chart'}”`;
    case 'QUOTES':
      return `quotes (${section.quotes.length})`;
    default: {
      const words = section.text
        .replace(/[#*_>`[\]()-]/g, ' ')
        .trim()
        .split(/\s+/);
      const start = words.slice(0, 6).join(' ');
      return start ? `text “${start}${words.length > 6 ? '…' : ''}”` : 'text';
    }
  }
}

/**
 * One section's content as the report shows it, and for editors its edits: a text section's
 * Markdown with a preview beside it, and which quotes an insight, theme or quotes section shows.
 */
@Component({
  selector: 'vb-report-section',
  imports: [QuotePicker, ReportQuotes],
  templateUrl: './report-section.html',
  styleUrl: './report-section.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportSectionView {
  private readonly apollo = inject(Apollo);
  private readonly store = inject(ReportStore);
  private readonly injector = inject(Injector);
  private readonly textField = viewChild<ElementRef<HTMLTextAreaElement>>('textField');
  private readonly editButton = viewChild<ElementRef<HTMLButtonElement>>('editButton');

  readonly section = input.required<ReportSection>();
  readonly projectId = input.required<string>();
  readonly canEdit = input(false);

  protected readonly maxText = MAX_SECTION_TEXT;
  protected readonly kindLabel = sectionKindLabel;
  protected readonly busy = this.store.busy;
  protected readonly editingText = signal(false);
  protected readonly draft = signal('');
  protected readonly draftHtml = computed(() => renderMarkdown(this.draft()));
  protected readonly textHtml = computed(() => renderMarkdown(this.section().text));
  protected readonly bodyHtml = computed(() => {
    const s = this.section();
    return renderMarkdown(s.insight?.body ?? s.theme?.description ?? '');
  });
  protected readonly chartSrc = computed(() => {
    const svg = this.section().svg;
    return svg ? svgDataUrl(svg) : null;
  });
  protected readonly choosing = signal(false);
  protected readonly choices = signal<readonly QuoteChoice[] | null>(null);
  protected readonly chosen = signal<readonly string[]>([]);
  protected readonly error = signal<string | null>(null);
  protected readonly name = computed(() => sectionName(this.section()));
  protected readonly canChoose = computed(() =>
    ['INSIGHT', 'THEME', 'QUOTES'].includes(this.section().kind),
  );

  protected editText(): void {
    this.draft.set(this.section().text);
    this.error.set(null);
    this.editingText.set(true);
    afterNextRender(() => this.textField()?.nativeElement.focus(), { injector: this.injector });
  }

  protected closeText(): void {
    this.editingText.set(false);
    afterNextRender(() => this.editButton()?.nativeElement.focus(), { injector: this.injector });
  }

  protected async saveText(): Promise<void> {
    if (await this.store.updateSection(this.section(), { text: this.draft() })) this.closeText();
  }

  protected onTextKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') this.closeText();
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void this.saveText();
    }
  }

  protected async chooseQuotes(): Promise<void> {
    const s = this.section();
    this.error.set(null);
    this.choosing.set(true);
    this.chosen.set(s.highlightIds);
    this.choices.set(null);
    try {
      this.choices.set(await this.candidates(s));
    } catch (err) {
      this.error.set(toAppError(err).message);
    }
  }

  private candidates(s: ReportSection): Promise<QuoteChoice[]> | QuoteChoice[] {
    if (s.kind === 'INSIGHT' && s.insightId) return loadInsightQuotes(this.apollo, s.insightId);
    if (s.kind === 'THEME' && s.themeId)
      return loadThemeQuotes(this.apollo, this.projectId(), s.themeId);
    return s.quotes.map((q) => ({
      id: q.highlightId,
      text: q.text,
      source: q.speaker ? `${q.speaker} · ${q.transcriptTitle}` : q.transcriptTitle,
    }));
  }

  protected async saveQuotes(): Promise<void> {
    if (await this.store.updateSection(this.section(), { highlightIds: [...this.chosen()] }))
      this.choosing.set(false);
  }
}
