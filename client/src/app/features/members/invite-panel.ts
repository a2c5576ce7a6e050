import { Clipboard } from '@angular/cdk/clipboard';
import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  Injector,
  afterNextRender,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { ROLES, roleDescription, roleLabel } from '../../core/access/capabilities';
import { toAppError } from '../../core/errors/app-error';
import type { InvitationFragment as Invitation, Role } from '@verbatim/contracts';
import { InviteMemberDocument, RevokeInvitationDocument } from '@verbatim/contracts/members';

/** The link a new member opens; its token is a secret shown only once. */
export function invitationLink(origin: string, token: string): string {
  return `${origin}/invitations/${encodeURIComponent(token)}`;
}

interface CreatedLink {
  email: string;
  role: Role;
  url: string;
  expiresAt: string;
}

/** Invite by e-mail and role (OWNER), show the one-time link, and revoke pending invitations. */
@Component({
  selector: 'vb-invite-panel',
  imports: [FormsModule, DatePipe],
  templateUrl: './invite-panel.html',
  styleUrl: './invite-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InvitePanel {
  private readonly apollo = inject(Apollo);
  private readonly clipboard = inject(Clipboard);
  private readonly injector = inject(Injector);

  readonly workspaceId = input.required<string>();
  readonly invitations = input.required<readonly Invitation[] | null>();
  readonly changed = output<void>();

  private readonly linkField = viewChild<ElementRef<HTMLInputElement>>('linkField');

  protected readonly roles = ROLES;
  protected readonly roleLabel = roleLabel;
  protected readonly roleDescription = roleDescription;
  protected readonly email = signal('');
  protected readonly role = signal<Role>('VIEWER');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly created = signal<CreatedLink | null>(null);
  protected readonly copied = signal<'yes' | 'failed' | null>(null);
  protected readonly revoking = signal<string | null>(null);
  protected readonly revokeError = signal<string | null>(null);

  protected async invite(): Promise<void> {
    const email = this.email().trim();
    this.error.set(null);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      this.error.set('Enter the e-mail address of the person to invite.');
      return;
    }
    this.busy.set(true);
    this.created.set(null);
    this.copied.set(null);
    try {
      const result = await firstValueFrom(
        this.apollo.mutate({
          mutation: InviteMemberDocument,
          variables: { input: { workspaceId: this.workspaceId(), email, role: this.role() } },
        }),
      );
      const invitation = result.data?.inviteMember;
      if (invitation?.token) {
        this.created.set({
          email: invitation.email,
          role: invitation.role,
          url: invitationLink(window.location.origin, invitation.token),
          expiresAt: invitation.expiresAt,
        });
        this.email.set('');
        afterNextRender(() => this.linkField()?.nativeElement.select(), {
          injector: this.injector,
        });
      } else {
        this.error.set(
          'The invitation was created but no link came back. Revoke it and try again.',
        );
      }
      this.changed.emit();
    } catch (err) {
      this.error.set(toAppError(err).message);
    } finally {
      this.busy.set(false);
    }
  }

  protected async copy(url: string): Promise<void> {
    let ok = false;
    try {
      await navigator.clipboard.writeText(url);
      ok = true;
    } catch {
      // No async clipboard (insecure context, permission): the CDK's textarea fallback.
      ok = this.clipboard.copy(url);
    }
    this.copied.set(ok ? 'yes' : 'failed');
    if (!ok) this.linkField()?.nativeElement.select();
  }

  protected async revoke(invitation: Invitation): Promise<void> {
    this.revoking.set(invitation.id);
    this.revokeError.set(null);
    try {
      await firstValueFrom(
        this.apollo.mutate({
          mutation: RevokeInvitationDocument,
          variables: { id: invitation.id },
        }),
      );
      if (this.created()?.email === invitation.email) this.created.set(null);
      this.changed.emit();
    } catch (err) {
      this.revokeError.set(toAppError(err).message);
    } finally {
      this.revoking.set(null);
    }
  }
}
