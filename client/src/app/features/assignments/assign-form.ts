import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  Injector,
  afterNextRender,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import type { AssignmentItemFragment, AssignmentTargetType } from '@verbatim/contracts';
import { AssignDocument } from '@verbatim/contracts/assignments';
import { MembersDocument } from '@verbatim/contracts/members';
import { toAppError } from '../../core/errors/app-error';
import { CurrentWorkspace } from '../../core/workspace/current-workspace';
import { endOfDay, todayValue } from './due';

/** Members offered at once; a workspace larger than this is not what one dropdown serves. */
const MEMBERS = 100;

/**
 * The small form behind "Assign": who (a member of the workspace), an optional due date (the
 * end of that day where the assigner is) and an optional note. Opens with the first field
 * focused; Escape or Cancel closes it. The api refuses a member who cannot open the project,
 * and the form says so.
 */
@Component({
  selector: 'vb-assign-form',
  templateUrl: './assign-form.html',
  styleUrl: './assign-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AssignForm {
  private readonly apollo = inject(Apollo);
  private readonly workspaceId = inject(CurrentWorkspace).id;
  private readonly injector = inject(Injector);
  private readonly who = viewChild<ElementRef<HTMLSelectElement>>('who');

  readonly targetType = input.required<AssignmentTargetType>();
  readonly targetId = input.required<string>();
  readonly targetTitle = input.required<string>();
  readonly assigned = output<AssignmentItemFragment>();
  readonly cancelled = output<void>();

  protected readonly members = signal<readonly { id: string; name: string }[] | null>(null);
  protected readonly assigneeId = signal('');
  protected readonly due = signal('');
  protected readonly note = signal('');
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly today = todayValue();

  constructor() {
    effect(() => {
      const workspaceId = this.workspaceId();
      if (workspaceId) untracked(() => void this.loadMembers(workspaceId));
    });
    afterNextRender(() => this.who()?.nativeElement.focus(), { injector: this.injector });
  }

  protected async submit(): Promise<void> {
    if (!this.assigneeId()) {
      this.error.set('Choose who to assign.');
      this.who()?.nativeElement.focus();
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    try {
      const { data } = await firstValueFrom(
        this.apollo.mutate({
          mutation: AssignDocument,
          variables: {
            input: {
              targetType: this.targetType(),
              targetId: this.targetId(),
              assigneeId: this.assigneeId(),
              dueAt: endOfDay(this.due()),
              note: this.note().trim() || null,
            },
          },
        }),
      );
      if (data) this.assigned.emit(data.assign);
    } catch (err) {
      this.error.set(toAppError(err).message);
    } finally {
      this.saving.set(false);
    }
  }

  private async loadMembers(workspaceId: string): Promise<void> {
    try {
      const { data } = await firstValueFrom(
        this.apollo.query({
          query: MembersDocument,
          variables: { workspaceId, first: MEMBERS },
          fetchPolicy: 'network-only',
        }),
      );
      if (data) this.members.set(data.members.edges.map((e) => e.node.user));
    } catch (err) {
      this.error.set(toAppError(err).message);
    }
  }
}
