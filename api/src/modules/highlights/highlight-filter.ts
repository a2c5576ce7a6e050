import { descendantIdsSql, TAG_HIERARCHY } from '../../database/hierarchy';
import { type SqlParams } from '../../database/sql';
import { TagMatch } from './highlights.types';

/**
 * The tag-view filter as SQL, shared by the highlight lists, tag evidence, the tag matrix and
 * search. Every field is optional except the project; an empty list filters nothing.
 */
export interface HighlightFilterSpec {
  projectId: string;
  tagIds?: string[] | null;
  tagMatch?: TagMatch | null;
  transcriptId?: string | null;
  transcriptIds?: string[] | null;
  participantIds?: string[] | null;
  participantAttributes?: { key: string; value: string }[] | null;
  authorIds?: string[] | null;
  createdAfter?: Date | null;
  createdBefore?: Date | null;
  needsAttention?: boolean | null;
}

/** The ids of these tags and all their descendants; ends on a cyclic codebook too. */
export function tagsWithDescendantsSql(rootsParam: string): string {
  return descendantIdsSql(TAG_HIERARCHY, `${rootsParam}::uuid[]`);
}

/**
 * Conditions (joined by AND) on a highlight row aliased `h` for the highlights of the filter's
 * project that match it. Access to the project is checked by the caller; tag, participant and
 * transcript ids of other projects simply match nothing.
 */
export function highlightFilterSql(
  filter: HighlightFilterSpec,
  params: SqlParams,
  h = 'h',
): string {
  const project = params.add(filter.projectId);
  const where = [`${h}.project_id = ${project}::uuid`];
  const tagIds = unique(filter.tagIds);
  if (tagIds.length) {
    const groups = filter.tagMatch === TagMatch.ALL ? tagIds.map((id) => [id]) : [tagIds];
    for (const group of groups) {
      where.push(
        `EXISTS (SELECT 1 FROM highlight_tag ht WHERE ht.highlight_id = ${h}.id AND ht.tag_id IN ${tagsWithDescendantsSql(params.add(group))})`,
      );
    }
  }
  if (filter.transcriptId)
    where.push(`${h}.transcript_id = ${params.add(filter.transcriptId)}::uuid`);
  const transcriptIds = unique(filter.transcriptIds);
  if (transcriptIds.length)
    where.push(`${h}.transcript_id = ANY(${params.add(transcriptIds)}::uuid[])`);
  const participantIds = unique(filter.participantIds);
  if (participantIds.length)
    where.push(`${h}.participant_id = ANY(${params.add(participantIds)}::uuid[])`);
  const attributes = (filter.participantAttributes ?? []).map(({ key, value }) => ({
    key: key.trim(),
    value: value.trim(),
  }));
  if (attributes.length) {
    where.push(
      `${h}.participant_id IN (SELECT p.id FROM participant p WHERE p.project_id = ${project}::uuid AND p.attributes @> ${params.add(JSON.stringify(attributes))}::jsonb)`,
    );
  }
  const authorIds = unique(filter.authorIds);
  if (authorIds.length) where.push(`${h}.author_id = ANY(${params.add(authorIds)}::uuid[])`);
  if (filter.createdAfter)
    where.push(`${h}.created_at >= ${params.add(filter.createdAfter)}::timestamptz`);
  if (filter.createdBefore)
    where.push(`${h}.created_at < ${params.add(filter.createdBefore)}::timestamptz`);
  if (typeof filter.needsAttention === 'boolean')
    where.push(`${h}.needs_attention = ${params.add(filter.needsAttention)}`);
  return where.join(' AND ');
}

const unique = (ids: string[] | null | undefined): string[] => [...new Set(ids ?? [])];
