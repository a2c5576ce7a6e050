import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { AssignmentNotices } from './assignment-notices';
import {
  AssignmentsResolver,
  ThemeAssignmentsResolver,
  TranscriptAssignmentsResolver,
} from './assignments.resolver';
import { AssignmentsRepository } from './assignments.repository';
import { AssignmentsService } from './assignments.service';
import { DueSoonReminders } from './due-soon-reminders';

/**
 * Assignments: transcripts to code and themes to review, given to members with due dates;
 * each person's "My work", and the reminder a day before something is due.
 */
@Module({
  imports: [NotificationsModule],
  providers: [
    AssignmentsService,
    AssignmentsRepository,
    AssignmentNotices,
    AssignmentsResolver,
    TranscriptAssignmentsResolver,
    ThemeAssignmentsResolver,
    DueSoonReminders,
  ],
})
export class AssignmentsModule {}
