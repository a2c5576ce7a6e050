import { Field, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsUUID } from 'class-validator';

/** The formats a whole project can be exported in: REFI-QDA's .qdpx only, for now. */
export enum ProjectExportFormat {
  QDPX = 'QDPX',
}

registerEnumType(ProjectExportFormat, {
  name: 'ProjectExportFormat',
  description: 'QDPX: a REFI-QDA project, for NVivo, ATLAS.ti, MAXQDA, QualCoder and others.',
});

@InputType()
export class ExportCodebookInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'projectId must be a project id' })
  projectId!: string;
}

@InputType()
export class ExportProjectInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'projectId must be a project id' })
  projectId!: string;

  @Field(() => ProjectExportFormat, { defaultValue: ProjectExportFormat.QDPX })
  @IsEnum(ProjectExportFormat, { message: 'format must be QDPX' })
  format!: ProjectExportFormat;
}
