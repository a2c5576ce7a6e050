import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsDate, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { ConnectionType } from '../../common/pagination/connection';
import { OptionalText } from '../../common/validation/text-field';
import { UserType } from '../auth/auth.types';
import { AssignmentTargetType } from './assignment.entity';

export { AssignmentTargetType };
registerEnumType(AssignmentTargetType, {
  name: 'AssignmentTargetType',
  description: 'TRANSCRIPT: a transcript to code; THEME: a theme of a board to review.',
});

/** A note says at most this much. */
export const MAX_ASSIGNMENT_NOTE = 500;
/** A due date lies at most this far ahead. */
export const MAX_DUE_AHEAD_MS = 5 * 365 * 24 * 3600 * 1000;
/** The due-soon reminder goes out this long before the due date. */
export const DUE_SOON_WITHIN_MS = 24 * 3600 * 1000;

@ObjectType('Assignment', {
  description:
    'A transcript to code or a theme to review, given to one member, open until marked done.',
})
export class AssignmentType {
  @Field(() => ID)
  id!: string;

  @Field(() => AssignmentTargetType)
  targetType!: AssignmentTargetType;

  @Field(() => ID, { description: 'The id of the transcript or theme.' })
  targetId!: string;

  @Field({ description: "The transcript's or the theme's title, as it is now." })
  targetTitle!: string;

  @Field(() => ID)
  projectId!: string;

  @Field()
  projectName!: string;

  @Field(() => ID, { nullable: true, description: 'The transcript to open (TRANSCRIPT).' })
  transcriptId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The board the theme is on (THEME).' })
  boardId!: string | null;

  @Field(() => String, { nullable: true, description: "The board's name (THEME)." })
  boardName!: string | null;

  @Field(() => UserType)
  assignee!: UserType;

  @Field(() => UserType, {
    nullable: true,
    description: 'Who assigned it last; null once their account is gone.',
  })
  assignedBy!: UserType | null;

  @Field(() => Date, { nullable: true })
  dueAt!: Date | null;

  @Field({ description: 'Empty when none was given.' })
  note!: string;

  @Field(() => Date, { nullable: true, description: 'When it was marked done; null: open.' })
  doneAt!: Date | null;

  @Field()
  createdAt!: Date;
}

export const AssignmentConnection = ConnectionType(AssignmentType, 'Assignment');

@InputType()
export class AssignInput {
  @Field(() => AssignmentTargetType)
  @IsEnum(AssignmentTargetType)
  targetType!: AssignmentTargetType;

  @Field(() => ID, { description: 'The transcript or theme, as targetType says.' })
  @IsUUID('all', { message: 'targetId must be an id' })
  targetId!: string;

  @Field(() => ID, { description: 'A member of the workspace who can open the project.' })
  @IsUUID('all', { message: 'assigneeId must be a user id' })
  assigneeId!: string;

  @Field(() => Date, {
    nullable: true,
    description: 'In the future; null for no due date. The reminder goes out a day before.',
  })
  @IsOptional()
  @IsDate({ message: 'dueAt must be a date and time' })
  dueAt?: Date | null;

  @OptionalText('note', MAX_ASSIGNMENT_NOTE, `At most ${MAX_ASSIGNMENT_NOTE} characters.`)
  note?: string | null;
}
