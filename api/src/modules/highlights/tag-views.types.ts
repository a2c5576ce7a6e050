import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { TagType } from '../tags/tags.types';

export enum MatrixAxis {
  PARTICIPANT = 'PARTICIPANT',
  TRANSCRIPT = 'TRANSCRIPT',
}

registerEnumType(MatrixAxis, { name: 'MatrixAxis' });

/** How strongly the highlights matching a filter support a tag (its sub-tags included). */
@ObjectType('TagEvidence')
export class TagEvidenceType {
  @Field(() => TagType)
  tag!: TagType;

  @Field(() => Int)
  highlightCount!: number;

  /** Distinct participants the highlights are attributed to. */
  @Field(() => Int)
  participantCount!: number;

  @Field(() => Int)
  transcriptCount!: number;
}

@ObjectType('MatrixColumn')
export class MatrixColumnType {
  /** A participant or transcript id. */
  @Field(() => ID)
  id!: string;

  /** The participant's display name or the transcript's title. */
  @Field()
  label!: string;
}

@ObjectType('MatrixCell')
export class MatrixCellType {
  @Field(() => ID)
  tagId!: string;

  @Field(() => ID)
  columnId!: string;

  /** Highlights with the tag (or a sub-tag) in that column. */
  @Field(() => Int)
  count!: number;
}

/** Tag × participant (or transcript) counts; cells only where the count is above zero. */
@ObjectType('TagMatrix')
export class TagMatrixType {
  @Field(() => [TagType])
  tags!: TagType[];

  @Field(() => [MatrixColumnType])
  columns!: MatrixColumnType[];

  @Field(() => [MatrixCellType])
  cells!: MatrixCellType[];

  /** The largest cell count (0 when there are no cells), for colour scales. */
  @Field(() => Int)
  max!: number;
}
