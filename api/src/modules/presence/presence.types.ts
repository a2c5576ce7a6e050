import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { type TargetKind } from '../../common/access/access.service';

/** What people can be present at: a transcript open in the reader, a board open. */
export enum PresenceTargetType {
  TRANSCRIPT = 'TRANSCRIPT',
  BOARD = 'BOARD',
}
registerEnumType(PresenceTargetType, {
  name: 'PresenceTargetType',
  description: 'TRANSCRIPT: a transcript open in the reader; BOARD: a board open.',
});

/** The kind of id each target type names: how access to it is decided. */
export const PRESENCE_TARGETS: Readonly<Record<PresenceTargetType, TargetKind>> = {
  [PresenceTargetType.TRANSCRIPT]: 'transcriptId',
  [PresenceTargetType.BOARD]: 'boardId',
};

/** At most this many people are named in one update (`count` tells how many there are). */
export const MAX_PRESENT_USERS = 50;

@ObjectType('PresentUser', { description: 'Someone who has the transcript or board open.' })
export class PresentUserType {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;
}

@ObjectType('Presence', {
  description: 'Who has a transcript or board open right now, the subscriber included.',
})
export class PresenceType {
  @Field(() => PresenceTargetType)
  targetType!: PresenceTargetType;

  @Field(() => ID)
  targetId!: string;

  @Field(() => Int, { description: 'How many people (each counted once, however many tabs).' })
  count!: number;

  @Field(() => [PresentUserType], {
    description: `By name; at most ${MAX_PRESENT_USERS} of them.`,
  })
  users!: PresentUserType[];
}
