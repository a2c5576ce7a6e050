import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('DigestItem')
export class DigestItemType {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;
}

@ObjectType('DigestItems', { description: 'How many are new, and the newest five of them.' })
export class DigestItemsType {
  @Field(() => Int)
  count!: number;

  @Field(() => [DigestItemType])
  items!: DigestItemType[];
}

@ObjectType('DigestCount')
export class DigestCountType {
  @Field(() => Int)
  count!: number;
}

@ObjectType('DigestTag')
export class DigestTagType {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;
}

@ObjectType('DigestTagCount')
export class DigestTagCountType {
  @Field(() => DigestTagType)
  tag!: DigestTagType;

  @Field(() => Int)
  count!: number;
}

@ObjectType('DigestHighlights')
export class DigestHighlightsType {
  @Field(() => Int)
  count!: number;

  @Field(() => [DigestTagCountType], {
    description: 'The new highlights per tag, most used first (at most 50 tags).',
  })
  byTag!: DigestTagCountType[];
}

@ObjectType('ProjectDigest', {
  description:
    "What others did in a project since the caller's marker (or in the last 7 days when never seen).",
})
export class ProjectDigestType {
  @Field()
  since!: Date;

  @Field({
    description:
      'Whether `since` is when the caller last marked the project seen; false: they never did, and the digest covers the last 7 days.',
  })
  sinceLastSeen!: boolean;

  @Field(() => DigestItemsType)
  newTranscripts!: DigestItemsType;

  @Field(() => DigestHighlightsType)
  newHighlights!: DigestHighlightsType;

  @Field(() => DigestCountType)
  newComments!: DigestCountType;

  @Field(() => DigestCountType, { description: 'New comments that mention the caller.' })
  mentions!: DigestCountType;

  @Field(() => DigestItemsType)
  newInsights!: DigestItemsType;

  @Field(() => DigestCountType, {
    description: 'Board changes: cards added, themes applied, boards made or deleted.',
  })
  boardMoves!: DigestCountType;
}
