import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type KnownSpeaker,
  Pseudonyms,
  type ReportDocSection,
  type ReportDocument,
  tagFrequencyChart,
  tagParticipantHeatmap,
} from '@verbatim/interop';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { type Db, queryRows } from '../../database/sql';
import { ReportChartType, type ReportChartSpec, ReportSectionKind } from './report.entity';
import {
  DEFAULT_QUOTES_PER_SECTION,
  type ReportQuoteType,
  type ReportSectionType,
} from './reports.types';

/** A report's row as the module reads it. */
export interface ReportRow {
  id: string;
  project_id: string;
  workspace_id: string;
  title: string;
  pseudonymize: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}

interface SectionRow {
  id: string;
  kind: ReportSectionKind;
  position: string;
  version: number;
  text: string;
  insight_id: string | null;
  theme_id: string | null;
  highlight_ids: string[];
  chart: ReportChartSpec | null;
}

interface QuoteRow {
  id: string;
  quote: string;
  transcript_id: string;
  transcript_title: string;
  segment_id: string;
  start_ms: number | null;
  participant_id: string | null;
  speaker_label: string | null;
  display_name: string | null;
}

/** What resolving a report needs of it. */
export type ReportRef = Pick<ReportRow, 'id' | 'project_id' | 'title' | 'pseudonymize'>;

/** A report with every section's content resolved, pseudonyms applied when the report asks. */
export interface ResolvedReport {
  report: ReportRef;
  sections: ReportSectionType[];
  document: ReportDocument;
}

/** How many tags a chart shows when none are chosen, and participants a heatmap shows. */
const CHART_DEFAULT_TAGS = 12;
const HEATMAP_PARTICIPANTS = 12;

/**
 * Reads what a report shows: its sections in order, each with its insight, theme, quotes or chart,
 * from the report's own project only (an id of another project, written before a check or by
 * hand, shows nothing). One statement per kind of content, whatever the number of sections.
 *
 * Pseudonyms (when `pseudonymize` is on): speakers are "Participant A, B…" in order of first
 * appearance in the report, top to bottom (see Pseudonyms in libs/interop), and every known
 * participant name inside quote text, titles and Markdown of the report's sections is replaced.
 */
@Injectable()
export class ReportContent {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async sectionRows(db: Db, reportId: string): Promise<SectionRow[]> {
    return queryRows<SectionRow>(
      db,
      `SELECT id, kind, position, version, text, insight_id, theme_id, highlight_ids, chart
         FROM report_section WHERE report_id = $1 ORDER BY position`,
      [reportId],
    );
  }

  async resolve(report: ReportRef, generatedAt: Date): Promise<ResolvedReport> {
    const rows = await this.sectionRows(this.db, report.id);
    const projectId = report.project_id;
    const insightIds = unique(rows.map((r) => r.insight_id));
    const themeIds = unique(rows.map((r) => r.theme_id));
    const [insights, themes, evidence, cards] = await Promise.all([
      queryRows<{ id: string; title: string; body: string; status: string }>(
        this.db,
        `SELECT id, title, body, status FROM insight WHERE id = ANY($1::uuid[]) AND project_id = $2`,
        [insightIds, projectId],
      ),
      queryRows<{ id: string; title: string; description: string }>(
        this.db,
        `SELECT t.id, t.title, t.description FROM board_theme t JOIN board b ON b.id = t.board_id
          WHERE t.id = ANY($1::uuid[]) AND b.project_id = $2`,
        [themeIds, projectId],
      ),
      queryRows<{ insight_id: string; highlight_ids: string[] }>(
        this.db,
        `SELECT insight_id, (array_agg(highlight_id ORDER BY position))[1:$2] AS highlight_ids
           FROM insight_evidence WHERE insight_id = ANY($1::uuid[]) GROUP BY insight_id`,
        [insightIds, DEFAULT_QUOTES_PER_SECTION],
      ),
      queryRows<{ theme_id: string; highlight_ids: string[] }>(
        this.db,
        `SELECT theme_id, (array_agg(highlight_id ORDER BY position))[1:$2] AS highlight_ids
           FROM board_card WHERE theme_id = ANY($1::uuid[]) AND highlight_id IS NOT NULL GROUP BY theme_id`,
        [themeIds, DEFAULT_QUOTES_PER_SECTION],
      ),
    ]);
    const insightById = new Map(insights.map((i) => [i.id, i]));
    const themeById = new Map(themes.map((t) => [t.id, t]));
    const evidenceOf = new Map(evidence.map((e) => [e.insight_id, e.highlight_ids]));
    const cardsOf = new Map(cards.map((c) => [c.theme_id, c.highlight_ids]));

    const quoteIdsOf = (row: SectionRow): string[] => {
      if (row.highlight_ids.length) return row.highlight_ids;
      if (row.kind === ReportSectionKind.INSIGHT && row.insight_id)
        return evidenceOf.get(row.insight_id) ?? [];
      if (row.kind === ReportSectionKind.THEME && row.theme_id)
        return cardsOf.get(row.theme_id) ?? [];
      return [];
    };
    const allQuoteIds = unique(rows.flatMap(quoteIdsOf));
    const quoteRows = await this.quotes(projectId, allQuoteIds);
    const quoteById = new Map(quoteRows.map((q) => [q.id, q]));
    const pseudonyms = report.pseudonymize ? await this.pseudonyms(projectId, quoteRows) : null;
    const scrub = (text: string) => (pseudonyms ? pseudonyms.scrub(text) : text);

    const sections: ReportSectionType[] = [];
    const docSections: ReportDocSection[] = [];
    for (const [index, row] of rows.entries()) {
      const quotes = quoteIdsOf(row)
        .map((id) => quoteById.get(id))
        .filter((q): q is QuoteRow => !!q)
        .map((q) => this.quote(q, pseudonyms));
      const insight = row.insight_id ? insightById.get(row.insight_id) : undefined;
      const theme = row.theme_id ? themeById.get(row.theme_id) : undefined;
      const chart =
        row.kind === ReportSectionKind.CHART && row.chart
          ? await this.chart(projectId, row.chart, pseudonyms)
          : null;
      const text = scrub(row.text);
      sections.push({
        id: row.id,
        kind: row.kind,
        position: index,
        version: row.version,
        text: row.text,
        insightId: row.insight_id,
        themeId: row.theme_id,
        highlightIds: row.highlight_ids,
        chart: row.chart ? { type: row.chart.type, tagIds: row.chart.tagIds ?? [] } : null,
        insight: insight
          ? { ...insight, title: scrub(insight.title), body: scrub(insight.body) }
          : null,
        theme: theme
          ? { ...theme, title: scrub(theme.title), description: scrub(theme.description) }
          : null,
        quotes,
        svg: chart?.svg ?? null,
        chartTitle: chart?.title ?? null,
      });
      const docQuotes = quotes.map((q) => ({
        text: q.text,
        speaker: q.speaker,
        transcriptTitle: q.transcriptTitle,
        startMs: q.startMs,
        link: q.link,
      }));
      if (text.trim() && row.kind !== ReportSectionKind.TEXT)
        docSections.push({ kind: 'TEXT', markdown: text });
      switch (row.kind) {
        case ReportSectionKind.TEXT:
          docSections.push({ kind: 'TEXT', markdown: text });
          break;
        case ReportSectionKind.INSIGHT:
          docSections.push({
            kind: 'INSIGHT',
            title: insight ? scrub(insight.title) : null,
            body: insight ? scrub(insight.body) : '',
            status: insight?.status ?? null,
            quotes: insight ? docQuotes : [],
          });
          break;
        case ReportSectionKind.THEME:
          docSections.push({
            kind: 'THEME',
            title: theme ? scrub(theme.title) : null,
            description: theme ? scrub(theme.description) : '',
            quotes: theme ? docQuotes : [],
          });
          break;
        case ReportSectionKind.QUOTES:
          docSections.push({ kind: 'QUOTES', quotes: docQuotes });
          break;
        case ReportSectionKind.CHART:
          if (chart) docSections.push({ kind: 'CHART', title: chart.title, svg: chart.svg });
          break;
      }
    }
    return {
      report,
      sections,
      document: {
        title: scrub(report.title),
        generatedAt,
        pseudonymized: report.pseudonymize,
        sections: docSections,
      },
    };
  }

  private quote(row: QuoteRow, pseudonyms: Pseudonyms | null): ReportQuoteType {
    const speakerKey =
      row.participant_id ?? (row.speaker_label ? `label:${row.speaker_label}` : null);
    const speaker = pseudonyms
      ? speakerKey
        ? pseudonyms.nameOf(speakerKey)
        : null
      : (row.display_name ?? row.speaker_label);
    return {
      highlightId: row.id,
      text: pseudonyms ? pseudonyms.scrub(row.quote) : row.quote,
      speaker,
      transcriptTitle: pseudonyms ? pseudonyms.scrub(row.transcript_title) : row.transcript_title,
      transcriptId: row.transcript_id,
      segmentId: row.segment_id,
      startMs: row.start_ms,
      link: `${this.config.mail.publicUrl}/t/${row.transcript_id}?segment=${row.segment_id}`,
    };
  }

  /** Highlights of the project, with their turn, transcript and speaker. */
  private quotes(projectId: string, ids: string[]): Promise<QuoteRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return queryRows<QuoteRow>(
      this.db,
      `SELECT h.id, h.quote, h.transcript_id, t.title AS transcript_title, h.start_segment_id AS segment_id,
              s.start_ms, coalesce(h.participant_id, s.participant_id) AS participant_id,
              s.speaker AS speaker_label, p.display_name
         FROM highlight h
         JOIN transcript t ON t.id = h.transcript_id
         JOIN segment s ON s.id = h.start_segment_id
         LEFT JOIN participant p ON p.id = coalesce(h.participant_id, s.participant_id)
        WHERE h.id = ANY($1::uuid[]) AND h.project_id = $2`,
      [ids, projectId],
    );
  }

  /** Everyone who may be named: the project's participants, and raw labels of the quoted turns. */
  private async pseudonyms(projectId: string, quotes: QuoteRow[]): Promise<Pseudonyms> {
    const participants = await queryRows<{
      id: string;
      display_name: string;
      label: string;
      is_interviewer: boolean;
    }>(
      this.db,
      `SELECT id, display_name, label, is_interviewer FROM participant WHERE project_id = $1`,
      [projectId],
    );
    const known: KnownSpeaker[] = participants.map((p) => ({
      key: p.id,
      names: [p.display_name, p.label],
      isInterviewer: p.is_interviewer,
    }));
    for (const q of quotes)
      if (!q.participant_id && q.speaker_label)
        known.push({
          key: `label:${q.speaker_label}`,
          names: [q.speaker_label],
          isInterviewer: false,
        });
    return new Pseudonyms(known);
  }

  private async chart(
    projectId: string,
    spec: ReportChartSpec,
    pseudonyms: Pseudonyms | null,
  ): Promise<{ title: string; svg: string }> {
    const tags = await this.chartTags(projectId, spec.tagIds ?? []);
    if (spec.type === ReportChartType.TAG_FREQUENCY) {
      const title = 'Highlights per tag';
      return {
        title,
        svg: tagFrequencyChart({
          title,
          bars: tags.map((t) => ({ label: t.name, count: t.count, color: t.color })),
        }),
      };
    }
    const cells = await queryRows<{
      tag_id: string;
      participant_id: string;
      display_name: string;
      n: number;
    }>(
      this.db,
      `SELECT ht.tag_id, p.id AS participant_id, p.display_name, count(*)::int AS n
         FROM highlight_tag ht JOIN highlight h ON h.id = ht.highlight_id
         JOIN participant p ON p.id = h.participant_id AND NOT p.is_interviewer
        WHERE h.project_id = $1 AND ht.tag_id = ANY($2::uuid[])
        GROUP BY ht.tag_id, p.id, p.display_name`,
      [projectId, tags.map((t) => t.id)],
    );
    const totals = new Map<string, { name: string; n: number }>();
    for (const c of cells) {
      const t = totals.get(c.participant_id) ?? { name: c.display_name, n: 0 };
      t.n += c.n;
      totals.set(c.participant_id, t);
    }
    const people = [...totals.entries()]
      .sort((a, b) => b[1].n - a[1].n || a[1].name.localeCompare(b[1].name))
      .slice(0, HEATMAP_PARTICIPANTS);
    const count = new Map(cells.map((c) => [`${c.tag_id}:${c.participant_id}`, c.n]));
    const title = 'Highlights per tag and participant';
    return {
      title,
      svg: tagParticipantHeatmap({
        title,
        tags: tags.map((t) => t.name),
        participants: people.map(([id, p]) => (pseudonyms ? pseudonyms.nameOf(id) : p.name)),
        counts: tags.map((t) => people.map(([id]) => count.get(`${t.id}:${id}`) ?? 0)),
      }),
    };
  }

  /** The chosen tags of the project in the order given, or its most used unarchived ones. */
  private async chartTags(
    projectId: string,
    tagIds: string[],
  ): Promise<{ id: string; name: string; color: string; count: number }[]> {
    const rows = await queryRows<{ id: string; name: string; color: string; count: number }>(
      this.db,
      `SELECT t.id, t.name, t.color, count(ht.highlight_id)::int AS count
         FROM tag t LEFT JOIN highlight_tag ht ON ht.tag_id = t.id
        WHERE t.project_id = $1 AND (cardinality($2::uuid[]) > 0 AND t.id = ANY($2::uuid[])
                                     OR cardinality($2::uuid[]) = 0 AND NOT t.archived)
        GROUP BY t.id ORDER BY count DESC, t.name LIMIT $3`,
      [projectId, tagIds, tagIds.length || CHART_DEFAULT_TAGS],
    );
    if (!tagIds.length) return rows;
    const byId = new Map(rows.map((r) => [r.id, r]));
    return tagIds.map((id) => byId.get(id)).filter((r): r is (typeof rows)[number] => !!r);
  }
}

function unique(ids: (string | null)[]): string[] {
  return [...new Set(ids.filter((id): id is string => !!id))];
}
