import { TagMatch } from '../../highlights/highlights.types';
import { type HighlightFilterSpec } from '../../highlights/highlight-filter';

/** The highlight filter as stored in an export's params (JSON: dates as ISO strings). */
export interface StoredHighlightFilter {
  tagIds?: string[] | null;
  tagMatch?: TagMatch | null;
  transcriptId?: string | null;
  transcriptIds?: string[] | null;
  participantIds?: string[] | null;
  participantAttributes?: { key: string; value: string }[] | null;
  authorIds?: string[] | null;
  createdAfter?: string | null;
  createdBefore?: string | null;
  needsAttention?: boolean | null;
}

/** What exportHighlights stores: the filter without its project (the export's own). */
export function paramsOfFilter(filter: Omit<HighlightFilterSpec, 'projectId'> | null | undefined): {
  filter: StoredHighlightFilter;
} {
  if (!filter) return { filter: {} };
  return {
    filter: {
      tagIds: filter.tagIds ?? null,
      tagMatch: filter.tagMatch ?? null,
      transcriptId: filter.transcriptId ?? null,
      transcriptIds: filter.transcriptIds ?? null,
      participantIds: filter.participantIds ?? null,
      participantAttributes:
        filter.participantAttributes?.map(({ key, value }) => ({ key, value })) ?? null,
      authorIds: filter.authorIds ?? null,
      createdAfter: filter.createdAfter?.toISOString() ?? null,
      createdBefore: filter.createdBefore?.toISOString() ?? null,
      needsAttention: filter.needsAttention ?? null,
    },
  };
}

/** The filter of a stored export, scoped to its project (whatever the params say). */
export function filterOfParams(
  projectId: string,
  params: Record<string, unknown>,
): HighlightFilterSpec {
  const f = (params['filter'] ?? {}) as StoredHighlightFilter;
  return {
    projectId,
    tagIds: f.tagIds ?? null,
    tagMatch: f.tagMatch === TagMatch.ALL ? TagMatch.ALL : TagMatch.ANY,
    transcriptId: f.transcriptId ?? null,
    transcriptIds: f.transcriptIds ?? null,
    participantIds: f.participantIds ?? null,
    participantAttributes: f.participantAttributes ?? null,
    authorIds: f.authorIds ?? null,
    createdAfter: f.createdAfter ? new Date(f.createdAfter) : null,
    createdBefore: f.createdBefore ? new Date(f.createdBefore) : null,
    needsAttention: typeof f.needsAttention === 'boolean' ? f.needsAttention : null,
  };
}
