import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type AuthUser } from '../../common/auth/auth-user';
import { ActivityService } from '../activity/activity.service';
import { NotificationKind, NotificationTargetType } from '../notifications/notification.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { AssignmentTargetType } from './assignments.types';

/** An assignment as its notices and activity events need it. */
export interface AssignmentFacts {
  id: string;
  projectId: string;
  targetType: AssignmentTargetType;
  targetId: string;
  /** The transcript's or theme's title. */
  title: string;
  /** The board the theme lies on (THEME). */
  boardId: string | null;
  assigneeId: string;
  assigneeName: string;
  dueAt: Date | null;
}

/** What the assignee is asked to do: "code “Nina interview”", "review the theme “Pricing”". */
export function task(a: Pick<AssignmentFacts, 'targetType' | 'title'>): string {
  return a.targetType === AssignmentTargetType.TRANSCRIPT
    ? `code “${a.title}”`
    : `review the theme “${a.title}”`;
}

/** The same as a noun phrase: "coding “Nina interview”", "reviewing the theme “Pricing”". */
function taskNoun(a: Pick<AssignmentFacts, 'targetType' | 'title'>): string {
  return a.targetType === AssignmentTargetType.TRANSCRIPT
    ? `coding “${a.title}”`
    : `reviewing the theme “${a.title}”`;
}

export type AssignmentEvent = 'assigned' | 'changed' | 'unassigned' | 'done' | 'reopened';

/**
 * What an assignment tells people, written in the caller's transaction (nothing is told of a
 * change that is rolled back): the assignee is notified when something is given to them
 * (ASSIGNMENT) and a day before it is due (DUE_SOON); every change goes to the project's
 * activity trail.
 */
@Injectable()
export class AssignmentNotices {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly activity: ActivityService,
  ) {}

  /** Tells the assignee (unless they assigned it to themself). */
  async assigned(tx: EntityManager, actor: AuthUser, a: AssignmentFacts): Promise<void> {
    await this.notifications.notify(tx, {
      ...this.place(a),
      userIds: [a.assigneeId],
      kind: NotificationKind.ASSIGNMENT,
      actorId: actor.id,
      summary: `${actor.name} asked you to ${task(a)}`,
    });
  }

  /** Reminds the assignee, once per assignment and due date (a retried sweep tells them once). */
  async dueSoon(tx: EntityManager, a: Omit<AssignmentFacts, 'assigneeName'>): Promise<void> {
    await this.notifications.notify(tx, {
      ...this.place(a),
      userIds: [a.assigneeId],
      kind: NotificationKind.DUE_SOON,
      actorId: null,
      summary: `Due within a day: ${task(a)}`,
      dedupeKey: `due-soon:${a.id}:${a.dueAt?.toISOString() ?? ''}`,
    });
  }

  async record(
    tx: EntityManager,
    actor: AuthUser,
    event: AssignmentEvent,
    a: AssignmentFacts,
  ): Promise<void> {
    const self = a.assigneeId === actor.id;
    const theirs = `${self ? 'their' : `${a.assigneeName}’s`} assignment to ${task(a)}`;
    const summary: Record<AssignmentEvent, string> = {
      assigned: self
        ? `${actor.name} took on ${taskNoun(a)}`
        : `${actor.name} asked ${a.assigneeName} to ${task(a)}`,
      changed: `${actor.name} changed ${theirs}`,
      unassigned: `${actor.name} took back ${theirs}`,
      done: self ? `${actor.name} finished ${taskNoun(a)}` : `${actor.name} marked ${theirs} done`,
      reopened: `${actor.name} reopened ${theirs}`,
    };
    await this.activity.recordInProject(tx, {
      projectId: a.projectId,
      actorId: actor.id,
      verb: `assignment.${event}`,
      summary: summary[event],
      data: {
        assignmentId: a.id,
        targetType: a.targetType,
        targetId: a.targetId,
        assigneeId: a.assigneeId,
        dueAt: a.dueAt?.toISOString() ?? null,
      },
    });
  }

  /** Where the notification opens: the reader, or the board with the theme. */
  private place(a: Omit<AssignmentFacts, 'assigneeName'>) {
    const transcript = a.targetType === AssignmentTargetType.TRANSCRIPT;
    return {
      projectId: a.projectId,
      targetType: transcript ? NotificationTargetType.TRANSCRIPT : NotificationTargetType.THEME,
      targetId: a.targetId,
      transcriptId: transcript ? a.targetId : null,
      boardId: transcript ? null : a.boardId,
    };
  }
}
