import { convertToParamMap } from '@angular/router';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_FILTER,
  type ViewFilter,
  activeFilterCount,
  filterFromParams,
  filterToParams,
  parseAttribute,
  toHighlightFilter,
} from './view-filter';

const FULL: ViewFilter = {
  tagIds: ['t1', 't2'],
  tagMatch: 'ALL',
  participantIds: ['p1'],
  attributes: [
    { key: 'role', value: 'Product manager' },
    { key: 'plan', value: 'a=b' },
  ],
  transcriptIds: ['x1', 'x2'],
  authorIds: ['u1'],
  from: '2024-01-01',
  to: '2024-01-31',
};

/** What the router would hand back after navigating with these params. */
function roundTrip(filter: ViewFilter): ViewFilter {
  const params = Object.fromEntries(
    Object.entries(filterToParams(filter)).filter(([, v]) => v !== null),
  );
  return filterFromParams(convertToParamMap(params));
}

describe('filter <-> URL query', () => {
  it('survives the round trip through query parameters', () => {
    expect(roundTrip(FULL)).toEqual(FULL);
    expect(roundTrip(EMPTY_FILTER)).toEqual(EMPTY_FILTER);
  });

  it('writes repeated parameters and clears empty ones with null', () => {
    expect(filterToParams(FULL)).toEqual({
      tag: ['t1', 't2'],
      match: 'all',
      participant: ['p1'],
      attr: ['role=Product manager', 'plan=a=b'],
      transcript: ['x1', 'x2'],
      author: ['u1'],
      from: '2024-01-01',
      to: '2024-01-31',
    });
    expect(Object.values(filterToParams(EMPTY_FILTER)).every((v) => v === null)).toBe(true);
  });

  it('drops "all" when fewer than two tags make it meaningless', () => {
    expect(
      filterToParams({ ...EMPTY_FILTER, tagIds: ['t1'], tagMatch: 'ALL' })['match'],
    ).toBeNull();
  });

  it('ignores what it cannot read: bad days, empty ids, duplicate and malformed attributes', () => {
    const filter = filterFromParams(
      convertToParamMap({
        tag: ['t1', '', 't1'],
        match: 'sometimes',
        attr: ['role=admin', 'role=admin', 'novalue=', '=nokey', 'noequals'],
        from: '2024-13-45',
        to: 'yesterday',
      }),
    );
    expect(filter.tagIds).toEqual(['t1']);
    expect(filter.tagMatch).toBe('ANY');
    expect(filter.attributes).toEqual([{ key: 'role', value: 'admin' }]);
    expect(filter.from).toBeNull();
    expect(filter.to).toBeNull();
  });

  it('splits an attribute at the first "="', () => {
    expect(parseAttribute('segment=SMB=yes')).toEqual({ key: 'segment', value: 'SMB=yes' });
  });
});

describe('toHighlightFilter', () => {
  it('sends only the conditions that are set', () => {
    expect(toHighlightFilter('proj', EMPTY_FILTER)).toEqual({ projectId: 'proj' });
  });

  it('maps every condition, with "to" including its whole day (TZ=UTC)', () => {
    expect(toHighlightFilter('proj', FULL)).toEqual({
      projectId: 'proj',
      tagIds: ['t1', 't2'],
      tagMatch: 'ALL',
      participantIds: ['p1'],
      participantAttributes: FULL.attributes,
      transcriptIds: ['x1', 'x2'],
      authorIds: ['u1'],
      createdAfter: '2024-01-01T00:00:00.000Z',
      createdBefore: '2024-02-01T00:00:00.000Z',
    });
  });

  it('counts active conditions for the badge', () => {
    expect(activeFilterCount(EMPTY_FILTER)).toBe(0);
    expect(activeFilterCount(FULL)).toBe(10);
  });
});
