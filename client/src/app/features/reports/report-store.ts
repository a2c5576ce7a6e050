import { Injectable, inject, signal } from '@angular/core';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { type AppError, toAppError } from '../../core/errors/app-error';
import type {
  AddReportSectionInput,
  ReportDetailFragment,
  ReportSectionItemFragment,
  UpdateReportSectionInput,
} from '@verbatim/contracts';
import {
  AddReportSectionDocument,
  MoveReportSectionDocument,
  RemoveReportSectionDocument,
  ReportDocument,
  ReportPreviewDocument,
  UpdateReportDocument,
  UpdateReportSectionDocument,
} from '@verbatim/contracts/reports';
import { afterSectionId, moveInOrder } from './report-order';

export type Report = ReportDetailFragment;
export type ReportSection = ReportSectionItemFragment;
export type NewSection = Omit<AddReportSectionInput, 'reportId'>;
export type SectionChanges = Omit<UpdateReportSectionInput, 'sectionId' | 'version'>;

export const ORDER_CONFLICT = 'Someone else changed this report; here is its current order.';
export const REPORT_CONFLICT = 'Someone else changed this report; here it is as it is now.';
export const SECTION_CONFLICT =
  'Someone else changed this section meanwhile; here it is as it is now. Make your change again if it is still needed.';

/**
 * One report being built: its sections in order, the changes sent with the version they were
 * made on, and the preview read again after each change. A change refused as stale (CONFLICT)
 * reads the report again and says so in `notice`.
 */
@Injectable()
export class ReportStore {
  private readonly apollo = inject(Apollo);
  private id: string | null = null;
  private previewGeneration = 0;
  private moveChain: Promise<unknown> = Promise.resolve();
  private pendingMoves = 0;
  /** Grows when a move fails: the moves queued behind it are not sent. */
  private moveGeneration = 0;

  readonly report = signal<Report | null>(null);
  readonly loadError = signal<AppError | null>(null);
  /** What happened that the user did not do (a colleague's change), shown until the next action. */
  readonly notice = signal<string | null>(null);
  readonly error = signal<string | null>(null);
  readonly busy = signal(false);
  readonly previewHtml = signal<string | null>(null);
  readonly previewLoading = signal(false);

  async open(id: string): Promise<void> {
    this.id = id;
    this.report.set(null);
    this.loadError.set(null);
    this.previewHtml.set(null);
    try {
      await this.reload();
    } catch (err) {
      this.loadError.set(toAppError(err));
    }
  }

  /** Reads the report again (and its preview, unless the caller reads it itself). */
  async reload(preview = true): Promise<void> {
    const id = this.id;
    if (!id) return;
    const { data } = await firstValueFrom(
      this.apollo.query({ query: ReportDocument, variables: { id }, fetchPolicy: 'no-cache' }),
    );
    if (data && this.id === id) this.report.set(data.report);
    if (preview) void this.refreshPreview();
  }

  /** The report as the export will look: read after each change; the last answer wins. */
  async refreshPreview(): Promise<void> {
    const id = this.id;
    if (!id) return;
    const generation = ++this.previewGeneration;
    this.previewLoading.set(true);
    try {
      const { data } = await firstValueFrom(
        this.apollo.query({
          query: ReportPreviewDocument,
          variables: { id },
          fetchPolicy: 'no-cache',
        }),
      );
      if (generation === this.previewGeneration && data)
        this.previewHtml.set(data.report.previewHtml);
    } catch {
      // The builder stays usable without its preview; the next change asks again.
    } finally {
      if (generation === this.previewGeneration) this.previewLoading.set(false);
    }
  }

  rename(title: string): Promise<boolean> {
    return this.updateReport({ title });
  }

  setPseudonymize(pseudonymize: boolean): Promise<boolean> {
    return this.updateReport({ pseudonymize });
  }

  private updateReport(change: { title?: string; pseudonymize?: boolean }): Promise<boolean> {
    return this.act(REPORT_CONFLICT, async (report) => {
      const { data } = await firstValueFrom(
        this.apollo.mutate({
          mutation: UpdateReportDocument,
          variables: { input: { reportId: report.id, version: report.version, ...change } },
        }),
      );
      if (data) this.report.set(data.updateReport);
    });
  }

  /**
   * Moves the section at `from` to `to`: shown at once, sent with the version it was made on.
   * Moves made while one is on its way (keys pressed in a row) wait for it and are sent with the
   * version it answered. Refused as stale, the report is read again, `notice` says why the order
   * is not the user's, and the moves still waiting are dropped.
   */
  move(from: number, to: number): Promise<boolean> {
    const report = this.report();
    if (!report || from === to) return Promise.resolve(false);
    const ids = report.sections.map((s) => s.id);
    const sectionId = ids[from];
    if (!sectionId) return Promise.resolve(false);
    const after = afterSectionId(ids, from, to);
    this.report.set({ ...report, sections: moveInOrder(report.sections, from, to) });
    const generation = this.moveGeneration;
    this.pendingMoves += 1;
    const run = this.moveChain.then(async () => {
      if (generation !== this.moveGeneration) return false;
      const ok = await this.act(ORDER_CONFLICT, async (current) => {
        const { data } = await firstValueFrom(
          this.apollo.mutate({
            mutation: MoveReportSectionDocument,
            variables: { input: { sectionId, afterSectionId: after, version: current.version } },
          }),
        );
        if (!data) return;
        const saved = data.moveReportSection;
        // Later moves are already shown: keep showing them, with the version to send them on.
        if (this.pendingMoves > 1)
          this.report.update((r) => (r ? { ...r, version: saved.version } : r));
        else this.report.set(saved);
      });
      if (!ok) this.moveGeneration += 1;
      return ok;
    });
    const settled = run.finally(() => (this.pendingMoves -= 1));
    this.moveChain = settled.catch(() => false);
    return settled;
  }

  remove(sectionId: string): Promise<boolean> {
    return this.act(REPORT_CONFLICT, async () => {
      const { data } = await firstValueFrom(
        this.apollo.mutate({ mutation: RemoveReportSectionDocument, variables: { id: sectionId } }),
      );
      if (data) this.report.set(data.removeReportSection);
    });
  }

  /** Adds a section (at the end unless `afterSectionId`); answers its id. */
  async add(section: NewSection): Promise<string | null> {
    let id: string | null = null;
    await this.act(REPORT_CONFLICT, async (report) => {
      const { data } = await firstValueFrom(
        this.apollo.mutate({
          mutation: AddReportSectionDocument,
          variables: { input: { ...section, reportId: report.id } },
        }),
      );
      id = data?.addReportSection.id ?? null;
      await this.reload(false);
    });
    return id;
  }

  /** Edits a section's text, chosen quotes or chart, with the section's version. */
  updateSection(section: ReportSection, changes: SectionChanges): Promise<boolean> {
    return this.act(SECTION_CONFLICT, async () => {
      await firstValueFrom(
        this.apollo.mutate({
          mutation: UpdateReportSectionDocument,
          variables: { input: { ...changes, sectionId: section.id, version: section.version } },
        }),
      );
      await this.reload(false);
    });
  }

  /**
   * Runs a change: busy meanwhile, the preview read again after it, CONFLICT answered by reading
   * the report again with `conflictNotice`; other errors in `error`. True when it went through.
   */
  private async act(conflictNotice: string, change: (report: Report) => Promise<void>) {
    const report = this.report();
    if (!report) return false;
    this.busy.set(true);
    this.error.set(null);
    this.notice.set(null);
    try {
      await change(report);
      void this.refreshPreview();
      return true;
    } catch (err) {
      const failure = toAppError(err);
      if (failure.code === 'CONFLICT') {
        this.notice.set(conflictNotice);
        await this.reload().catch(() => undefined);
      } else {
        this.error.set(failure.message);
        // What was shown optimistically (an order) goes back to what the server has.
        await this.reload().catch(() => undefined);
      }
      return false;
    } finally {
      this.busy.set(false);
    }
  }
}
