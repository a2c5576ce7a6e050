import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { HighlightFilter } from '../../highlights/highlights.types';
import { ExportFormat } from '../export-renderer';

@InputType()
export class ExportHighlightsInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'projectId must be a project id' })
  projectId!: string;

  @Field(() => ExportFormat, { description: 'CSV (UTF-8 with a BOM) or XLSX.' })
  @IsEnum(ExportFormat)
  format!: ExportFormat;

  @Field(() => HighlightFilter, {
    nullable: true,
    description:
      "The tag view's filter (its projectId must be this project's); none: every highlight of the project.",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => HighlightFilter)
  filter?: HighlightFilter | null;
}
