import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { closureCte, TAG_HIERARCHY } from '../../database/hierarchy';
import { queryRows, SqlParams } from '../../database/sql';
import { TagsService } from '../tags/tags.service';
import { type TagType } from '../tags/tags.types';
import { highlightFilterSql, type HighlightFilterSpec } from './highlight-filter';
import { MatrixAxis, type TagEvidenceType, type TagMatrixType } from './tag-views.types';

/**
 * Pairs (ancestor, tag) for every tag of the project and each of its descendants, itself
 * included, so that counts per ancestor roll up the sub-tags. `$project` is the project's param.
 */
const tagTree = (project: string) =>
  closureCte('tree', TAG_HIERARCHY, `r.project_id = ${project}::uuid`, ['ancestor_id', 'tag_id']);

/** Evidence strength per tag and the tag × participant / transcript matrix. */
@Injectable()
export class TagViewsService {
  constructor(
    private readonly db: DataSource,
    private readonly tags: TagsService,
  ) {}

  /** Every tag of the project in codebook order (archived ones only if used), with counts. */
  async evidence(filter: HighlightFilterSpec): Promise<TagEvidenceType[]> {
    const params = new SqlParams();
    const project = params.add(filter.projectId);
    const where = highlightFilterSql(filter, params);
    const [tags, rows] = await Promise.all([
      this.tags.list(filter.projectId),
      queryRows<{ tag_id: string; highlights: number; participants: number; transcripts: number }>(
        this.db,
        `WITH RECURSIVE ${tagTree(project)},
              hs AS (SELECT h.id, h.participant_id, h.transcript_id FROM highlight h WHERE ${where})
         SELECT tree.ancestor_id AS tag_id, count(DISTINCT hs.id)::int AS highlights,
                count(DISTINCT hs.participant_id)::int AS participants, count(DISTINCT hs.transcript_id)::int AS transcripts
           FROM tree JOIN highlight_tag ht ON ht.tag_id = tree.tag_id JOIN hs ON hs.id = ht.highlight_id
          GROUP BY tree.ancestor_id`,
        params.values,
      ),
    ]);
    const counts = new Map(rows.map((r) => [r.tag_id, r]));
    return shown(tags, (id) => counts.has(id)).map((tag) => {
      const c = counts.get(tag.id);
      return {
        tag,
        highlightCount: c?.highlights ?? 0,
        participantCount: c?.participants ?? 0,
        transcriptCount: c?.transcripts ?? 0,
      };
    });
  }

  /** Counts of highlights per tag (sub-tags rolled up) and participant or transcript. */
  async matrix(filter: HighlightFilterSpec, by: MatrixAxis): Promise<TagMatrixType> {
    const params = new SqlParams();
    const project = params.add(filter.projectId);
    const where = highlightFilterSql(filter, params);
    const column = by === MatrixAxis.TRANSCRIPT ? 'h.transcript_id' : 'h.participant_id';
    const columnParams = new SqlParams();
    const columnWhere = highlightFilterSql(filter, columnParams);
    const tagged = `${columnWhere} AND EXISTS (SELECT 1 FROM highlight_tag x WHERE x.highlight_id = h.id)`;
    const [tags, cells, columns] = await Promise.all([
      this.tags.list(filter.projectId),
      queryRows<{ tagId: string; columnId: string; count: number }>(
        this.db,
        `WITH RECURSIVE ${tagTree(project)},
              hs AS (SELECT h.id, ${column} AS column_id FROM highlight h WHERE ${where} AND ${column} IS NOT NULL)
         SELECT tree.ancestor_id AS "tagId", hs.column_id AS "columnId", count(DISTINCT hs.id)::int AS count
           FROM tree JOIN highlight_tag ht ON ht.tag_id = tree.tag_id JOIN hs ON hs.id = ht.highlight_id
          GROUP BY tree.ancestor_id, hs.column_id`,
        params.values,
      ),
      queryRows<{ id: string; label: string }>(
        this.db,
        by === MatrixAxis.TRANSCRIPT
          ? `SELECT t.id, t.title AS label FROM transcript t
              WHERE t.id IN (SELECT h.transcript_id FROM highlight h WHERE ${tagged})
              ORDER BY lower(t.title), t.id`
          : // A generic speaker nobody has named yet says which interview it is from.
            `SELECT p.id, CASE WHEN p.display_name = p.label AND t.title IS NOT NULL
                               THEN p.display_name || ' (' || t.title || ')' ELSE p.display_name END AS label
               FROM participant p LEFT JOIN transcript t ON t.id = p.transcript_id
              WHERE p.id IN (SELECT h.participant_id FROM highlight h WHERE ${tagged})
              ORDER BY lower(p.display_name), lower(t.title), p.id`,
        columnParams.values,
      ),
    ]);
    const used = new Set(cells.map((c) => c.tagId));
    return {
      tags: shown(tags, (id) => used.has(id)),
      columns,
      cells,
      max: cells.reduce((m, c) => Math.max(m, c.count), 0),
    };
  }
}

/**
 * Codebook order: top-level tags by name, each followed by its sub-tags. Archived tags only
 * when they have highlights (here or anywhere).
 */
function shown(tags: TagType[], usedHere: (id: string) => boolean): TagType[] {
  const visible = tags.filter((t) => !t.archived || t.usageCount > 0 || usedHere(t.id));
  const ids = new Set(visible.map((t) => t.id));
  const children = new Map<string | null, TagType[]>();
  for (const t of visible) {
    const parent = t.parentId && ids.has(t.parentId) ? t.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), t]);
  }
  const ordered: TagType[] = [];
  const visit = (parent: string | null) => {
    for (const t of children.get(parent) ?? []) {
      ordered.push(t);
      visit(t.id);
    }
  };
  visit(null);
  return ordered;
}
