import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ConnectionType } from '../../common/pagination/connection';
import { type ProjectEntity } from './project.entity';

@ObjectType('Project')
export class ProjectType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  workspaceId!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field()
  createdAt!: Date;

  @Field(() => Int)
  transcriptCount!: number;
}

export const toProjectType = (p: ProjectEntity, transcriptCount: number): ProjectType => ({
  id: p.id,
  workspaceId: p.workspaceId,
  name: p.name,
  description: p.description,
  createdAt: p.createdAt,
  transcriptCount,
});

export const ProjectConnection = ConnectionType(ProjectType, 'Project');

@InputType()
export class CreateProjectInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'workspaceId must be a workspace id' })
  workspaceId!: string;

  @Field()
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000, { message: 'description must be at most 5000 characters' })
  description?: string | null;
}
