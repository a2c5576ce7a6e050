import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type AuthUser } from '../../common/auth/auth-user';
import { badInput, conflict, notFound } from '../../common/errors/domain-error';
import { type Connection, type PageArgs, pageSize } from '../../common/pagination/connection';
import { type CursorKey, cursorFor, readCursor } from '../../common/pagination/cursor';
import { ChangeKind } from '../../common/pubsub/live-events';
import { queryFirstRow, queryOneRow, queryRows, SqlParams } from '../../database/sql';
import { toUserType } from '../auth/auth.types';
import { TagSource } from '../highlights/highlight.entity';
import { HighlightsService } from '../highlights/highlights.service';
import { TagsService } from '../tags/tags.service';
import { ActivityService } from '../activity/activity.service';
import { AnalysisRunsService } from './analysis-runs.service';
import {
  type AcceptSuggestionInput,
  type AcceptSuggestionsInput,
  type BulkReviewResultType,
  type SuggestionFilter,
  SuggestionOrder,
  type SuggestionType,
} from './analysis.types';
import { MatchKind, SuggestionEntity, SuggestionStatus } from './suggestion.entity';

/** At most this many suggestions are accepted by one bulk accept. */
export const MAX_BULK_ACCEPT = 1000;

/**
 * What a bulk accept may take besides its confidence threshold: the quote was found as written
 * (EXACT or NORMALISED, never FUZZY or unknown) and nothing in it or its chunk instructs a model.
 * Confidence is the model's own word about itself; it never decides alone.
 */
const BULK_ACCEPTABLE = `NOT flagged AND match_kind IN ('EXACT', 'NORMALISED')`;

/**
 * SQL for: the suggestion `x` proposes one of `tagIds` (any of its tags when none are given) with
 * a confidence of at least `minConfidence` — a threshold applies to each tag on its own. Null when
 * neither is given; its values go into `params`.
 */
function tagsAtLeast(
  params: SqlParams,
  tagIds: string[] | null | undefined,
  minConfidence: number | null | undefined,
): string | null {
  const min = typeof minConfidence === 'number' ? minConfidence : null;
  if (tagIds?.length && min !== null)
    return `EXISTS (SELECT 1 FROM unnest(x.tag_ids, x.tag_confidences) AS t(id, c)
                     WHERE t.id = ANY(${params.add(tagIds)}::uuid[]) AND t.c >= ${params.add(min)}::real)`;
  if (tagIds?.length) return `x.tag_ids && ${params.add(tagIds)}::uuid[]`;
  // A suggestion's confidence is its most confident tag's: some tag reaches the threshold.
  if (min !== null) return `x.confidence >= ${params.add(min)}::real`;
  return null;
}

/** The tags of a suggestion that reach a confidence (all of them without one), most confident first. */
export function tagsToAccept(
  s: { tagIds: string[]; tagConfidences: number[]; confidence: number },
  minConfidence: number | null | undefined,
): string[] {
  if (typeof minConfidence !== 'number') return s.tagIds;
  return s.tagIds.filter((_id, i) => (s.tagConfidences[i] ?? s.confidence) >= minConfidence);
}

/** A suggestion with its transcript title, start time and reviewer; `x` is the suggestion. */
const SELECT = `
  SELECT x.id, x.run_id, x.transcript_id, t.title AS transcript_title, x.quote, x.start_segment_id, x.start_offset, x.start_index,
         x.end_segment_id, x.end_offset, s.start_ms, x.tag_ids, x.tag_confidences, x.theme_name, x.theme_definition, x.rationale, x.confidence,
         x.match_kind, x.match_similarity, x.flagged, x.flag_reason, x.status, x.reject_reason, x.reviewed_at, x.highlight_id, u.id AS reviewer_id, u.email AS reviewer_email, u.name AS reviewer_name
    FROM suggestion x JOIN transcript t ON t.id = x.transcript_id JOIN segment s ON s.id = x.start_segment_id
    LEFT JOIN user_account u ON u.id = x.reviewed_by_id`;

interface SuggestionRow {
  id: string;
  run_id: string;
  transcript_id: string;
  transcript_title: string;
  quote: string;
  start_segment_id: string;
  start_offset: number;
  start_index: number;
  end_segment_id: string;
  end_offset: number;
  start_ms: number | null;
  tag_ids: string[];
  tag_confidences: number[];
  theme_name: string | null;
  theme_definition: string | null;
  rationale: string;
  confidence: number;
  match_kind: MatchKind | null;
  match_similarity: number | null;
  flagged: boolean;
  flag_reason: string | null;
  status: SuggestionStatus;
  reject_reason: string | null;
  reviewed_at: Date | null;
  highlight_id: string | null;
  reviewer_id: string | null;
  reviewer_email: string | null;
  reviewer_name: string | null;
}

/** Reviewing suggestions: list, accept (a normal highlight, tags marked SUGGESTION), reject. */
@Injectable()
export class SuggestionsService {
  constructor(
    private readonly db: DataSource,
    private readonly highlights: HighlightsService,
    private readonly tags: TagsService,
    private readonly runs: AnalysisRunsService,
    private readonly activity: ActivityService,
  ) {}

  /** In transcript order: by transcript, then position; cursors are positions in that order. */
  async list(
    filter: SuggestionFilter,
    page: PageArgs,
    order: SuggestionOrder = SuggestionOrder.TRANSCRIPT,
  ): Promise<Connection<SuggestionType>> {
    if (!filter.projectId && !filter.runId && !filter.transcriptId)
      throw badInput('Give a projectId, runId or transcriptId.');
    const limit = pageSize(page.first);
    const params = new SqlParams();
    const where: string[] = [];
    if (filter.projectId) where.push(`x.project_id = ${params.add(filter.projectId)}`);
    if (filter.runId) where.push(`x.run_id = ${params.add(filter.runId)}`);
    if (filter.transcriptId) where.push(`x.transcript_id = ${params.add(filter.transcriptId)}`);
    if (filter.status) where.push(`x.status = ${params.add(filter.status)}`);
    const tags = tagsAtLeast(params, filter.tagIds, filter.minConfidence);
    if (tags) where.push(tags);
    if (typeof filter.flagged === 'boolean')
      where.push(`x.flagged = ${params.add(filter.flagged)}`);
    if (filter.matchKinds)
      where.push(`x.match_kind = ANY(${params.add(filter.matchKinds)}::suggestion_match_kind[])`);
    const whereSql = where.join(' AND ');
    const pageParams = params.clone();
    const pageWhere = page.after
      ? [...where, afterCursorSql(order, page.after, pageParams)]
      : where;
    const orderSql =
      order === SuggestionOrder.CONFIDENCE
        ? `x.confidence DESC, ${TRANSCRIPT_ORDER}`
        : TRANSCRIPT_ORDER;
    const [rows, { n }] = await Promise.all([
      queryRows<SuggestionRow>(
        this.db,
        `${SELECT} WHERE ${pageWhere.join(' AND ')}
          ORDER BY ${orderSql} LIMIT ${limit + 1}`,
        pageParams.values,
      ),
      queryOneRow<{ n: number }>(
        this.db,
        `SELECT count(*)::int AS n FROM suggestion x WHERE ${whereSql}`,
        params.values,
      ),
    ]);
    const pageRows = rows.slice(0, limit);
    const nodes = await this.toTypes(pageRows);
    const edges = pageRows.map((row, i) => ({
      cursor: encodeCursor(order, row),
      node: nodes[i]!,
    }));
    return {
      totalCount: n,
      edges,
      pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  async get(id: string): Promise<SuggestionType> {
    const row = await queryFirstRow<SuggestionRow>(this.db, `${SELECT} WHERE x.id = $1`, [id]);
    if (!row) throw notFound('Suggestion');
    const [node] = await this.toTypes([row]);
    return node!;
  }

  async accept(
    user: AuthUser,
    id: string,
    input: AcceptSuggestionInput | null | undefined,
  ): Promise<SuggestionType> {
    const runId = await this.db.transaction((tx) => this.acceptIn(tx, user, id, input ?? {}));
    await this.runs.publish(runId);
    await this.announceHighlights([id]);
    return this.get(id);
  }

  /** The highlights these accepted suggestions became, live to the transcripts' readers. */
  private async announceHighlights(suggestionIds: string[]): Promise<void> {
    const rows = await queryRows<{ highlight_id: string }>(
      this.db,
      `SELECT highlight_id FROM suggestion WHERE id = ANY($1::uuid[]) AND highlight_id IS NOT NULL`,
      [suggestionIds],
    );
    await this.highlights.announce(
      ChangeKind.CREATED,
      rows.map((r) => r.highlight_id),
    );
  }

  /**
   * Accepts one suggestion inside a transaction: the highlight is made on the suggested words
   * (or the edited ones) with the suggested tags (or the edited ones); an INDUCTIVE theme
   * becomes a tag of that name. Refused when the words changed since the suggestion was made.
   */
  private async acceptIn(
    tx: EntityManager,
    user: AuthUser,
    id: string,
    input: AcceptSuggestionInput,
    bulk = false,
  ): Promise<string> {
    const s = await tx
      .getRepository(SuggestionEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!s) throw notFound('Suggestion');
    if (s.status !== SuggestionStatus.PENDING)
      throw conflict(`This suggestion was already ${s.status.toLowerCase()}.`);
    // Checked again under the lock: a bulk accept never takes what a person must read first.
    if (
      bulk &&
      (s.flagged || (s.matchKind !== MatchKind.EXACT && s.matchKind !== MatchKind.NORMALISED))
    )
      throw conflict('Flagged and fuzzy suggestions are accepted one by one.');
    if (!input.start !== !input.end)
      throw badInput('start and end go together: give both to accept other words.');
    let tagIds = input.tagIds ?? null;
    if (!tagIds && s.themeName) {
      tagIds = [await this.tags.findOrCreateIn(tx, s.projectId, s.themeName, s.themeDefinition)];
    } else if (!tagIds) {
      // Only the tags that reach the threshold the reviewer works at go on the highlight.
      const wanted = tagsToAccept(s, input.minConfidence);
      if (!wanted.length)
        throw badInput(
          `None of this suggestion’s tags reaches ${Math.round((input.minConfidence ?? 0) * 100)}%.`,
        );
      const existing = await queryRows<{ id: string }>(
        tx,
        `SELECT id FROM tag WHERE project_id = $1 AND id = ANY($2::uuid[])`,
        [s.projectId, wanted],
      );
      const found = new Set(existing.map((t) => t.id));
      tagIds = wanted.filter((tagId) => found.has(tagId));
    }
    if (!tagIds.length)
      throw badInput('The suggested tags no longer exist; choose tags to accept it with.');
    const start = input.start ?? { segmentId: s.startSegmentId, offset: s.startOffset };
    const end = input.end ?? { segmentId: s.endSegmentId, offset: s.endOffset };
    const highlightId = await this.highlights.createIn(
      tx,
      user,
      { transcriptId: s.transcriptId, start, end, tagIds, note: input.note ?? null },
      TagSource.SUGGESTION,
    );
    if (!input.start) {
      const made = await queryFirstRow<{ quote: string }>(
        tx,
        `SELECT quote FROM highlight WHERE id = $1`,
        [highlightId],
      );
      if (made?.quote !== s.quote) {
        throw conflict(
          'The words of this suggestion were corrected since it was made; choose the words again to accept it.',
        );
      }
    }
    await tx.update(
      SuggestionEntity,
      { id: s.id },
      {
        status: SuggestionStatus.ACCEPTED,
        reviewedById: user.id,
        reviewedAt: new Date(),
        highlightId,
      },
    );
    // A bulk accept is recorded once, with its count.
    if (!bulk) {
      await this.activity.recordInProject(tx, {
        projectId: s.projectId,
        actorId: user.id,
        verb: 'suggestion.accepted',
        summary: `${user.name} accepted a suggested highlight`,
        data: { suggestionId: s.id, highlightId, transcriptId: s.transcriptId, runId: s.runId },
      });
    }
    return s.runId;
  }

  async reject(
    user: AuthUser,
    id: string,
    reason: string | null | undefined,
  ): Promise<SuggestionType> {
    const rows = await queryRows<{ run_id: string }>(
      this.db,
      `WITH r AS (UPDATE suggestion SET status = 'REJECTED', reject_reason = $3, reviewed_by_id = $2, reviewed_at = now()
                   WHERE id = $1 AND status = 'PENDING' RETURNING run_id) SELECT run_id FROM r`,
      [id, user.id, reason?.trim().slice(0, 1000) || null],
    );
    if (!rows.length) {
      const current = await this.get(id);
      throw conflict(`This suggestion was already ${current.status.toLowerCase()}.`);
    }
    await this.runs.publish(rows[0]!.run_id);
    return this.get(id);
  }

  /**
   * Accepts the run's pending suggestions at or above a confidence, each in its own
   * transaction — only those whose quote was found as written and that are not flagged: the
   * others are counted as skipped, by reason, and stay pending for a person to review one by one.
   */
  async acceptMany(user: AuthUser, input: AcceptSuggestionsInput): Promise<BulkReviewResultType> {
    const params = new SqlParams();
    let where = `run_id = ${params.add(input.runId)} AND status = 'PENDING' AND ${tagsAtLeast(params, input.tagIds, input.minConfidence)}`;
    if (input.transcriptId) where += ` AND transcript_id = ${params.add(input.transcriptId)}`;
    const held = await queryOneRow<{ flagged: number; fuzzy: number }>(
      this.db,
      `SELECT count(*) FILTER (WHERE flagged)::int AS flagged,
              count(*) FILTER (WHERE NOT flagged AND match_kind IS DISTINCT FROM 'EXACT' AND match_kind IS DISTINCT FROM 'NORMALISED')::int AS fuzzy
         FROM suggestion x WHERE ${where}`,
      params.values,
    );
    const ids = await queryRows<{ id: string }>(
      this.db,
      `SELECT id FROM suggestion x WHERE ${where} AND ${BULK_ACCEPTABLE}
        ORDER BY confidence DESC, id LIMIT ${MAX_BULK_ACCEPT}`,
      params.values,
    );
    const accepted: string[] = [];
    let failed = 0;
    for (const { id } of ids) {
      try {
        const only = { minConfidence: input.minConfidence };
        await this.db.transaction((tx) => this.acceptIn(tx, user, id, only, true));
        accepted.push(id);
      } catch {
        failed++;
      }
    }
    if (accepted.length) {
      const { project_id: projectId } = await queryOneRow<{ project_id: string }>(
        this.db,
        `SELECT project_id FROM analysis_run WHERE id = $1`,
        [input.runId],
      );
      await this.db.transaction((tx) =>
        this.activity.recordInProject(tx, {
          projectId,
          actorId: user.id,
          verb: 'suggestion.accepted',
          summary: `${user.name} accepted ${accepted.length} suggested highlight${accepted.length === 1 ? '' : 's'}`,
          data: { runId: input.runId, count: accepted.length },
        }),
      );
    }
    await this.runs.publish(input.runId);
    await this.announceHighlights(accepted);
    const skippedFlagged = held.flagged;
    const skippedFuzzy = held.fuzzy;
    return {
      accepted: accepted.length,
      skipped: skippedFlagged + skippedFuzzy + failed,
      skippedFlagged,
      skippedFuzzy,
      skippedFailed: failed,
    };
  }

  private async toTypes(rows: SuggestionRow[]): Promise<SuggestionType[]> {
    const tagIds = [...new Set(rows.flatMap((r) => r.tag_ids))];
    const tags = tagIds.length
      ? await queryRows<{ id: string; name: string; color: string }>(
          this.db,
          `SELECT id, name, color FROM tag WHERE id = ANY($1::uuid[])`,
          [tagIds],
        )
      : [];
    const tagById = new Map(tags.map((t) => [t.id, t]));
    return rows.map((r) => ({
      id: r.id,
      runId: r.run_id,
      transcriptId: r.transcript_id,
      transcript: { id: r.transcript_id, title: r.transcript_title },
      quote: r.quote,
      start: { segmentId: r.start_segment_id, offset: r.start_offset },
      end: { segmentId: r.end_segment_id, offset: r.end_offset },
      startIndex: r.start_index,
      startMs: r.start_ms,
      tags: r.tag_ids.flatMap((t, i) => {
        const tag = tagById.get(t);
        return tag ? [{ ...tag, confidence: r.tag_confidences[i] ?? r.confidence }] : [];
      }),
      themeName: r.theme_name,
      themeDefinition: r.theme_definition,
      rationale: r.rationale,
      confidence: r.confidence,
      matchKind: r.match_kind,
      matchSimilarity: r.match_similarity,
      flagged: r.flagged,
      flagReason: r.flag_reason,
      status: r.status,
      rejectReason: r.reject_reason,
      reviewedBy: r.reviewer_id
        ? toUserType({
            id: r.reviewer_id,
            email: r.reviewer_email ?? '',
            name: r.reviewer_name ?? '',
          })
        : null,
      reviewedAt: r.reviewed_at,
      highlightId: r.highlight_id,
    }));
  }
}

/** Keys of a cursor per order: the order's name first, so a cursor of one is no use in the other. */
const CURSOR_KEYS = {
  [SuggestionOrder.TRANSCRIPT]: [{ equals: 'transcript' }, 'text', 'uuid', 'int', 'int', 'uuid'],
  [SuggestionOrder.CONFIDENCE]: [
    { equals: 'confidence' },
    'number',
    'text',
    'uuid',
    'int',
    'int',
    'uuid',
  ],
} as const satisfies Record<SuggestionOrder, readonly CursorKey[]>;

const TRANSCRIPT_ORDER = 't.title, x.transcript_id, x.start_index, x.start_offset, x.id';

function encodeCursor(order: SuggestionOrder, r: SuggestionRow): string {
  const position = [r.transcript_title, r.transcript_id, r.start_index, r.start_offset, r.id];
  return order === SuggestionOrder.CONFIDENCE
    ? cursorFor(['confidence', r.confidence, ...position])
    : cursorFor(['transcript', ...position]);
}

/** The keyset condition for the rows after `cursor` in `order`. */
function afterCursorSql(order: SuggestionOrder, cursor: string, params: SqlParams): string {
  const p = (value: unknown): string => params.add(value);
  if (order === SuggestionOrder.CONFIDENCE) {
    const [, confidence, title, transcriptId, startIndex, startOffset, id] = readCursor(
      cursor,
      CURSOR_KEYS[SuggestionOrder.CONFIDENCE],
    );
    const c = p(confidence);
    return `(x.confidence < ${c}::real OR (x.confidence = ${c}::real AND (${TRANSCRIPT_ORDER}) > (${p(title)}, ${p(transcriptId)}::uuid, ${p(startIndex)}::int, ${p(startOffset)}::int, ${p(id)}::uuid)))`;
  }
  const [, title, transcriptId, startIndex, startOffset, id] = readCursor(
    cursor,
    CURSOR_KEYS[SuggestionOrder.TRANSCRIPT],
  );
  return `(${TRANSCRIPT_ORDER}) > (${p(title)}, ${p(transcriptId)}::uuid, ${p(startIndex)}::int, ${p(startOffset)}::int, ${p(id)}::uuid)`;
}
