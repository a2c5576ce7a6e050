import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  Injector,
  afterNextRender,
  inject,
  input,
  linkedSignal,
  signal,
  viewChild,
} from '@angular/core';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import type { AssignmentTargetType, TargetAssignmentFragment } from '@verbatim/contracts';
import { UnassignDocument } from '@verbatim/contracts/assignments';
import { toAppError } from '../../core/errors/app-error';
import { Avatar } from '../../shared/avatar/avatar';
import { AssignForm } from './assign-form';
import { formatDue, localTimeZone } from './due';

/** Soonest due first, undated last, then by name: the api's order. */
function byDue(a: TargetAssignmentFragment, b: TargetAssignmentFragment): number {
  const due = (x: TargetAssignmentFragment) => (x.dueAt ? Date.parse(x.dueAt) : Infinity);
  return due(a) - due(b) || a.assignee.name.localeCompare(b.assignee.name);
}

/**
 * Who a transcript or theme is assigned to (avatar, name, due date in the viewer's time zone,
 * the note), and for editors "Assign" (a small form) and "Unassign". Starts from the open
 * assignments the page loaded, and keeps the user's own changes.
 */
@Component({
  selector: 'vb-assignments',
  imports: [Avatar, AssignForm],
  templateUrl: './assignments-bar.html',
  styleUrl: './assignments-bar.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AssignmentsBar {
  private readonly apollo = inject(Apollo);
  private readonly injector = inject(Injector);
  private readonly toggle = viewChild<ElementRef<HTMLButtonElement>>('toggle');
  private readonly timeZone = localTimeZone();

  readonly targetType = input.required<AssignmentTargetType>();
  readonly targetId = input.required<string>();
  readonly targetTitle = input.required<string>();
  readonly assignments = input.required<readonly TargetAssignmentFragment[]>();
  /** Editors and owners assign and unassign. */
  readonly canAssign = input(false);

  protected readonly list = linkedSignal(() => [...this.assignments()].sort(byDue));
  protected readonly open = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly now = Date.now();

  protected due(iso: string): string {
    return formatDue(iso, this.now, this.timeZone);
  }

  protected overdue(iso: string): boolean {
    return Date.parse(iso) < this.now;
  }

  protected assigned(assignment: TargetAssignmentFragment): void {
    this.list.update((list) =>
      [...list.filter((a) => a.id !== assignment.id), assignment].sort(byDue),
    );
    this.close();
  }

  protected close(): void {
    this.open.set(false);
    afterNextRender(() => this.toggle()?.nativeElement.focus(), { injector: this.injector });
  }

  protected async unassign(assignment: TargetAssignmentFragment): Promise<void> {
    this.error.set(null);
    try {
      await firstValueFrom(
        this.apollo.mutate({ mutation: UnassignDocument, variables: { id: assignment.id } }),
      );
      this.list.update((list) => list.filter((a) => a.id !== assignment.id));
      afterNextRender(() => this.toggle()?.nativeElement.focus(), { injector: this.injector });
    } catch (err) {
      this.error.set(toAppError(err).message);
    }
  }
}
