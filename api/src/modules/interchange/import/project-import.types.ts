import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { type ProjectImportEntity, ProjectImportStatus } from './project-import.entity';

registerEnumType(ProjectImportStatus, {
  name: 'ProjectImportStatus',
  description: 'QUEUED → RUNNING → READY | FAILED, as for every job.',
});

/** Stored warnings are capped; each one names a few items and counts the rest. */
export const MAX_IMPORT_WARNINGS = 50;

@ObjectType('ImportWarning', {
  description: 'Something in the imported file that Verbatim left out or changed.',
})
export class ImportWarningType {
  @Field({ description: 'RICH_TEXT_ONLY, UNSUPPORTED_SOURCE, RENAMED_CODE, …' })
  code!: string;

  @Field({ description: 'A sentence for the person importing.' })
  message!: string;
}

@ObjectType('ImportCounts')
export class ImportCountsType {
  @Field(() => Int)
  transcripts!: number;

  @Field(() => Int, { description: 'Tags made from the codebook.' })
  codes!: number;

  @Field(() => Int, { description: 'Tags applied to highlights.' })
  codings!: number;
}

@ObjectType('ProjectImport', {
  description: 'A REFI-QDA file (.qdpx or .qdc) made into a new project of a workspace.',
})
export class ProjectImportType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  workspaceId!: string;

  @Field(() => ProjectImportStatus)
  status!: ProjectImportStatus;

  @Field(() => Float, { description: '0..1' })
  progress!: number;

  @Field(() => ID, { nullable: true, description: 'The project made, once READY.' })
  projectId!: string | null;

  @Field()
  filename!: string;

  @Field(() => String, { nullable: true, description: 'Why it FAILED.' })
  error!: string | null;

  @Field(() => [ImportWarningType])
  warnings!: ImportWarningType[];

  @Field(() => ImportCountsType)
  counts!: ImportCountsType;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

export const toProjectImportType = (row: ProjectImportEntity): ProjectImportType => ({
  id: row.id,
  workspaceId: row.workspaceId,
  status: row.status,
  progress: row.progress,
  projectId: row.projectId,
  filename: row.filename,
  error: row.error,
  warnings: row.warnings.slice(0, MAX_IMPORT_WARNINGS),
  counts: row.counts ?? { transcripts: 0, codes: 0, codings: 0 },
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});
