import { gql } from 'apollo-angular';

/**
 * A code of the project's codebook. `usageCount` counts the highlights carrying it directly;
 * `highlightCount` those carrying it or a sub-tag, each once (what a parent's row shows).
 */
export interface Tag {
  id: string;
  projectId: string;
  name: string;
  description: string | null;
  color: string;
  parentId: string | null;
  archived: boolean;
  usageCount: number;
  highlightCount: number;
}

export interface CreateTagInput {
  projectId: string;
  name: string;
  description?: string | null;
  color?: string | null;
  parentId?: string | null;
}

/** Only the fields present change; `parentId: null` moves a tag to the top level. */
export interface UpdateTagInput {
  id: string;
  name?: string;
  description?: string | null;
  color?: string;
  parentId?: string | null;
  archived?: boolean;
}

export const TAG_FIELDS = `
  id
  projectId
  name
  description
  color
  parentId
  archived
  usageCount
  highlightCount
`;

export const TAGS = gql<{ tags: Tag[] }, { projectId: string }>`
  query CodebookTags($projectId: ID!) {
    tags(projectId: $projectId) {
      ${TAG_FIELDS}
    }
  }
`;

export const CREATE_TAG = gql<{ createTag: Tag }, { input: CreateTagInput }>`
  mutation CreateCodebookTag($input: CreateTagInput!) {
    createTag(input: $input) {
      ${TAG_FIELDS}
    }
  }
`;

export const UPDATE_TAG = gql<{ updateTag: Tag }, { input: UpdateTagInput }>`
  mutation UpdateCodebookTag($input: UpdateTagInput!) {
    updateTag(input: $input) {
      ${TAG_FIELDS}
    }
  }
`;

/**
 * Every highlight of the source gets the target (no duplicates); the source's sub-tags move under
 * the target and the source is deleted. Answers the survivor with its new usage count.
 */
export const MERGE_TAGS = gql<
  { mergeTags: Tag },
  { input: { sourceId: string; targetId: string } }
>`
  mutation MergeTags($input: MergeTagsInput!) {
    mergeTags(input: $input) {
      ${TAG_FIELDS}
    }
  }
`;
