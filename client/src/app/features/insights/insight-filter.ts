import type { Params } from '@angular/router';
import type { InsightFilter as InsightFilterInput, InsightStatus } from '@verbatim/contracts';

/**
 * What the insight repository shows, kept in the page's address so that a link reproduces the
 * view and Back/Forward step through searches: `?q=onboarding&project=…&status=published
 * &tag=…&tag=…`. Tags belong to one project's codebook, so they count only with a project.
 */
export interface InsightListFilter {
  query: string;
  projectId: string | null;
  status: InsightStatus | null;
  tagIds: string[];
}

export const NO_INSIGHT_FILTER: InsightListFilter = {
  query: '',
  projectId: null,
  status: null,
  tagIds: [],
};

/** What ActivatedRoute.queryParamMap offers. */
export interface ParamReader {
  get(name: string): string | null;
  getAll(name: string): string[];
}

const STATUSES: Record<string, InsightStatus> = { draft: 'DRAFT', published: 'PUBLISHED' };
/** The api refuses a query longer than this; the page cuts it instead. */
export const MAX_QUERY_LENGTH = 500;

function ids(values: string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))];
}

/** Reads the filter from the URL, ignoring what it cannot understand. */
export function insightFilterFromParams(params: ParamReader): InsightListFilter {
  const projectId = params.get('project')?.trim() || null;
  const status = STATUSES[params.get('status')?.trim().toLowerCase() ?? ''] ?? null;
  return {
    query: (params.get('q') ?? '').trim().slice(0, MAX_QUERY_LENGTH),
    projectId,
    status,
    tagIds: projectId ? ids(params.getAll('tag')) : [],
  };
}

/**
 * The filter as query parameters. Every parameter is present, empty ones as null, so that
 * navigating with queryParamsHandling: 'merge' also removes what was cleared.
 */
export function insightFilterToParams(filter: InsightListFilter): Params {
  const query = filter.query.trim();
  return {
    q: query || null,
    project: filter.projectId,
    status: filter.status ? filter.status.toLowerCase() : null,
    tag: filter.projectId && filter.tagIds.length ? filter.tagIds : null,
  };
}

/** The api's InsightFilter: the workspace, narrowed by what is set. */
export function toInsightFilter(
  workspaceId: string,
  filter: InsightListFilter,
): InsightFilterInput {
  const input: InsightFilterInput = { workspaceId };
  if (filter.projectId) input.projectId = filter.projectId;
  if (filter.query.trim()) input.query = filter.query.trim();
  if (filter.status) input.status = filter.status;
  if (filter.projectId && filter.tagIds.length) input.tagIds = filter.tagIds;
  return input;
}

/** Whether anything narrows the list (so an empty list means "no match", not "none yet"). */
export function isFiltered(filter: InsightListFilter): boolean {
  return !!(filter.query.trim() || filter.projectId || filter.status || filter.tagIds.length);
}

export function sameInsightFilter(a: InsightListFilter, b: InsightListFilter): boolean {
  return JSON.stringify(insightFilterToParams(a)) === JSON.stringify(insightFilterToParams(b));
}
