import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { Title } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';
import { Apollo, type QueryRef } from 'apollo-angular';
import { Subscription, firstValueFrom } from 'rxjs';
import { capabilitiesFor, roleLabel } from '../../core/access/capabilities';
import { AuthStore } from '../../core/auth/auth-store';
import { type AppError, toAppError } from '../../core/errors/app-error';
import { CurrentWorkspace } from '../../core/workspace/current-workspace';
import type {
  WorkspaceFragment as Workspace,
  ActivityQuery,
  ActivityQueryVariables,
  InvitationFragment as Invitation,
  InvitationsQuery,
  InvitationsQueryVariables,
  MembersQuery,
  MembersQueryVariables,
  WorkspaceQuery,
  WorkspaceQueryVariables,
} from '@verbatim/contracts';
import { ActivityDocument } from '@verbatim/contracts/activity';
import {
  InvitationsDocument,
  LeaveWorkspaceDocument,
  MembersDocument,
} from '@verbatim/contracts/members';
import { WorkspaceDocument, WorkspacesDocument } from '@verbatim/contracts/workspaces';
import { NotFound, isNotFound } from '../../shared/not-found';
import { ActivityList } from './activity-list';
import { InvitePanel } from './invite-panel';
import { MemberList } from './member-list';

type Activity = ActivityQuery['activity']['edges'][number]['node'];

const MEMBER_PAGE = 100;
const ACTIVITY_PAGE = 15;

type MembersQueryRef = QueryRef<MembersQuery, MembersQueryVariables>;
type ActivityQueryRef = QueryRef<ActivityQuery, ActivityQueryVariables>;

/** Who is in a workspace and with which role; owners invite and manage members here. */
@Component({
  selector: 'vb-members-page',
  imports: [RouterLink, NotFound, MemberList, InvitePanel, ActivityList],
  templateUrl: './members-page.html',
  styleUrl: './members-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MembersPage {
  private readonly apollo = inject(Apollo);
  private readonly router = inject(Router);
  private readonly title = inject(Title);
  private readonly currentWorkspace = inject(CurrentWorkspace);
  private readonly injector = inject(Injector);
  private subscriptions = new Subscription();
  private workspaceQuery: QueryRef<WorkspaceQuery, WorkspaceQueryVariables> | null = null;
  private membersQuery: MembersQueryRef | null = null;
  private activityQuery: ActivityQueryRef | null = null;
  private invitationsQuery: QueryRef<InvitationsQuery, InvitationsQueryVariables> | null = null;

  readonly workspaceId = input.required<string>();

  private readonly confirmLeaveButton = viewChild<ElementRef<HTMLButtonElement>>('confirmLeave');

  private readonly auth = inject(AuthStore);
  protected readonly currentUserId = computed(() => this.auth.user()?.id ?? null);
  protected readonly workspace = signal<Workspace | null>(null);
  protected readonly workspaceError = signal<AppError | null>(null);
  protected readonly notFound = computed(() => isNotFound(this.workspaceError()));
  protected readonly can = computed(() => capabilitiesFor(this.workspace()?.role));
  protected readonly roleLabel = roleLabel;
  protected readonly members = signal<MembersQuery['members'] | null>(null);
  protected readonly memberList = computed(() => this.members()?.edges.map((e) => e.node) ?? []);
  protected readonly membersError = signal<string | null>(null);
  protected readonly invitations = signal<readonly Invitation[] | null>(null);
  protected readonly activity = signal<readonly Activity[] | null>(null);
  protected readonly activityError = signal<string | null>(null);
  protected readonly now = signal(Date.now());
  protected readonly confirmingLeave = signal(false);
  protected readonly leaving = signal(false);
  protected readonly leaveError = signal<string | null>(null);

  constructor() {
    effect(() => {
      const id = this.workspaceId();
      untracked(() => this.load(id));
    });
    // Pending invitations are the owners' business: ask only once the role says so.
    effect(() => {
      const manage = this.can().manageMembers;
      const id = this.workspaceId();
      untracked(() => this.watchInvitations(manage ? id : null));
    });
    inject(DestroyRef).onDestroy(() => this.subscriptions.unsubscribe());
  }

  private load(workspaceId: string): void {
    this.subscriptions.unsubscribe();
    this.subscriptions = new Subscription();
    this.workspace.set(null);
    this.workspaceError.set(null);
    this.members.set(null);
    this.activity.set(null);
    this.confirmingLeave.set(false);
    this.leaveError.set(null);

    this.workspaceQuery = this.apollo.watchQuery({
      query: WorkspaceDocument,
      variables: { id: workspaceId },
    });
    this.subscriptions.add(
      this.workspaceQuery.valueChanges.subscribe((result) => {
        if (result.dataState === 'complete') {
          this.workspace.set(result.data.workspace);
          this.currentWorkspace.set(workspaceId);
          this.title.setTitle(`Members of ${result.data.workspace.name} · Verbatim`);
        }
        this.workspaceError.set(result.error ? toAppError(result.error) : null);
      }),
    );

    const members: MembersQueryRef = this.apollo.watchQuery({
      query: MembersDocument,
      variables: { workspaceId, first: MEMBER_PAGE },
    });
    this.membersQuery = members;
    this.subscriptions.add(
      members.valueChanges.subscribe((result) => {
        if (result.dataState === 'complete') this.members.set(result.data.members);
        this.membersError.set(result.error ? toAppError(result.error).message : null);
      }),
    );

    const activity: ActivityQueryRef = this.apollo.watchQuery({
      query: ActivityDocument,
      variables: { workspaceId, first: ACTIVITY_PAGE },
    });
    this.activityQuery = activity;
    this.subscriptions.add(
      activity.valueChanges.subscribe((result) => {
        if (result.dataState === 'complete') {
          this.now.set(Date.now());
          this.activity.set(result.data.activity.edges.map((e) => e.node));
        }
        this.activityError.set(result.error ? toAppError(result.error).message : null);
      }),
    );
  }

  private watchInvitations(workspaceId: string | null): void {
    this.invitationsQuery = null;
    this.invitations.set(null);
    if (!workspaceId) return;
    const query = this.apollo.watchQuery({
      query: InvitationsDocument,
      variables: { workspaceId },
    });
    this.invitationsQuery = query;
    this.subscriptions.add(
      query.valueChanges.subscribe((result) => {
        if (this.invitationsQuery !== query) return;
        if (result.dataState === 'complete') this.invitations.set(result.data.invitations);
      }),
    );
  }

  /** After any change of membership: counts, roles (maybe our own), invitations, the log. */
  protected reload(): void {
    for (const query of [
      this.workspaceQuery,
      this.membersQuery,
      this.activityQuery,
      this.invitationsQuery,
    ])
      void query?.refetch().catch(() => undefined);
  }

  protected async loadMoreMembers(): Promise<void> {
    const after = this.members()?.pageInfo.endCursor;
    if (after && this.membersQuery) await this.membersQuery.fetchMore({ variables: { after } });
  }

  protected askLeave(): void {
    this.leaveError.set(null);
    this.confirmingLeave.set(true);
    afterNextRender(() => this.confirmLeaveButton()?.nativeElement.focus(), {
      injector: this.injector,
    });
  }

  protected async leave(): Promise<void> {
    const workspaceId = this.workspaceId();
    this.leaving.set(true);
    this.leaveError.set(null);
    try {
      await firstValueFrom(
        this.apollo.mutate({
          mutation: LeaveWorkspaceDocument,
          variables: { workspaceId },
          refetchQueries: [{ query: WorkspacesDocument, variables: { first: 50 } }],
        }),
      );
      this.currentWorkspace.clear(workspaceId);
      this.apollo.client.cache.evict({ id: `Workspace:${workspaceId}` });
      this.apollo.client.cache.gc();
      await this.router.navigate(['/workspaces']);
    } catch (err) {
      // The last owner cannot leave: CONFLICT, with the server's explanation.
      this.leaveError.set(toAppError(err).message);
      this.confirmingLeave.set(false);
    } finally {
      this.leaving.set(false);
    }
  }
}
