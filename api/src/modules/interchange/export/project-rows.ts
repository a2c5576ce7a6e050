import { Injectable } from '@nestjs/common';
import {
  type QdaCode,
  type QdaSelection,
  type QdaTextSourceInput,
  type QdaUser,
  stableGuid,
  transcriptToText,
  TurnPositions,
} from '@verbatim/interop';
import { DataSource } from 'typeorm';
import { notFound } from '../../../common/errors/domain-error';
import { queryFirstRow, queryRows } from '../../../database/sql';

export interface ProjectHead {
  id: string;
  name: string;
  description: string | null;
  createdAt: Date;
  modifiedAt: Date;
}

interface TagRow {
  id: string;
  parent_id: string | null;
  name: string;
  description: string | null;
  color: string;
}

interface TranscriptRow {
  id: string;
  title: string;
  created_at: Date;
  updated_at: Date;
}

interface HighlightRow {
  id: string;
  start_segment_id: string;
  start_offset: number;
  end_segment_id: string;
  end_offset: number;
  note: string | null;
  author_id: string | null;
  created_at: Date;
  updated_at: Date;
  tag_ids: string[];
}

/**
 * What a REFI-QDA export reads of a project, in QDA-XML's shape. Reads only; a transcript's
 * turns and highlights are read when the writer asks for that source, so memory holds one
 * transcript at a time.
 */
@Injectable()
export class ProjectRows {
  constructor(private readonly db: DataSource) {}

  async head(projectId: string): Promise<ProjectHead> {
    const row = await queryFirstRow<ProjectHead>(
      this.db,
      `SELECT p.id, p.name, p.description, p.created_at AS "createdAt",
              greatest(p.created_at,
                       (SELECT max(updated_at) FROM tag WHERE project_id = p.id),
                       (SELECT max(updated_at) FROM transcript WHERE project_id = p.id),
                       (SELECT max(updated_at) FROM highlight WHERE project_id = p.id)) AS "modifiedAt"
         FROM project p WHERE p.id = $1`,
      [projectId],
    );
    if (!row) throw notFound('Project');
    return row;
  }

  /**
   * The codebook as a tree, siblings by name. Archived tags are included like the others: their
   * codings are part of the project's data (QDA-XML has no "archived").
   */
  async codes(projectId: string): Promise<QdaCode[]> {
    const tags = await queryRows<TagRow>(
      this.db,
      `SELECT id, parent_id, name, description, color FROM tag WHERE project_id = $1
        ORDER BY lower(name), id`,
      [projectId],
    );
    const byId = new Map(
      tags.map((t) => [
        t.id,
        {
          code: {
            guid: stableGuid('tag', t.id),
            name: t.name,
            color: t.color.toUpperCase(),
            ...(t.description ? { description: t.description } : {}),
            isCodable: true,
            children: [] as QdaCode[],
          } satisfies QdaCode,
          parentId: t.parent_id,
        },
      ]),
    );
    const roots: QdaCode[] = [];
    for (const { code, parentId } of byId.values()) {
      const parent = parentId ? byId.get(parentId) : undefined;
      // A parent loop written by hand into the data (the api refuses them) is cut at the root.
      if (parent && !isAncestor(byId, code.guid, parentId)) parent.code.children.push(code);
      else roots.push(code);
    }
    return roots;
  }

  /** Everyone who made a highlight in the project. */
  async users(projectId: string): Promise<QdaUser[]> {
    const rows = await queryRows<{ id: string; name: string }>(
      this.db,
      `SELECT u.id, u.name FROM user_account u
        WHERE u.id IN (SELECT DISTINCT author_id FROM highlight WHERE project_id = $1 AND author_id IS NOT NULL)
        ORDER BY u.name, u.id`,
      [projectId],
    );
    return rows.map((u) => ({ guid: stableGuid('user', u.id), name: u.name }));
  }

  async transcriptCount(projectId: string): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      this.db,
      `SELECT count(*)::int AS n FROM transcript WHERE project_id = $1 AND status = 'READY'`,
      [projectId],
    );
    return row?.n ?? 0;
  }

  /** The project's READY transcripts as text sources, one read from the database at a time. */
  async *sources(projectId: string, signal?: AbortSignal): AsyncGenerator<QdaTextSourceInput> {
    const transcripts = await queryRows<TranscriptRow>(
      this.db,
      `SELECT id, title, created_at, updated_at FROM transcript
        WHERE project_id = $1 AND status = 'READY' ORDER BY created_at, id`,
      [projectId],
    );
    for (const transcript of transcripts) {
      signal?.throwIfAborted();
      yield await this.source(transcript);
    }
  }

  private async source(transcript: TranscriptRow): Promise<QdaTextSourceInput> {
    const turns = await queryRows<{
      id: string;
      speaker: string | null;
      start_ms: number | null;
      text: string;
    }>(
      this.db,
      `SELECT id, speaker, start_ms, text FROM segment WHERE transcript_id = $1 AND index >= 0 ORDER BY index`,
      [transcript.id],
    );
    const laid = transcriptToText(
      turns.map((t) => ({ speaker: t.speaker, startMs: t.start_ms, text: t.text })),
    );
    const positions = new TurnPositions(laid);
    const turnOf = new Map(turns.map((t, i) => [t.id, i]));
    const highlights = await queryRows<HighlightRow>(
      this.db,
      `SELECT h.id, h.start_segment_id, h.start_offset, h.end_segment_id, h.end_offset, h.note,
              h.author_id, h.created_at, h.updated_at,
              coalesce(array_agg(ht.tag_id ORDER BY ht.tag_id) FILTER (WHERE ht.tag_id IS NOT NULL), '{}') AS tag_ids
         FROM highlight h LEFT JOIN highlight_tag ht ON ht.highlight_id = h.id
        WHERE h.transcript_id = $1
        GROUP BY h.id
        ORDER BY h.start_index, h.start_offset, h.id`,
      [transcript.id],
    );
    const selections: QdaSelection[] = [];
    for (const h of highlights) {
      const startTurn = turnOf.get(h.start_segment_id);
      const endTurn = turnOf.get(h.end_segment_id);
      if (startTurn === undefined || endTurn === undefined) continue;
      const start = placed(positions, startTurn, h.start_offset);
      const end = placed(positions, endTurn, h.end_offset);
      // A position outside its turn cannot be made by the api; such a row is left out.
      if (start === null || end === null || end <= start) continue;
      const author = h.author_id ? stableGuid('user', h.author_id) : undefined;
      selections.push({
        guid: stableGuid('highlight', h.id),
        start,
        end,
        ...(h.note ? { description: h.note } : {}),
        ...(author ? { creatingUser: author, modifyingUser: author } : {}),
        creationDateTime: h.created_at,
        modifiedDateTime: h.updated_at,
        codings: h.tag_ids.map((tagId) => ({
          guid: stableGuid('coding', `${h.id}:${tagId}`),
          codeGuid: stableGuid('tag', tagId),
          ...(author ? { creatingUser: author } : {}),
          creationDateTime: h.created_at,
        })),
      });
    }
    return {
      guid: stableGuid('transcript', transcript.id),
      name: transcript.title,
      text: laid.text,
      creationDateTime: transcript.created_at,
      modifiedDateTime: transcript.updated_at,
      selections,
    };
  }
}

function isAncestor(
  byId: Map<string, { code: QdaCode; parentId: string | null }>,
  guid: string,
  parentId: string | null,
): boolean {
  const seen = new Set<string>();
  for (let id = parentId; id && !seen.has(id); id = byId.get(id)?.parentId ?? null) {
    seen.add(id);
    if (byId.get(id)?.code.guid === guid) return true;
  }
  return false;
}

function placed(positions: TurnPositions, turn: number, offset: number): number | null {
  try {
    return positions.toText({ turn, offset });
  } catch {
    return null;
  }
}
