import { Injectable, type Signal, inject, signal } from '@angular/core';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import type { MembersQuery } from '@verbatim/contracts';
import { MembersDocument } from '@verbatim/contracts/members';
import type { MentionCandidate } from './mentions';

/** A page of members; the api's largest. */
const PAGE = 100;
/** Members read for the mention list at most (a workspace of research teams is far smaller). */
const MOST = 1000;

/**
 * The members of a workspace, who can be mentioned: read once per workspace when a composer
 * first needs them, and shared by every thread on the page and the next ones.
 */
@Injectable({ providedIn: 'root' })
export class WorkspaceMembers {
  private readonly apollo = inject(Apollo);
  private readonly byWorkspace = new Map<string, Signal<readonly MentionCandidate[]>>();

  of(workspaceId: string): Signal<readonly MentionCandidate[]> {
    let members = this.byWorkspace.get(workspaceId);
    if (!members) {
      const loaded = signal<readonly MentionCandidate[]>([]);
      members = loaded.asReadonly();
      this.byWorkspace.set(workspaceId, members);
      this.load(workspaceId).then(
        (all) => loaded.set(all),
        // Not cached when it failed: the next thread asks again.
        () => this.byWorkspace.delete(workspaceId),
      );
    }
    return members;
  }

  private async load(workspaceId: string): Promise<MentionCandidate[]> {
    const all: MentionCandidate[] = [];
    let after: string | null = null;
    do {
      const { data }: { data?: MembersQuery } = await firstValueFrom(
        this.apollo.query({
          query: MembersDocument,
          variables: { workspaceId, first: PAGE, after },
          fetchPolicy: 'network-only',
        }),
      );
      if (!data) break;
      all.push(...data.members.edges.map(({ node: { user } }) => ({ ...user })));
      after = data.members.pageInfo.hasNextPage ? data.members.pageInfo.endCursor : null;
    } while (after && all.length < MOST);
    return all;
  }
}
