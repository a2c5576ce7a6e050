import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Role } from '../../common/access/roles';
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

  /** Only OWNERs and listed members see a restricted project. */
  @Field()
  restricted!: boolean;

  /** The signed-in user's role in the project's workspace. */
  @Field(() => Role)
  role!: Role;

  @Field(() => String, {
    nullable: true,
    description:
      'The language of transcripts that neither declare one nor have enough clear text to detect it ("de"); null: none.',
  })
  defaultLanguage!: string | null;
}

export const toProjectType = (
  p: ProjectEntity,
  role: Role,
  transcriptCount: number,
): ProjectType => ({
  id: p.id,
  workspaceId: p.workspaceId,
  name: p.name,
  description: p.description,
  createdAt: p.createdAt,
  restricted: p.restricted,
  role,
  transcriptCount,
  defaultLanguage: p.defaultLanguage,
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

@InputType()
export class UpdateProjectAccessInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'projectId must be a project id' })
  projectId!: string;

  @Field()
  @IsBoolean()
  restricted!: boolean;

  /** Who besides OWNERs may see the project when restricted. */
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true, message: 'memberIds must be user ids' })
  memberIds?: string[] | null;
}

@InputType()
export class UpdateProjectInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a project id' })
  id!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000, { message: 'description must be at most 5000 characters' })
  description?: string | null;

  /** Left out: unchanged; null or "": none. Transcripts without a language of their own follow it. */
  @Field(() => String, {
    nullable: true,
    description:
      'A language tag ("en", "de-DE"); null clears it. Transcripts without a language of their own are re-indexed in it.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(16, { message: 'defaultLanguage must be at most 16 characters, e.g. "en" or "de-DE"' })
  @Matches(/^$|^\p{L}+([-_][\p{L}\p{N}]+)*$/u, {
    message: 'defaultLanguage must be a language tag like "en" or "de-DE"',
  })
  defaultLanguage?: string | null;
}
