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
  viewChildren,
} from '@angular/core';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { ROLES, roleLabel } from '../../core/access/capabilities';
import { toAppError } from '../../core/errors/app-error';
import type { MemberFragment as Member, Role } from '@verbatim/contracts';
import { RemoveMemberDocument, UpdateMemberRoleDocument } from '@verbatim/contracts/members';

interface RowState {
  busy: boolean;
  error: string | null;
  confirmingRemoval: boolean;
}

const IDLE: RowState = { busy: false, error: null, confirmingRemoval: false };

/** The workspace's members; an owner changes roles and removes members here. */
@Component({
  selector: 'vb-member-list',
  imports: [DatePipe],
  templateUrl: './member-list.html',
  styleUrl: './member-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MemberList {
  private readonly apollo = inject(Apollo);
  private readonly injector = inject(Injector);

  readonly workspaceId = input.required<string>();
  readonly members = input.required<readonly Member[]>();
  readonly canManage = input(false);
  readonly currentUserId = input<string | null>(null);
  /** A role changed or a member left the list: the page reloads what depends on it. */
  readonly changed = output<{ userId: string; removed: boolean }>();

  private readonly confirmButtons = viewChildren<ElementRef<HTMLButtonElement>>('confirmRemove');

  protected readonly roles = ROLES;
  protected readonly roleLabel = roleLabel;
  protected readonly rows = signal<Record<string, RowState>>({});

  protected row(userId: string): RowState {
    return this.rows()[userId] ?? IDLE;
  }

  protected async changeRole(member: Member, event: Event): Promise<void> {
    const select = event.target as HTMLSelectElement;
    const role = select.value as Role;
    if (role === member.role) return;
    this.setRow(member.user.id, { ...IDLE, busy: true });
    try {
      await firstValueFrom(
        this.apollo.mutate({
          mutation: UpdateMemberRoleDocument,
          variables: { input: { workspaceId: this.workspaceId(), userId: member.user.id, role } },
        }),
      );
      this.setRow(member.user.id, IDLE);
      this.changed.emit({ userId: member.user.id, removed: false });
    } catch (err) {
      // The last owner cannot be demoted: the server says CONFLICT with a message to show.
      select.value = member.role;
      this.setRow(member.user.id, { ...IDLE, error: toAppError(err).message });
    }
  }

  protected askRemoval(member: Member): void {
    this.setRow(member.user.id, { ...IDLE, confirmingRemoval: true });
    afterNextRender(() => this.confirmButtons()[0]?.nativeElement.focus(), {
      injector: this.injector,
    });
  }

  protected cancelRemoval(member: Member): void {
    this.setRow(member.user.id, IDLE);
  }

  protected async remove(member: Member): Promise<void> {
    this.setRow(member.user.id, { ...IDLE, busy: true, confirmingRemoval: true });
    try {
      await firstValueFrom(
        this.apollo.mutate({
          mutation: RemoveMemberDocument,
          variables: { input: { workspaceId: this.workspaceId(), userId: member.user.id } },
        }),
      );
      this.setRow(member.user.id, IDLE);
      this.changed.emit({ userId: member.user.id, removed: true });
    } catch (err) {
      this.setRow(member.user.id, { ...IDLE, error: toAppError(err).message });
    }
  }

  private setRow(userId: string, state: RowState): void {
    this.rows.update((rows) => ({ ...rows, [userId]: state }));
  }
}
