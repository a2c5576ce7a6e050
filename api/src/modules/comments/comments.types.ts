import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, IsUUID } from 'class-validator';
import { ConnectionType } from '../../common/pagination/connection';
import { UserType } from '../auth/auth.types';
import { CommentTargetType } from './comment.entity';

export { CommentTargetType };
registerEnumType(CommentTargetType, {
  name: 'CommentTargetType',
  description: 'What a comment is about: its targetId is an id of this kind.',
});

/** A body is Markdown of at most this many characters (after trimming). */
export const MAX_COMMENT_CHARS = 10_000;
/** At most this many people are mentioned in one comment. */
export const MAX_MENTIONS = 50;
/** A thread has at most this many replies. */
export const MAX_REPLIES = 200;

/**
 * How a body names the people it mentions: as a Markdown link to `mention:<user id>` whose words
 * are the name as written (`[@Ana Lima](mention:5f0c…)`), so the reference survives a rename and
 * a plain Markdown renderer still shows the name. Stored like the rest of the body; what notifies
 * is `mentionIds`.
 */
const BODY_DESCRIPTION = `Markdown, at most ${MAX_COMMENT_CHARS.toLocaleString('en-US')} characters. A mention is written as a link to the person's id, \`[@Ana Lima](mention:<user id>)\`, and listed in mentionIds.`;
const EDIT_DESCRIPTION = `Markdown, at most ${MAX_COMMENT_CHARS.toLocaleString('en-US')} characters. Who the comment mentions stays as it was when it was added.`;

@ObjectType('CommentReaction', { description: 'One emoji reacted to a comment, and by how many.' })
export class CommentReactionType {
  @Field()
  emoji!: string;

  @Field(() => Int)
  count!: number;

  @Field({ description: 'Whether the caller is one of them.' })
  reactedByMe!: boolean;
}

@ObjectType('Comment', {
  description:
    'A comment or a reply. Threads are one level deep: a reply belongs to a root comment (parentId).',
})
export class CommentType {
  @Field(() => ID)
  id!: string;

  @Field(() => CommentTargetType)
  targetType!: CommentTargetType;

  @Field(() => ID)
  targetId!: string;

  @Field(() => ID, { nullable: true, description: 'The root of its thread; null for a root.' })
  parentId!: string | null;

  @Field({
    description:
      'Markdown, exactly as written (trimmed): not sanitised, so render it as untrusted. Empty once deleted.',
  })
  body!: string;

  @Field(() => UserType, {
    nullable: true,
    description: 'Who wrote it; null once their account is gone.',
  })
  author!: UserType | null;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When its body was last edited.' })
  editedAt!: Date | null;

  @Field({
    description:
      'True for a deleted root that keeps its place because it has replies (its body is empty).',
  })
  deleted!: boolean;

  @Field({ description: 'Whether its thread is resolved (a reply tells its root’s state).' })
  resolved!: boolean;

  @Field(() => Date, { nullable: true, description: 'When its thread was resolved.' })
  resolvedAt!: Date | null;
}

/** A target's threads, oldest first; each node is a thread's root, totalCount its threads. */
export const CommentConnection = ConnectionType(CommentType, 'Comment');

@InputType()
export class AddCommentInput {
  @Field(() => CommentTargetType)
  @IsEnum(CommentTargetType)
  targetType!: CommentTargetType;

  @Field(() => ID)
  @IsUUID('all', { message: 'targetId must be an id' })
  targetId!: string;

  @Field({ description: BODY_DESCRIPTION })
  @IsString()
  body!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The root comment of a thread of the same target, to reply to it.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'parentId must be a comment id' })
  parentId?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description:
      'Members of the workspace to mention. Those who cannot see the target are left out.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_MENTIONS, { message: `at most ${MAX_MENTIONS} people can be mentioned` })
  @IsUUID('all', { each: true, message: 'mentionIds must be user ids' })
  mentionIds?: string[] | null;
}

@InputType()
export class EditCommentInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a comment id' })
  id!: string;

  @Field({ description: EDIT_DESCRIPTION })
  @IsString()
  body!: string;
}
