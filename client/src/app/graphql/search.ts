import { gql } from 'apollo-angular';
import type { HighlightFilterInput } from './evidence';
import type { PageInfo, PageVariables } from './types';

export type SearchHitKind = 'SEGMENT' | 'HIGHLIGHT';

/** The tag view's filters (without the project, which SearchInput names itself) plus the query. */
export type SearchInput = Omit<HighlightFilterInput, 'transcriptId'> & {
  query: string;
  kinds?: SearchHitKind[] | null;
};

export interface SearchHit {
  kind: SearchHitKind;
  /** HTML-escaped text with `<mark>` around the matching words. */
  snippet: string;
  rank: number;
  transcript: { id: string; title: string };
  segment: { id: string; index: number; speaker: string | null; startMs: number | null };
  highlight: { id: string } | null;
}

export interface SearchResults {
  totalCount: number;
  /** The count stopped at a cap: show it as "1,000+". */
  totalCountCapped: boolean;
  pageInfo: PageInfo;
  edges: { cursor: string; node: SearchHit }[];
  /** Tags whose names resemble the query (typo-tolerant), best first. */
  tags: { id: string; name: string; color: string; similarity: number }[];
  /** Participants whose names resemble the query, best first. */
  participants: { id: string; displayName: string; similarity: number }[];
}

export const SEARCH = gql<{ search: SearchResults }, PageVariables & { input: SearchInput }>`
  query Search($input: SearchInput!, $first: Int, $after: String) {
    search(input: $input, first: $first, after: $after) {
      totalCount
      totalCountCapped
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          kind
          snippet
          rank
          transcript {
            id
            title
          }
          segment {
            id
            index
            speaker
            startMs
          }
          highlight {
            id
          }
        }
      }
      tags {
        id
        name
        color
        similarity
      }
      participants {
        id
        displayName
        similarity
      }
    }
  }
`;
