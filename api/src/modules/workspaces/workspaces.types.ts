import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Role } from '../../common/access/roles';
import { ConnectionType } from '../../common/pagination/connection';

@ObjectType('Workspace')
export class WorkspaceType {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  /** The signed-in user's role in this workspace. */
  @Field(() => Role)
  role!: Role;

  @Field()
  createdAt!: Date;

  @Field(() => Int)
  memberCount!: number;
}

export const WorkspaceConnection = ConnectionType(WorkspaceType, 'Workspace');

@InputType()
export class CreateWorkspaceInput {
  @Field()
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(120, { message: 'name must be at most 120 characters' })
  name!: string;
}
