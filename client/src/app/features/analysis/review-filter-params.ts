import type { ParamMap, Params } from '@angular/router';
import type { SuggestionStatus } from '@verbatim/contracts';
import { DEFAULT_REVIEW_FILTER, type ReviewFilter } from './review-store';

const STATUSES: readonly SuggestionStatus[] = ['PENDING', 'ACCEPTED', 'REJECTED'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The review filter in the page's address, so a review view can be shared or reloaded:
 * `status=pending|accepted|rejected|all` (pending when absent), `tag=<id>`, `min=<percent>`,
 * `order=transcript` (most confident first when absent).
 */
export function reviewFilterToParams(filter: ReviewFilter): Params {
  return {
    status: filter.status === 'PENDING' ? null : (filter.status?.toLowerCase() ?? 'all'),
    tag: filter.tagIds[0] ?? null,
    min: filter.minConfidence ? String(Math.round(filter.minConfidence * 100)) : null,
    order: filter.order === 'TRANSCRIPT' ? 'transcript' : null,
  };
}

/** Reads the filter back; values that make no sense fall back to the defaults. */
export function reviewFilterFromParams(params: ParamMap): ReviewFilter {
  const status = params.get('status')?.toUpperCase();
  const tag = params.get('tag');
  const min = Number(params.get('min'));
  return {
    status:
      status === 'ALL'
        ? null
        : STATUSES.includes(status as SuggestionStatus)
          ? (status as SuggestionStatus)
          : DEFAULT_REVIEW_FILTER.status,
    tagIds: tag && UUID.test(tag) ? [tag] : [],
    minConfidence: Number.isInteger(min) && min > 0 && min <= 100 ? min / 100 : null,
    order: params.get('order') === 'transcript' ? 'TRANSCRIPT' : 'CONFIDENCE',
  };
}
