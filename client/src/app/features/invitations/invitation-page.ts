import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { roleDescription, roleLabel } from '../../core/access/capabilities';
import { AuthStore } from '../../core/auth/auth-store';
import { Session } from '../../core/auth/session';
import { type AppError, toAppError } from '../../core/errors/app-error';
import type { InvitationQuery } from '@verbatim/contracts';
import { AcceptInvitationDocument, InvitationDocument } from '@verbatim/contracts/members';
import { WorkspacesDocument } from '@verbatim/contracts/workspaces';

type InvitationPreview = InvitationQuery['invitation'];

/**
 * Where an invitation link lands: what it is for, and accepting it. Works signed out too, with
 * sign-up and log-in links that come back here.
 */
@Component({
  selector: 'vb-invitation-page',
  imports: [DatePipe, RouterLink],
  templateUrl: './invitation-page.html',
  styleUrl: './invitation-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InvitationPage {
  private readonly apollo = inject(Apollo);
  private readonly router = inject(Router);
  private readonly session = inject(Session);
  private readonly auth = inject(AuthStore);

  readonly token = input.required<string>();

  protected readonly user = this.auth.user;
  protected readonly signedIn = this.auth.isLoggedIn;
  protected readonly preview = signal<InvitationPreview | null>(null);
  protected readonly loadError = signal<AppError | null>(null);
  protected readonly accepting = signal(false);
  protected readonly acceptError = signal<string | null>(null);
  protected readonly roleLabel = roleLabel;
  protected readonly roleDescription = roleDescription;
  protected readonly here = computed(() => `/invitations/${encodeURIComponent(this.token())}`);
  /** Signed in as someone else than the invitation names; the api will refuse (FORBIDDEN). */
  protected readonly otherAccount = computed(() => {
    const email = this.preview()?.email.toLowerCase();
    const mine = this.user()?.email.toLowerCase();
    return !!email && !!mine && email !== mine;
  });

  constructor() {
    effect(() => {
      const token = this.token();
      untracked(() => void this.load(token));
    });
  }

  private async load(token: string): Promise<void> {
    this.preview.set(null);
    this.loadError.set(null);
    try {
      const result = await firstValueFrom(
        this.apollo.query({
          query: InvitationDocument,
          variables: { token },
          fetchPolicy: 'no-cache',
        }),
      );
      if (result.data) this.preview.set(result.data.invitation);
    } catch (err) {
      this.loadError.set(toAppError(err));
    }
  }

  protected async accept(): Promise<void> {
    this.accepting.set(true);
    this.acceptError.set(null);
    try {
      const result = await firstValueFrom(
        this.apollo.mutate({
          mutation: AcceptInvitationDocument,
          variables: { token: this.token() },
          refetchQueries: [{ query: WorkspacesDocument, variables: { first: 50 } }],
        }),
      );
      const workspace = result.data?.acceptInvitation;
      if (workspace) await this.router.navigate(['/w', workspace.id]);
    } catch (err) {
      // Another account's invitation (FORBIDDEN), spent or expired meanwhile, or rate limited.
      this.acceptError.set(toAppError(err).message);
    } finally {
      this.accepting.set(false);
    }
  }

  /** Signed in as the wrong person: end this session and come back to log in as the right one. */
  protected async switchAccount(): Promise<void> {
    await this.session.end(`/login?returnUrl=${encodeURIComponent(this.here())}`);
  }
}
