import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type AuthUser } from '../../common/auth/auth-user';
import { badInput, notFound } from '../../common/errors/domain-error';
import { type Connection, type PageArgs } from '../../common/pagination/connection';
import { paginate } from '../../common/pagination/paginate';
import { toUserType } from '../auth/auth.types';
import { UserEntity } from '../auth/user.entity';
import { TranscriptEntity, TranscriptStatus } from '../transcripts/transcript.entity';
import { resolveAnchor } from './anchor';
import { HighlightEntity, HighlightTagEntity, TagSource } from './highlight.entity';
import {
  type CreateHighlightInput,
  type HighlightFilter,
  type HighlightTagType,
  type HighlightType,
  type UpdateHighlightInput,
} from './highlights.types';

/** Highlights and their tags. Access is checked by the PolicyGuard. */
@Injectable()
export class HighlightsService {
  constructor(private readonly db: DataSource) {}

  async create(user: AuthUser, input: CreateHighlightInput): Promise<HighlightType> {
    const transcript = await this.db.getRepository(TranscriptEntity).findOneBy({ id: input.transcriptId });
    if (!transcript) throw notFound('Transcript');
    if (transcript.status !== TranscriptStatus.READY) throw badInput('The transcript is not ready yet.');
    const segments: { id: string; index: number; text: string }[] = await this.db.query(
      `SELECT id, index, text FROM segment
        WHERE transcript_id = $1
          AND index BETWEEN (SELECT index FROM segment WHERE id = $2 AND transcript_id = $1)
                        AND (SELECT index FROM segment WHERE id = $3 AND transcript_id = $1)
        ORDER BY index`,
      [transcript.id, input.start.segmentId, input.end.segmentId],
    );
    const anchor = resolveAnchor(segments, input.start, input.end);
    const id = await this.db.transaction(async (tx) => {
      const saved = await tx.save(
        tx.create(HighlightEntity, {
          transcriptId: transcript.id,
          projectId: transcript.projectId,
          startSegmentId: input.start.segmentId,
          startOffset: input.start.offset,
          endSegmentId: input.end.segmentId,
          endOffset: input.end.offset,
          ...anchor,
          note: input.note?.trim() || null,
          authorId: user.id,
        }),
      );
      await this.setTags(tx, saved.id, transcript.projectId, input.tagIds ?? []);
      return saved.id;
    });
    return this.get(id);
  }

  async update(input: UpdateHighlightInput): Promise<HighlightType> {
    const highlight = await this.db.getRepository(HighlightEntity).findOneBy({ id: input.id });
    if (!highlight) throw notFound('Highlight');
    await this.db.transaction(async (tx) => {
      if (input.note !== undefined) await tx.update(HighlightEntity, { id: highlight.id }, { note: input.note?.trim() || null });
      if (input.tagIds) {
        await tx.delete(HighlightTagEntity, { highlightId: highlight.id });
        await this.setTags(tx, highlight.id, highlight.projectId, input.tagIds);
      }
    });
    return this.get(highlight.id);
  }

  async delete(id: string): Promise<string> {
    await this.db.getRepository(HighlightEntity).delete({ id });
    return id;
  }

  async get(id: string): Promise<HighlightType> {
    const row = await this.query().where('highlight.id = :id', { id }).getOne();
    if (!row) throw notFound('Highlight');
    const [withTags] = await this.withTags([toType(row)]);
    return withTags!;
  }

  /** Newest first; with tagIds, highlights carrying any of them. */
  async list(filter: HighlightFilter, page: PageArgs): Promise<Connection<HighlightType>> {
    const qb = this.query().where('highlight.projectId = :projectId', { projectId: filter.projectId });
    if (filter.transcriptId) qb.andWhere('highlight.transcriptId = :transcriptId', { transcriptId: filter.transcriptId });
    if (filter.tagIds?.length) {
      qb.andWhere('EXISTS (SELECT 1 FROM highlight_tag ht WHERE ht.highlight_id = highlight.id AND ht.tag_id = ANY(:tagIds))', {
        tagIds: filter.tagIds,
      });
    }
    const connection = await paginate(qb, page, toType);
    await this.withTags(connection.edges.map((e) => e.node));
    return connection;
  }

  private query() {
    return this.db
      .getRepository(HighlightEntity)
      .createQueryBuilder('highlight')
      .leftJoinAndMapOne('highlight.author', UserEntity, 'author', 'author.id = highlight.authorId');
  }

  private async setTags(tx: EntityManager, highlightId: string, projectId: string, tagIds: string[]): Promise<void> {
    const unique = [...new Set(tagIds)];
    if (!unique.length) return;
    const inserted: unknown[] = await tx.query(
      `INSERT INTO highlight_tag (highlight_id, tag_id, source)
       SELECT $1, t.id, $4 FROM tag t WHERE t.project_id = $2 AND t.id = ANY($3::uuid[])
       RETURNING tag_id`,
      [highlightId, projectId, unique, TagSource.HUMAN],
    );
    if (inserted.length !== unique.length) throw badInput('tagIds must be tags of this project.');
  }

  private async withTags(highlights: HighlightType[]): Promise<HighlightType[]> {
    if (!highlights.length) return highlights;
    const rows: (HighlightTagType & { highlight_id: string })[] = await this.db.query(
      `SELECT ht.highlight_id, t.id, t.name, t.color FROM highlight_tag ht JOIN tag t ON t.id = ht.tag_id
        WHERE ht.highlight_id = ANY($1::uuid[]) ORDER BY lower(t.name)`,
      [highlights.map((h) => h.id)],
    );
    for (const h of highlights) h.tags = rows.filter((r) => r.highlight_id === h.id).map(({ id, name, color }) => ({ id, name, color }));
    return highlights;
  }
}

function toType(h: HighlightEntity): HighlightType {
  const author = (h as HighlightEntity & { author?: UserEntity | null }).author;
  return {
    id: h.id,
    transcriptId: h.transcriptId,
    quote: h.quote,
    prefix: h.prefix,
    suffix: h.suffix,
    note: h.note,
    start: { segmentId: h.startSegmentId, offset: h.startOffset },
    end: { segmentId: h.endSegmentId, offset: h.endOffset },
    tags: [],
    author: author ? toUserType(author) : null,
    createdAt: h.createdAt,
    updatedAt: h.updatedAt,
  };
}
