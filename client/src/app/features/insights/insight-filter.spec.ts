import { convertToParamMap } from '@angular/router';
import { describe, expect, it } from 'vitest';
import {
  type InsightListFilter,
  MAX_QUERY_LENGTH,
  NO_INSIGHT_FILTER,
  insightFilterFromParams,
  insightFilterToParams,
  isFiltered,
  toInsightFilter,
} from './insight-filter';

const FULL: InsightListFilter = {
  query: 'onboarding "setup guide"',
  projectId: 'p1',
  status: 'PUBLISHED',
  tagIds: ['t1', 't2'],
};

/** What the router would hand back after navigating with these params. */
function roundTrip(filter: InsightListFilter): InsightListFilter {
  const params = Object.fromEntries(
    Object.entries(insightFilterToParams(filter)).filter(([, v]) => v !== null),
  );
  return insightFilterFromParams(convertToParamMap(params));
}

describe('insight repository filter <-> URL query', () => {
  it('survives the round trip through query parameters', () => {
    expect(roundTrip(FULL)).toEqual(FULL);
    expect(roundTrip(NO_INSIGHT_FILTER)).toEqual(NO_INSIGHT_FILTER);
    expect(roundTrip({ ...FULL, status: 'DRAFT', tagIds: [] })).toEqual({
      ...FULL,
      status: 'DRAFT',
      tagIds: [],
    });
  });

  it('writes readable parameters, and null for each one cleared so a merge removes it', () => {
    expect(insightFilterToParams(FULL)).toEqual({
      q: 'onboarding "setup guide"',
      project: 'p1',
      status: 'published',
      tag: ['t1', 't2'],
    });
    expect(insightFilterToParams(NO_INSIGHT_FILTER)).toEqual({
      q: null,
      project: null,
      status: null,
      tag: null,
    });
  });

  it('ignores what it does not understand and tags without a project', () => {
    const read = insightFilterFromParams(
      convertToParamMap({ q: '  churn  ', status: 'archived', tag: ['t1'] }),
    );
    expect(read).toEqual({ query: 'churn', projectId: null, status: null, tagIds: [] });
    expect(
      insightFilterFromParams(
        convertToParamMap({ project: 'p', status: 'DRAFT', tag: ['a', ' a', ''] }),
      ),
    ).toEqual({ query: '', projectId: 'p', status: 'DRAFT', tagIds: ['a'] });
  });

  it('cuts a query longer than the api accepts', () => {
    const read = insightFilterFromParams(convertToParamMap({ q: 'x'.repeat(900) }));
    expect(read.query).toHaveLength(MAX_QUERY_LENGTH);
  });

  it('asks the api for the workspace, narrowed only by what is set', () => {
    expect(toInsightFilter('w1', NO_INSIGHT_FILTER)).toEqual({ workspaceId: 'w1' });
    expect(toInsightFilter('w1', FULL)).toEqual({
      workspaceId: 'w1',
      projectId: 'p1',
      query: 'onboarding "setup guide"',
      status: 'PUBLISHED',
      tagIds: ['t1', 't2'],
    });
    expect(toInsightFilter('w1', { ...NO_INSIGHT_FILTER, tagIds: ['t1'] })).toEqual({
      workspaceId: 'w1',
    });
  });

  it('tells a filtered view from the whole repository', () => {
    expect(isFiltered(NO_INSIGHT_FILTER)).toBe(false);
    expect(isFiltered({ ...NO_INSIGHT_FILTER, query: '  ' })).toBe(false);
    expect(isFiltered({ ...NO_INSIGHT_FILTER, status: 'DRAFT' })).toBe(true);
  });
});
