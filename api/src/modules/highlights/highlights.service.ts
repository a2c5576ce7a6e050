import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { type AuthUser } from '../../common/auth/auth-user';
import { badInput, notFound } from '../../common/errors/domain-error';
import { ChangeKind, LiveEvents } from '../../common/pubsub/live-events';
import { type Connection, type PageArgs, pageSize } from '../../common/pagination/connection';
import { executeSql, queryOneRow, queryRows, SqlParams } from '../../database/sql';
import { ActivityService } from '../activity/activity.service';
import { ParticipantsService } from '../participants/participants.service';
import { TranscriptEntity, TranscriptStatus } from '../transcripts/transcript.entity';
import { resolveAnchor, resolveAnchorOrNull, type ResolvedAnchor } from './anchor';
import { refreshAttribution } from './attribution';
import { HighlightEntity, HighlightTagEntity, TagSource } from './highlight.entity';
import { highlightFilterSql, type HighlightFilterSpec } from './highlight-filter';
import { afterCursorSql, encodeHighlightCursor, orderSql } from './highlight-order';
import {
  type CreateHighlightInput,
  HighlightOrder,
  type HighlightTagType,
  type HighlightType,
  type TextPositionInput,
  type UpdateHighlightInput,
} from './highlights.types';

/** A highlight of an import: turn indexes into the transcript's turns and UTF-16 offsets. */
export interface ImportedHighlight {
  startTurn: number;
  startOffset: number;
  endTurn: number;
  endOffset: number;
  note: string | null;
  tagIds: string[];
}

/** One highlight with what a tag view shows of it; `k0..kn` are its sort keys. */
const SELECT = `
  SELECT h.id, h.transcript_id, t.title AS transcript_title, h.quote, h.prefix, h.suffix, h.note,
         h.start_segment_id, h.start_offset, h.end_segment_id, h.end_offset,
         h.start_index, s2.index AS end_index, s1.start_ms,
         h.participant_id, h.needs_attention, h.created_at, h.updated_at,
         u.id AS author_id, u.email AS author_email, u.name AS author_name`;
const FROM = `
    FROM highlight h
    JOIN transcript t ON t.id = h.transcript_id
    JOIN segment s1 ON s1.id = h.start_segment_id
    JOIN segment s2 ON s2.id = h.end_segment_id
    LEFT JOIN participant p ON p.id = h.participant_id
    LEFT JOIN user_account u ON u.id = h.author_id`;

/** Highlights and their tags. Access is checked by the PolicyGuard. */
@Injectable()
export class HighlightsService {
  constructor(
    private readonly db: DataSource,
    private readonly participants: ParticipantsService,
    private readonly live: LiveEvents,
    private readonly activity: ActivityService,
  ) {}

  async create(user: AuthUser, input: CreateHighlightInput): Promise<HighlightType> {
    const id = await this.db.transaction((tx) => this.createIn(tx, user, input));
    await this.live.highlights(ChangeKind.CREATED, [{ id, transcriptId: input.transcriptId }]);
    return this.get(id);
  }

  /**
   * Tells the readers of these highlights' transcripts that they changed: for changes made in
   * another module's transaction (an accepted suggestion), once it has committed.
   */
  async announce(kind: ChangeKind, ids: string[]): Promise<void> {
    if (!ids.length) return;
    const rows = await queryRows<{ id: string; transcriptId: string }>(
      this.db,
      `SELECT id, transcript_id AS "transcriptId" FROM highlight WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    await this.live.highlights(kind, rows);
  }

  /**
   * Creates a highlight inside the caller's transaction and returns its id. `source` marks where
   * its tags came from: HUMAN, or SUGGESTION when a person accepted a machine suggestion.
   */
  async createIn(
    tx: EntityManager,
    user: AuthUser,
    input: CreateHighlightInput,
    source: TagSource = TagSource.HUMAN,
  ): Promise<string> {
    const transcript = await tx
      .getRepository(TranscriptEntity)
      .findOneBy({ id: input.transcriptId });
    if (!transcript) throw notFound('Transcript');
    if (transcript.status !== TranscriptStatus.READY)
      throw badInput('The transcript is not ready yet.');
    const { anchor, startIndex } = await this.anchorIn(tx, transcript.id, input.start, input.end);
    const saved = await tx.save(
      tx.create(HighlightEntity, {
        transcriptId: transcript.id,
        projectId: transcript.projectId,
        startSegmentId: input.start.segmentId,
        startOffset: input.start.offset,
        startIndex,
        endSegmentId: input.end.segmentId,
        endOffset: input.end.offset,
        ...anchor,
        note: input.note?.trim() || null,
        authorId: user.id,
      }),
    );
    await refreshAttribution(tx, `h.id = $1`, [saved.id]);
    await this.setTags(tx, saved.id, transcript.projectId, input.tagIds ?? [], source);
    // An accepted suggestion is recorded as such by the review.
    if (source === TagSource.HUMAN) {
      await this.activity.recordInProject(tx, {
        projectId: transcript.projectId,
        actorId: user.id,
        verb: 'highlight.created',
        summary: `${user.name} highlighted “${excerpt(saved.quote)}” in “${transcript.title}”`,
        data: { highlightId: saved.id, transcriptId: transcript.id },
      });
    }
    return saved.id;
  }

  /**
   * Writes imported highlights of a transcript just written by the same transaction (an import
   * into a new project): positions are turn indexes and offsets into `segments`, as a highlight
   * across turns allows. A highlight whose anchor would be refused (empty, only spaces, inside a
   * character) is not written; the indexes of those are returned for the importer's report.
   */
  async importIn(
    tx: EntityManager,
    userId: string,
    projectId: string,
    transcript: { id: string; segments: { id: string; index: number; text: string }[] },
    highlights: readonly ImportedHighlight[],
  ): Promise<{ highlights: number; codings: number; refused: number[] }> {
    const rows: (ImportedHighlight & { id: string; anchor: ResolvedAnchor })[] = [];
    const refused: number[] = [];
    highlights.forEach((h, i) => {
      const covered = transcript.segments.slice(h.startTurn, h.endTurn + 1);
      const first = covered[0];
      const last = covered.at(-1);
      const anchor =
        first && last && h.endTurn >= h.startTurn
          ? resolveAnchorOrNull(
              covered,
              { segmentId: first.id, offset: h.startOffset },
              { segmentId: last.id, offset: h.endOffset },
            )
          : null;
      if (anchor) rows.push({ ...h, id: randomUUID(), anchor });
      else refused.push(i);
    });
    if (!rows.length) return { highlights: 0, codings: 0, refused };
    const segment = (turn: number) => transcript.segments[turn]!;
    await executeSql(
      tx,
      `INSERT INTO highlight (id, transcript_id, project_id, start_segment_id, start_offset, start_index,
                              end_segment_id, end_offset, quote, prefix, suffix, note, author_id)
       SELECT id, $1, $2, s1, o1, i1, s2, o2, quote, prefix, suffix, note, $3
         FROM unnest($4::uuid[], $5::uuid[], $6::int[], $7::int[], $8::uuid[], $9::int[],
                     $10::text[], $11::text[], $12::text[], $13::text[])
              AS h(id, s1, o1, i1, s2, o2, quote, prefix, suffix, note)`,
      [
        transcript.id,
        projectId,
        userId,
        rows.map((r) => r.id),
        rows.map((r) => segment(r.startTurn).id),
        rows.map((r) => r.startOffset),
        rows.map((r) => segment(r.startTurn).index),
        rows.map((r) => segment(r.endTurn).id),
        rows.map((r) => r.endOffset),
        rows.map((r) => r.anchor.quote),
        rows.map((r) => r.anchor.prefix),
        rows.map((r) => r.anchor.suffix),
        rows.map((r) => r.note?.trim().slice(0, 10_000) || null),
      ],
    );
    const pairs = rows.flatMap((r) => [...new Set(r.tagIds)].map((tagId) => [r.id, tagId]));
    if (pairs.length)
      await executeSql(
        tx,
        `INSERT INTO highlight_tag (highlight_id, tag_id, source)
         SELECT h, t, 'HUMAN' FROM unnest($1::uuid[], $2::uuid[]) AS p(h, t)`,
        [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
      );
    await refreshAttribution(tx, `h.transcript_id = $1`, [transcript.id]);
    return { highlights: rows.length, codings: pairs.length, refused };
  }

  async update(input: UpdateHighlightInput): Promise<HighlightType> {
    const highlight = await this.db.getRepository(HighlightEntity).findOneBy({ id: input.id });
    if (!highlight) throw notFound('Highlight');
    if (!input.start !== !input.end)
      throw badInput('start and end go together: give both to move a highlight.');
    await this.db.transaction(async (tx) => {
      if (input.start && input.end) {
        const { anchor, startIndex } = await this.anchorIn(
          tx,
          highlight.transcriptId,
          input.start,
          input.end,
        );
        await tx.update(
          HighlightEntity,
          { id: highlight.id },
          {
            startSegmentId: input.start.segmentId,
            startOffset: input.start.offset,
            endSegmentId: input.end.segmentId,
            endOffset: input.end.offset,
            startIndex,
            ...anchor,
            needsAttention: false,
          },
        );
        await refreshAttribution(tx, `h.id = $1`, [highlight.id]);
      }
      if (input.note !== undefined)
        await tx.update(
          HighlightEntity,
          { id: highlight.id },
          { note: input.note?.trim() || null },
        );
      if (input.tagIds) {
        await tx.delete(HighlightTagEntity, { highlightId: highlight.id });
        await this.setTags(tx, highlight.id, highlight.projectId, input.tagIds);
      }
    });
    await this.live.highlights(ChangeKind.UPDATED, [highlight]);
    return this.get(highlight.id);
  }

  /**
   * Reads the turns between two positions of a transcript and resolves the anchor there. FOR
   * SHARE: a correction of these turns (which locks them FOR UPDATE) either finishes first, and
   * the quote comes from the corrected text, or waits for this highlight and then re-anchors it
   * with the others.
   */
  private async anchorIn(
    tx: EntityManager,
    transcriptId: string,
    start: TextPositionInput,
    end: TextPositionInput,
  ) {
    const segments = await queryRows<{ id: string; index: number; text: string }>(
      tx,
      `SELECT id, index, text FROM segment
        WHERE transcript_id = $1
          AND index BETWEEN (SELECT index FROM segment WHERE id = $2 AND transcript_id = $1)
                        AND (SELECT index FROM segment WHERE id = $3 AND transcript_id = $1)
        ORDER BY index
        FOR SHARE`,
      [transcriptId, start.segmentId, end.segmentId],
    );
    return { anchor: resolveAnchor(segments, start, end), startIndex: segments[0]!.index };
  }

  async delete(user: AuthUser, id: string): Promise<string> {
    const deleted = await this.db.transaction(async (tx) => {
      const rows = await queryRows<{
        id: string;
        transcriptId: string;
        projectId: string;
        quote: string;
        title: string;
      }>(
        tx,
        `WITH d AS (DELETE FROM highlight WHERE id = $1
                    RETURNING id, transcript_id, project_id, quote)
         SELECT d.id, d.transcript_id AS "transcriptId", d.project_id AS "projectId", d.quote,
                t.title
           FROM d JOIN transcript t ON t.id = d.transcript_id`,
        [id],
      );
      for (const row of rows) {
        await this.activity.recordInProject(tx, {
          projectId: row.projectId,
          actorId: user.id,
          verb: 'highlight.deleted',
          summary: `${user.name} deleted the highlight “${excerpt(row.quote)}” in “${row.title}”`,
          data: { highlightId: row.id, transcriptId: row.transcriptId },
        });
      }
      return rows;
    });
    await this.live.highlights(
      ChangeKind.DELETED,
      deleted.map((r) => ({ id: r.id, transcriptId: r.transcriptId })),
    );
    return id;
  }

  async get(id: string): Promise<HighlightType> {
    const [highlight] = await this.getMany([id]);
    if (!highlight) throw notFound('Highlight');
    return highlight;
  }

  /** These highlights, newest first. */
  async getMany(ids: string[]): Promise<HighlightType[]> {
    if (!ids.length) return [];
    const rows = await queryRows<HighlightRow>(
      this.db,
      `${SELECT} ${FROM} WHERE h.id = ANY($1::uuid[]) ORDER BY h.created_at DESC, h.id DESC`,
      [ids],
    );
    return this.complete(rows.map(toType));
  }

  /**
   * A page of the highlights matching the filter, in the given order (RECENT: newest first;
   * TRANSCRIPT / PARTICIPANT: grouped, then by position in the transcript).
   */
  async list(
    filter: HighlightFilterSpec,
    page: PageArgs,
    order: HighlightOrder = HighlightOrder.RECENT,
  ): Promise<Connection<HighlightType>> {
    const limit = pageSize(page.first);
    const params = new SqlParams();
    const where = highlightFilterSql(filter, params);
    const pageParams = params.clone();
    const after = page.after ? ` AND ${afterCursorSql(order, page.after, pageParams)}` : '';
    const { select, orderBy, outerOrderBy } = orderSql(order, 'page');
    // The page is chosen on the highlight, its transcript and participant alone; turns and
    // authors are joined for the page's rows only.
    const [counted, rows] = await Promise.all([
      queryOneRow<{ n: number }>(
        this.db,
        `SELECT count(*)::int AS n FROM highlight h WHERE ${where}`,
        params.values,
      ),
      queryRows<HighlightRow>(
        this.db,
        `WITH page AS (
           SELECT h.id, ${select} FROM highlight h JOIN transcript t ON t.id = h.transcript_id LEFT JOIN participant p ON p.id = h.participant_id
            WHERE ${where}${after} ORDER BY ${orderBy} LIMIT ${limit + 1})
         ${SELECT}, page.* ${FROM} JOIN page ON page.id = h.id ORDER BY ${outerOrderBy}`,
        pageParams.values,
      ),
    ]);
    const pageRows = rows.slice(0, limit);
    const nodes = await this.complete(pageRows.map(toType));
    const edges = pageRows.map((row, i) => ({
      cursor: encodeHighlightCursor(order, row),
      node: nodes[i]!,
    }));
    return {
      totalCount: counted.n,
      edges,
      pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  private async setTags(
    tx: EntityManager,
    highlightId: string,
    projectId: string,
    tagIds: string[],
    source = TagSource.HUMAN,
  ): Promise<void> {
    const unique = [...new Set(tagIds)];
    if (!unique.length) return;
    const inserted = await queryRows<object>(
      tx,
      `INSERT INTO highlight_tag (highlight_id, tag_id, source)
       SELECT $1, t.id, $4::tag_source FROM tag t WHERE t.project_id = $2 AND t.id = ANY($3::uuid[])
       RETURNING tag_id`,
      [highlightId, projectId, unique, source],
    );
    if (inserted.length !== unique.length) throw badInput('tagIds must be tags of this project.');
  }

  /** Adds tags and attributed participants, in one query each. */
  private async complete(highlights: HighlightType[]): Promise<HighlightType[]> {
    if (!highlights.length) return highlights;
    const participantIds = [
      ...new Set(highlights.flatMap((h) => (h.participantId ? [h.participantId] : []))),
    ];
    const [tags, participants] = await Promise.all([
      queryRows<HighlightTagType & { highlight_id: string }>(
        this.db,
        `SELECT ht.highlight_id, t.id, t.name, t.color, ht.source FROM highlight_tag ht JOIN tag t ON t.id = ht.tag_id
          WHERE ht.highlight_id = ANY($1::uuid[]) ORDER BY lower(t.name)`,
        [highlights.map((h) => h.id)],
      ),
      this.participants.byIds(participantIds),
    ]);
    const byId = new Map(participants.map((p) => [p.id, p]));
    for (const h of highlights) {
      h.tags = tags
        .filter((r) => r.highlight_id === h.id)
        .map(({ id, name, color, source }) => ({ id, name, color, source }));
      h.participant = h.participantId ? (byId.get(h.participantId) ?? null) : null;
    }
    return highlights;
  }
}

interface HighlightRow {
  id: string;
  transcript_id: string;
  transcript_title: string;
  quote: string;
  prefix: string;
  suffix: string;
  note: string | null;
  start_segment_id: string;
  start_offset: number;
  end_segment_id: string;
  end_offset: number;
  start_index: number;
  end_index: number;
  start_ms: number | null;
  participant_id: string | null;
  needs_attention: boolean;
  created_at: Date;
  updated_at: Date;
  author_id: string | null;
  author_email: string | null;
  author_name: string | null;
}

function toType(h: HighlightRow): HighlightType {
  return {
    id: h.id,
    transcriptId: h.transcript_id,
    transcript: { id: h.transcript_id, title: h.transcript_title },
    participantId: h.participant_id,
    participant: null,
    quote: h.quote,
    prefix: h.prefix,
    suffix: h.suffix,
    note: h.note,
    start: { segmentId: h.start_segment_id, offset: h.start_offset },
    end: { segmentId: h.end_segment_id, offset: h.end_offset },
    startIndex: h.start_index,
    endIndex: h.end_index,
    startMs: h.start_ms,
    needsAttention: h.needs_attention,
    tags: [],
    author: h.author_id ? { id: h.author_id, email: h.author_email!, name: h.author_name! } : null,
    createdAt: h.created_at,
    updatedAt: h.updated_at,
  };
}

/** The start of a quote for a sentence in the activity trail. */
function excerpt(quote: string, max = 80): string {
  const flat = quote.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}
