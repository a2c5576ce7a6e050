import { Injectable } from '@nestjs/common';
import { DigestRepository, type VisibleProject } from './digest.repository';
import { type ProjectDigestType } from './digest.types';

/** One project's part of a user's digest. */
export interface ProjectChanges {
  project: VisibleProject;
  digest: ProjectDigestType;
}

/** Whether anything in a project digest is worth telling. */
export function hasNews(d: ProjectDigestType): boolean {
  return (
    d.newTranscripts.count +
      d.newHighlights.count +
      d.newComments.count +
      d.mentions.count +
      d.newInsights.count +
      d.boardMoves.count >
    0
  );
}

/**
 * What changed for one user across their projects, as `projectDigest` tells it for one: the
 * content of the e-mail digest (module mail).
 */
@Injectable()
export class DigestService {
  constructor(private readonly repo: DigestRepository) {}

  /**
   * What others did after `since` and up to `until` in each project the user can see now;
   * projects where nothing happened are left out, so an empty list means nothing to tell.
   */
  async changesFor(userId: string, since: Date, until: Date): Promise<ProjectChanges[]> {
    const changes: ProjectChanges[] = [];
    for (const project of await this.repo.visibleProjects(userId)) {
      const digest = await this.repo.changes(userId, project.id, since, until);
      if (hasNews(digest)) changes.push({ project, digest });
    }
    return changes;
  }
}
