import { convertToParamMap } from '@angular/router';
import { describe, expect, it } from 'vitest';
import { reviewFilterFromParams, reviewFilterToParams } from './review-filter-params';
import { DEFAULT_REVIEW_FILTER } from './review-store';

const TAG = '0b8e6a0e-5c1e-4a4e-9d7a-3f2b1c0d9e8f';

describe('review filter in the address', () => {
  it('leaves the address clean for the default filter', () => {
    expect(reviewFilterToParams(DEFAULT_REVIEW_FILTER)).toEqual({
      status: null,
      tag: null,
      min: null,
      order: null,
    });
    expect(reviewFilterFromParams(convertToParamMap({}))).toEqual(DEFAULT_REVIEW_FILTER);
  });

  it('survives a round trip', () => {
    for (const filter of [
      { status: null, tagIds: [TAG], minConfidence: 0.75, order: 'CONFIDENCE' as const },
      {
        status: 'REJECTED' as const,
        tagIds: [],
        minConfidence: null,
        order: 'TRANSCRIPT' as const,
      },
      {
        status: 'ACCEPTED' as const,
        tagIds: [TAG],
        minConfidence: 0.05,
        order: 'CONFIDENCE' as const,
      },
    ]) {
      const params = Object.fromEntries(
        Object.entries(reviewFilterToParams(filter)).filter(([, v]) => v !== null),
      );
      expect(reviewFilterFromParams(convertToParamMap(params))).toEqual(filter);
    }
  });

  it('ignores values that make no sense', () => {
    expect(
      reviewFilterFromParams(
        convertToParamMap({ status: 'deleted', tag: '<script>', min: '250', order: 'random' }),
      ),
    ).toEqual(DEFAULT_REVIEW_FILTER);
    expect(reviewFilterFromParams(convertToParamMap({ min: '-3' })).minConfidence).toBeNull();
  });
});
