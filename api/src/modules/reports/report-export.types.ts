import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsUUID } from 'class-validator';
import { ExportFormat } from '../exports/export-renderer';
// Registers the ExportFormat enum with GraphQL.
import '../exports/exports.types';

@InputType()
export class ExportReportInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'reportId must be an id' })
  reportId!: string;

  @Field(() => ExportFormat, { description: 'PDF, DOCX, HTML or MARKDOWN.' })
  @IsEnum(ExportFormat)
  format!: ExportFormat;
}
