import type { Params } from '@angular/router';
import type {
  HighlightFilter as HighlightFilterInput,
  ParticipantFragment,
  TagMatch,
} from '@verbatim/contracts';

type ParticipantAttribute = ParticipantFragment['attributes'][number];

/**
 * The filters shared by the tag view, the heatmap and search. They live in the URL's query so
 * that a view can be bookmarked and shared: `?tag=…&tag=…&match=all&participant=…&attr=role=admin
 * &transcript=…&author=…&from=2024-01-01&to=2024-01-31`.
 */
export interface ViewFilter {
  tagIds: string[];
  tagMatch: TagMatch;
  participantIds: string[];
  attributes: ParticipantAttribute[];
  transcriptIds: string[];
  authorIds: string[];
  /** First day (YYYY-MM-DD, local), inclusive. */
  from: string | null;
  /** Last day (YYYY-MM-DD, local), inclusive. */
  to: string | null;
}

export const EMPTY_FILTER: ViewFilter = {
  tagIds: [],
  tagMatch: 'ANY',
  participantIds: [],
  attributes: [],
  transcriptIds: [],
  authorIds: [],
  from: null,
  to: null,
};

/** The query parameter names; every one of them may repeat except match, from and to. */
export const FILTER_PARAMS = [
  'tag',
  'match',
  'participant',
  'attr',
  'transcript',
  'author',
  'from',
  'to',
] as const;

/** What ActivatedRoute.queryParamMap offers. */
export interface ParamReader {
  get(name: string): string | null;
  getAll(name: string): string[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function ids(values: string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))];
}

function day(value: string | null): string | null {
  return value && DAY.test(value) && Number.isFinite(Date.parse(value)) ? value : null;
}

/** "role=Product manager" → { key: 'role', value: 'Product manager' }; the key ends at the first "=". */
export function parseAttribute(text: string): ParticipantAttribute | null {
  const at = text.indexOf('=');
  if (at <= 0) return null;
  const key = text.slice(0, at).trim();
  const value = text.slice(at + 1).trim();
  return key && value ? { key, value } : null;
}

export function attributeParam(attribute: ParticipantAttribute): string {
  return `${attribute.key}=${attribute.value}`;
}

/** Reads a filter from the URL, ignoring what it cannot understand. */
export function filterFromParams(params: ParamReader): ViewFilter {
  const seen = new Set<string>();
  const attributes: ParticipantAttribute[] = [];
  for (const text of params.getAll('attr')) {
    const attribute = parseAttribute(text);
    if (!attribute || seen.has(attributeParam(attribute))) continue;
    seen.add(attributeParam(attribute));
    attributes.push(attribute);
  }
  return {
    tagIds: ids(params.getAll('tag')),
    tagMatch: params.get('match')?.toLowerCase() === 'all' ? 'ALL' : 'ANY',
    participantIds: ids(params.getAll('participant')),
    attributes,
    transcriptIds: ids(params.getAll('transcript')),
    authorIds: ids(params.getAll('author')),
    from: day(params.get('from')),
    to: day(params.get('to')),
  };
}

/**
 * The filter as query parameters. Every filter parameter is present, empty ones as null, so that
 * navigating with queryParamsHandling: 'merge' also removes what was cleared.
 */
export function filterToParams(filter: ViewFilter): Params {
  const list = (values: string[]) => (values.length ? values : null);
  return {
    tag: list(filter.tagIds),
    match: filter.tagMatch === 'ALL' && filter.tagIds.length > 1 ? 'all' : null,
    participant: list(filter.participantIds),
    attr: list(filter.attributes.map(attributeParam)),
    transcript: list(filter.transcriptIds),
    author: list(filter.authorIds),
    from: filter.from,
    to: filter.to,
  };
}

/** Local midnight of a YYYY-MM-DD day, `days` later, as an ISO instant. */
function startOfDay(value: string, days = 0): string {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + days).toISOString();
}

/** The api's HighlightFilter for a project; empty conditions are left out. */
export function toHighlightFilter(projectId: string, filter: ViewFilter): HighlightFilterInput {
  const input: HighlightFilterInput = { projectId };
  if (filter.tagIds.length) {
    input.tagIds = filter.tagIds;
    input.tagMatch = filter.tagMatch;
  }
  if (filter.participantIds.length) input.participantIds = filter.participantIds;
  if (filter.attributes.length) input.participantAttributes = filter.attributes;
  if (filter.transcriptIds.length) input.transcriptIds = filter.transcriptIds;
  if (filter.authorIds.length) input.authorIds = filter.authorIds;
  if (filter.from) input.createdAfter = startOfDay(filter.from);
  // "to" is inclusive: everything before the next day's midnight.
  if (filter.to) input.createdBefore = startOfDay(filter.to, 1);
  return input;
}

/** How many conditions are set, for a "Filters (3)" badge. */
export function activeFilterCount(filter: ViewFilter): number {
  return (
    filter.tagIds.length +
    filter.participantIds.length +
    filter.attributes.length +
    filter.transcriptIds.length +
    filter.authorIds.length +
    (filter.from ? 1 : 0) +
    (filter.to ? 1 : 0)
  );
}

export function sameFilter(a: ViewFilter, b: ViewFilter): boolean {
  return JSON.stringify(filterToParams(a)) === JSON.stringify(filterToParams(b));
}
