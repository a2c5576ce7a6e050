import { LiveAnnouncer } from '@angular/cdk/a11y';
import { CdkDrag, type CdkDragDrop, CdkDragHandle, CdkDropList } from '@angular/cdk/drag-drop';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import type { ExportFormat, ExportItemFragment } from '@verbatim/contracts';
import { ExportReportDocument } from '@verbatim/contracts/reports';
import { ConfirmAction } from '../../shared/confirm-action';
import { type ExportChoice, ExportControl } from '../../shared/exports/export-control';
import { NotFound, isNotFound } from '../../shared/not-found';
import { RenameForm } from '../../shared/rename-form';
import { projectContext } from '../evidence/project-context';
import { AddSection } from './add-section';
import { describePosition, focusAfterRemoval, stepIndex } from './report-order';
import { ReportPreview } from './report-preview';
import { ReportSectionView, sectionName } from './report-section';
import { ReportStore } from './report-store';
import { MAX_REPORT_TITLE } from './reports-page';
import { SharePanel } from './share-panel';

export const REPORT_EXPORTS: readonly ExportChoice[] = [
  { format: 'PDF', label: 'PDF' },
  { format: 'DOCX', label: 'Word (.docx)' },
  { format: 'HTML', label: 'HTML' },
  { format: 'MARKDOWN', label: 'Markdown' },
];

type Control = 'handle' | 'up' | 'down';

/**
 * The report builder: the title, the pseudonyms switch, the sections in order (dragged, or moved
 * with the keyboard on their handle or with the Move buttons), adding and removing sections, the
 * live preview, exports and share links. Commenters and viewers read it without the controls.
 */
@Component({
  selector: 'vb-report-page',
  imports: [
    RouterLink,
    CdkDropList,
    CdkDrag,
    CdkDragHandle,
    NotFound,
    RenameForm,
    ConfirmAction,
    ExportControl,
    ReportSectionView,
    AddSection,
    ReportPreview,
    SharePanel,
  ],
  providers: [ReportStore],
  templateUrl: './report-page.html',
  styleUrl: './report-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportPage {
  private readonly apollo = inject(Apollo);
  private readonly store = inject(ReportStore);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly title = inject(Title);
  private readonly adder = viewChild(AddSection);

  readonly projectId = input.required<string>();
  readonly reportId = input.required<string>();

  protected readonly ctx = projectContext(() => this.projectId(), 'Report');
  protected readonly report = this.store.report;
  protected readonly sections = computed(() => this.report()?.sections ?? []);
  protected readonly notFound = computed(
    () => this.ctx.notFound() || isNotFound(this.store.loadError()),
  );
  protected readonly loadError = this.store.loadError;
  protected readonly notice = this.store.notice;
  protected readonly error = this.store.error;
  protected readonly busy = this.store.busy;
  protected readonly previewHtml = this.store.previewHtml;
  protected readonly previewLoading = this.store.previewLoading;
  protected readonly canEdit = computed(() => this.ctx.can().edit);
  protected readonly renaming = signal(false);
  protected readonly showPreview = signal(true);
  protected readonly maxTitle = MAX_REPORT_TITLE;
  protected readonly exportFormats = REPORT_EXPORTS;
  protected readonly sectionName = sectionName;
  protected readonly requestExport = (format: ExportFormat) => this.exportReport(format);

  constructor() {
    effect(() => {
      const id = this.reportId();
      untracked(() => void this.store.open(id));
    });
    effect(() => {
      const report = this.report();
      const project = this.ctx.project();
      if (report)
        this.title.setTitle(
          `${report.title} · ${project ? `${project.name} · ` : ''}Report · Verbatim`,
        );
    });
  }

  protected async rename(title: string): Promise<void> {
    const trimmed = title.trim();
    if (!trimmed) {
      this.store.error.set('Give the report a title.');
      return;
    }
    if (await this.store.rename(trimmed)) this.renaming.set(false);
  }

  protected async setPseudonyms(box: HTMLInputElement): Promise<void> {
    const saved = await this.store.setPseudonymize(box.checked);
    // Refused (a colleague's change first): the switch shows what the report has, even when the
    // bound value did not change and Angular would leave the box as the user left it.
    if (!saved) box.checked = this.report()?.pseudonymize ?? false;
  }

  protected async dropped(event: CdkDragDrop<unknown>): Promise<void> {
    if (event.previousIndex === event.currentIndex) return;
    await this.moveTo(event.previousIndex, event.currentIndex, 'handle');
  }

  protected async step(index: number, step: -1 | 1, control: Control): Promise<void> {
    const to = stepIndex(this.sections().length, index, step);
    if (to === null) {
      this.announce(step < 0 ? 'Already first.' : 'Already last.');
      return;
    }
    await this.moveTo(index, to, control);
  }

  /** ArrowUp/ArrowDown on a section's handle move it; the focus stays on the handle. */
  protected async onHandleKey(event: KeyboardEvent, index: number): Promise<void> {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    event.preventDefault();
    await this.step(index, event.key === 'ArrowUp' ? -1 : 1, 'handle');
  }

  private async moveTo(from: number, to: number, control: Control): Promise<void> {
    const section = this.sections()[from];
    if (!section) return;
    const moved = this.store.move(from, to);
    this.focus(section.id, control);
    const ok = await moved;
    if (ok) {
      const at = this.sections().findIndex((s) => s.id === section.id);
      this.announce(
        `Moved ${sectionName(section)} to ${describePosition(at, this.sections().length)}.`,
      );
    } else if (this.notice()) this.announce(this.notice() ?? '');
    this.focus(section.id, control);
  }

  protected async remove(sectionId: string): Promise<void> {
    const ids = this.sections().map((s) => s.id);
    const next = focusAfterRemoval(ids, sectionId);
    const section = this.sections().find((s) => s.id === sectionId);
    if (await this.store.remove(sectionId)) {
      this.announce(`Removed ${section ? sectionName(section) : 'the section'}.`);
      if (next) this.focus(next, 'handle');
      else afterNextRender(() => this.adder()?.focus(), { injector: this.injector });
    }
  }

  protected sectionAdded(id: string): void {
    this.announce('Section added at the end.');
    this.focus(id, 'handle');
  }

  /** Focuses a section's control after the next render (its Move button, else its handle). */
  private focus(sectionId: string, control: Control): void {
    afterNextRender(
      () => {
        const item = this.host.nativeElement.querySelector(
          `[data-section-id="${CSS.escape(sectionId)}"]`,
        );
        const wanted = item?.querySelector<HTMLButtonElement>(`[data-control="${control}"]`);
        const target =
          wanted && !wanted.disabled
            ? wanted
            : item?.querySelector<HTMLElement>('[data-control="handle"]');
        target?.focus();
        target?.scrollIntoView({ block: 'nearest' });
      },
      { injector: this.injector },
    );
  }

  private announce(message: string): void {
    void this.announcer.announce(message, 'polite');
  }

  private async exportReport(format: ExportFormat): Promise<ExportItemFragment> {
    const { data } = await firstValueFrom(
      this.apollo.mutate({
        mutation: ExportReportDocument,
        variables: { input: { reportId: this.reportId(), format } },
      }),
    );
    if (!data) throw new Error('The export could not be started.');
    return data.exportReport;
  }
}
