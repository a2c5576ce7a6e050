import { Injectable } from '@nestjs/common';
import { generateKeyBetween } from 'fractional-indexing';
import { DataSource, type EntityManager } from 'typeorm';
import { type AuthUser } from '../../common/auth/auth-user';
import { badInput, conflict, notFound } from '../../common/errors/domain-error';
import { type Db, executeSql, queryFirstRow, queryOneRow, queryRows } from '../../database/sql';
import { inTransaction } from '../../database/transaction';
import { ActivityService } from '../activity/activity.service';
import { ReportChartType, type ReportChartSpec, ReportSectionKind } from './report.entity';
import { type ReportRow } from './report-content';
import { ReportChangeKind, ReportEvents } from './report-events';
import {
  type AddReportSectionInput,
  type CreateReportInput,
  MAX_SECTIONS,
  type MoveReportSectionInput,
  type ReportChartInput,
  type UpdateReportInput,
  type UpdateReportSectionInput,
} from './reports.types';

const REPORT_COLUMNS = `r.id, r.project_id, p.workspace_id, r.title, r.pseudonymize, r.version, r.created_at, r.updated_at`;

/**
 * Reports: create, edit, arrange and delete them and their sections.
 *
 * Concurrency: every change locks the report's row first (so changes of one report run one after
 * another) and bumps its `version`. A move names the report version it was made on, and a stale
 * one is refused with CONFLICT (`extensions.version` says the current one): two people moving
 * sections at once end with one move applied and the other told, never a mixed order. Editing a
 * section's content names that section's version instead, so a colleague's moves do not refuse
 * the text someone is typing. Positions are fractional indexes: a move writes one row.
 *
 * Ids given for content (insightId, themeId, highlightIds, chart tagIds) must be of the report's
 * project, else BAD_USER_INPUT and nothing is stored.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly db: DataSource,
    private readonly activity: ActivityService,
    private readonly events: ReportEvents,
  ) {}

  async get(id: string, db: Db = this.db): Promise<ReportRow> {
    const row = await queryFirstRow<ReportRow>(
      db,
      `SELECT ${REPORT_COLUMNS} FROM report r JOIN project p ON p.id = r.project_id WHERE r.id = $1`,
      [id],
    );
    if (!row) throw notFound('Report');
    return row;
  }

  async list(projectId: string): Promise<ReportRow[]> {
    return queryRows<ReportRow>(
      this.db,
      `SELECT ${REPORT_COLUMNS} FROM report r JOIN project p ON p.id = r.project_id
        WHERE r.project_id = $1 ORDER BY r.updated_at DESC, r.id LIMIT 500`,
      [projectId],
    );
  }

  async create(user: AuthUser, input: CreateReportInput): Promise<ReportRow> {
    const title = input.title.trim();
    if (!title) throw badInput('title must not be empty');
    const id = await inTransaction(this.db, async (tx) => {
      const { id } = await queryOneRow<{ id: string }>(
        tx,
        `INSERT INTO report (project_id, title, pseudonymize, created_by_id) VALUES ($1, $2, $3, $4) RETURNING id`,
        [input.projectId, title, input.pseudonymize ?? false, user.id],
      );
      await this.activity.recordInProject(tx, {
        projectId: input.projectId,
        actorId: user.id,
        verb: 'report.created',
        summary: `${user.name} created the report “${title}”`,
        data: { reportId: id },
      });
      return id;
    });
    return this.get(id);
  }

  async update(user: AuthUser, input: UpdateReportInput): Promise<ReportRow> {
    const title = input.title?.trim();
    if (input.title != null && !title) throw badInput('title must not be empty');
    await this.change(user, input.reportId, input.version, async (tx, report) => {
      await executeSql(tx, `UPDATE report SET title = $2, pseudonymize = $3 WHERE id = $1`, [
        report.id,
        title ?? report.title,
        input.pseudonymize ?? report.pseudonymize,
      ]);
      if (input.pseudonymize != null && input.pseudonymize !== report.pseudonymize)
        await this.record(
          tx,
          user,
          report,
          'report.pseudonymized',
          input.pseudonymize
            ? `${user.name} turned pseudonyms on in the report “${report.title}”`
            : `${user.name} turned pseudonyms off in the report “${report.title}”`,
        );
    });
    return this.get(input.reportId);
  }

  async delete(user: AuthUser, id: string): Promise<string> {
    await this.change(user, id, null, async (tx, report) => {
      await executeSql(tx, `DELETE FROM report WHERE id = $1`, [id]);
      await this.record(
        tx,
        user,
        report,
        'report.deleted',
        `${user.name} deleted the report “${report.title}”`,
      );
    });
    return id;
  }

  async addSection(user: AuthUser, input: AddReportSectionInput): Promise<string> {
    let sectionId = '';
    await this.change(user, input.reportId, null, async (tx, report) => {
      const { n } = await queryOneRow<{ n: number }>(
        tx,
        `SELECT count(*)::int AS n FROM report_section WHERE report_id = $1`,
        [report.id],
      );
      if (n >= MAX_SECTIONS) throw badInput(`A report has at most ${MAX_SECTIONS} sections.`);
      const content = await this.content(tx, report.project_id, input.kind, input);
      const after = input.afterSectionId
        ? await this.positionOf(tx, report.id, input.afterSectionId)
        : await this.lastPosition(tx, report.id);
      const position = await this.placeAfter(tx, report.id, after);
      const row = await queryOneRow<{ id: string }>(
        tx,
        `INSERT INTO report_section (report_id, kind, position, text, insight_id, theme_id, highlight_ids, chart)
         VALUES ($1, $2::report_section_kind, $3, $4, $5, $6, $7::uuid[], $8::jsonb) RETURNING id`,
        [
          report.id,
          input.kind,
          position,
          input.text ?? '',
          content.insightId,
          content.themeId,
          content.highlightIds,
          content.chart ? JSON.stringify(content.chart) : null,
        ],
      );
      sectionId = row.id;
    });
    return sectionId;
  }

  async updateSection(user: AuthUser, input: UpdateReportSectionInput): Promise<string> {
    const reportId = await this.reportOfSection(input.sectionId);
    await this.change(user, reportId, null, async (tx, report) => {
      const section = await queryFirstRow<{
        kind: ReportSectionKind;
        version: number;
        text: string;
        highlight_ids: string[];
        chart: ReportChartSpec | null;
      }>(
        tx,
        `SELECT kind, version, text, highlight_ids, chart FROM report_section WHERE id = $1 AND report_id = $2`,
        [input.sectionId, report.id],
      );
      if (!section) throw notFound('Report section');
      if (section.version !== input.version)
        throw conflict('Someone changed this section since you opened it.', {
          version: section.version,
        });
      const content = await this.content(tx, report.project_id, section.kind, {
        highlightIds: input.highlightIds ?? section.highlight_ids,
        chart: input.chart ?? section.chart,
        // An INSIGHT or THEME section keeps what it shows; only its chosen quotes change.
        insightId: null,
        themeId: null,
        update: true,
      });
      await executeSql(
        tx,
        `UPDATE report_section SET text = $2, highlight_ids = $3::uuid[], chart = $4::jsonb, version = version + 1
          WHERE id = $1`,
        [
          input.sectionId,
          input.text ?? section.text,
          content.highlightIds,
          content.chart ? JSON.stringify(content.chart) : null,
        ],
      );
    });
    return reportId;
  }

  async moveSection(user: AuthUser, input: MoveReportSectionInput): Promise<string> {
    const reportId = await this.reportOfSection(input.sectionId);
    await this.change(user, reportId, input.version, async (tx, report) => {
      if (input.afterSectionId === input.sectionId)
        throw badInput('A section cannot be placed after itself.');
      const after = input.afterSectionId
        ? await this.positionOf(tx, report.id, input.afterSectionId)
        : null;
      const position = await this.placeAfter(tx, report.id, after, input.sectionId);
      await executeSql(tx, `UPDATE report_section SET position = $2 WHERE id = $1`, [
        input.sectionId,
        position,
      ]);
    });
    return reportId;
  }

  async removeSection(user: AuthUser, sectionId: string): Promise<string> {
    const reportId = await this.reportOfSection(sectionId);
    await this.change(user, reportId, null, async (tx) => {
      await executeSql(tx, `DELETE FROM report_section WHERE id = $1`, [sectionId]);
    });
    return reportId;
  }

  async reportOfSection(sectionId: string): Promise<string> {
    const row = await queryFirstRow<{ report_id: string }>(
      this.db,
      `SELECT report_id FROM report_section WHERE id = $1`,
      [sectionId],
    );
    if (!row) throw notFound('Report section');
    return row.report_id;
  }

  async record(
    tx: EntityManager,
    user: AuthUser,
    report: ReportRow,
    verb: string,
    summary: string,
    data: Record<string, unknown> = {},
  ): Promise<void> {
    await this.activity.record(tx, {
      workspaceId: report.workspace_id,
      projectId: report.project_id,
      actorId: user.id,
      verb,
      summary,
      data: { reportId: report.id, ...data },
    });
  }

  /**
   * Runs a change of a report: locks its row, checks the version when one is given (stale:
   * CONFLICT with the current version), runs `work`, and bumps the version.
   */
  private async change(
    user: AuthUser,
    reportId: string,
    version: number | null,
    work: (tx: EntityManager, report: ReportRow) => Promise<void>,
  ): Promise<void> {
    const next = await inTransaction(this.db, async (tx) => {
      const report = await queryFirstRow<ReportRow>(
        tx,
        `SELECT ${REPORT_COLUMNS} FROM report r JOIN project p ON p.id = r.project_id WHERE r.id = $1 FOR UPDATE OF r`,
        [reportId],
      );
      if (!report) throw notFound('Report');
      if (version != null && version !== report.version)
        throw conflict(
          'Someone changed this report since you opened it: reload it and try again.',
          {
            version: report.version,
          },
        );
      await work(tx, report);
      await executeSql(
        tx,
        `UPDATE report SET version = version + 1, updated_at = now() WHERE id = $1`,
        [reportId],
      );
      return report.version + 1;
    });
    await this.events.publish({
      kind: ReportChangeKind.UPDATED,
      reportId,
      version: next,
      actorId: user.id,
    });
  }

  /** Checks the ids a section shows against the report's project; what is stored. */
  private async content(
    tx: EntityManager,
    projectId: string,
    kind: ReportSectionKind,
    input: {
      insightId?: string | null;
      themeId?: string | null;
      highlightIds?: string[] | null;
      chart?: ReportChartInput | ReportChartSpec | null;
      update?: boolean;
    },
  ): Promise<{
    insightId: string | null;
    themeId: string | null;
    highlightIds: string[];
    chart: ReportChartSpec | null;
  }> {
    const highlightIds = [...new Set(input.highlightIds ?? [])];
    let insightId: string | null = null;
    let themeId: string | null = null;
    let chart: ReportChartSpec | null = null;
    if (!input.update) {
      if (kind === ReportSectionKind.INSIGHT) {
        if (!input.insightId) throw badInput('An INSIGHT section needs insightId.');
        const ok = await queryFirstRow(
          tx,
          `SELECT 1 FROM insight WHERE id = $1 AND project_id = $2`,
          [input.insightId, projectId],
        );
        if (!ok) throw badInput("insightId must be an insight of the report's project.");
        insightId = input.insightId;
      } else if (input.insightId) throw badInput('insightId is only for INSIGHT sections.');
      if (kind === ReportSectionKind.THEME) {
        if (!input.themeId) throw badInput('A THEME section needs themeId.');
        const ok = await queryFirstRow(
          tx,
          `SELECT 1 FROM board_theme t JOIN board b ON b.id = t.board_id WHERE t.id = $1 AND b.project_id = $2`,
          [input.themeId, projectId],
        );
        if (!ok) throw badInput("themeId must be a theme of a board of the report's project.");
        themeId = input.themeId;
      } else if (input.themeId) throw badInput('themeId is only for THEME sections.');
    }
    if (highlightIds.length) {
      if (kind === ReportSectionKind.TEXT || kind === ReportSectionKind.CHART)
        throw badInput('highlightIds are for INSIGHT, THEME and QUOTES sections.');
      const { n } = await queryOneRow<{ n: number }>(
        tx,
        `SELECT count(*)::int AS n FROM highlight WHERE id = ANY($1::uuid[]) AND project_id = $2`,
        [highlightIds, projectId],
      );
      if (n !== highlightIds.length)
        throw badInput("highlightIds must be highlights of the report's project.");
    }
    if (kind === ReportSectionKind.CHART) {
      if (!input.chart) throw badInput('A CHART section needs chart.');
      const tagIds = [...new Set(input.chart.tagIds ?? [])];
      if (tagIds.length) {
        const { n } = await queryOneRow<{ n: number }>(
          tx,
          `SELECT count(*)::int AS n FROM tag WHERE id = ANY($1::uuid[]) AND project_id = $2`,
          [tagIds, projectId],
        );
        if (n !== tagIds.length)
          throw badInput("chart.tagIds must be tags of the report's project.");
      }
      if (!Object.values(ReportChartType).includes(input.chart.type))
        throw badInput('chart.type is not a chart this report can draw.');
      chart = { type: input.chart.type, tagIds };
    } else if (input.chart && !input.update) throw badInput('chart is only for CHART sections.');
    return { insightId, themeId, highlightIds, chart };
  }

  private async positionOf(
    tx: EntityManager,
    reportId: string,
    sectionId: string,
  ): Promise<string> {
    const row = await queryFirstRow<{ position: string }>(
      tx,
      `SELECT position FROM report_section WHERE id = $1 AND report_id = $2`,
      [sectionId, reportId],
    );
    if (!row) throw badInput('afterSectionId must be a section of this report.');
    return row.position;
  }

  private async lastPosition(tx: EntityManager, reportId: string): Promise<string | null> {
    const row = await queryFirstRow<{ position: string | null }>(
      tx,
      `SELECT max(position) AS position FROM report_section WHERE report_id = $1`,
      [reportId],
    );
    return row?.position ?? null;
  }

  /** A key right after `after` (first when null), skipping the section being moved. */
  private async placeAfter(
    tx: EntityManager,
    reportId: string,
    after: string | null,
    moving: string | null = null,
  ): Promise<string> {
    const next = await queryFirstRow<{ position: string }>(
      tx,
      `SELECT position FROM report_section
        WHERE report_id = $1 AND ($2::text IS NULL OR position > $2::text) AND id IS DISTINCT FROM $3::uuid
        ORDER BY position LIMIT 1`,
      [reportId, after, moving],
    );
    return generateKeyBetween(after, next?.position ?? null);
  }
}
