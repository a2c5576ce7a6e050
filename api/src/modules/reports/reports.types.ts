import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsUUID,
  Min,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { OptionalText, RequiredText } from '../../common/validation/text-field';
import { ReportChartType, ReportSectionKind } from './report.entity';

export { ReportChartType, ReportSectionKind };
registerEnumType(ReportSectionKind, {
  name: 'ReportSectionKind',
  description:
    'TEXT: Markdown; INSIGHT: an insight and chosen evidence; THEME: a theme and its cards; QUOTES: chosen highlights; CHART: a chart of tags.',
});
registerEnumType(ReportChartType, {
  name: 'ReportChartType',
  description:
    'TAG_FREQUENCY: highlights per tag; TAG_PARTICIPANT_HEATMAP: highlights per tag and participant.',
});

export const MAX_REPORT_TITLE_CHARS = 300;
export const MAX_SECTION_TEXT_CHARS = 50_000;
export const MAX_SECTION_HIGHLIGHTS = 200;
export const MAX_SECTIONS = 300;
export const MAX_CHART_TAGS = 30;
/** Quotes a section shows of an insight's evidence or a theme's cards when none were chosen. */
export const DEFAULT_QUOTES_PER_SECTION = 50;

@ObjectType('ReportQuote', { description: 'A highlight as a report shows it.' })
export class ReportQuoteType {
  @Field(() => ID)
  highlightId!: string;

  @Field()
  text!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The speaker, or their pseudonym when the report pseudonymizes; null: unknown.',
  })
  speaker!: string | null;

  @Field()
  transcriptTitle!: string;

  @Field(() => ID)
  transcriptId!: string;

  @Field(() => ID, { description: 'The turn the quote starts in.' })
  segmentId!: string;

  @Field(() => Int, { nullable: true, description: 'Where the turn starts in the recording.' })
  startMs!: number | null;

  @Field({
    description: 'The reader at this turn: PUBLIC_URL/t/<transcriptId>?segment=<segmentId>.',
  })
  link!: string;
}

@ObjectType('ReportSectionInsight')
export class ReportSectionInsightType {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field({ description: 'Markdown.' })
  body!: string;

  @Field()
  status!: string;
}

@ObjectType('ReportSectionTheme')
export class ReportSectionThemeType {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field()
  description!: string;
}

@ObjectType('ReportChart')
export class ReportChartType_ {
  @Field(() => ReportChartType)
  type!: ReportChartType;

  @Field(() => [ID], { description: "The tags shown; empty: the project's most used tags." })
  tagIds!: string[];
}

@ObjectType('ReportSection')
export class ReportSectionType {
  @Field(() => ID)
  id!: string;

  @Field(() => ReportSectionKind)
  kind!: ReportSectionKind;

  @Field(() => Int, { description: 'Its place in the report, from 0.' })
  position!: number;

  @Field(() => Int, { description: "Grows with edits of this section's content." })
  version!: number;

  @Field({ description: 'Markdown as written.' })
  text!: string;

  @Field(() => ID, { nullable: true })
  insightId!: string | null;

  @Field(() => ID, { nullable: true })
  themeId!: string | null;

  @Field(() => [ID], { description: 'The highlights chosen for this section, in order.' })
  highlightIds!: string[];

  @Field(() => ReportChartType_, { nullable: true })
  chart!: ReportChartType_ | null;

  @Field(() => ReportSectionInsightType, {
    nullable: true,
    description: 'INSIGHT: the insight; null when it was deleted.',
  })
  insight!: ReportSectionInsightType | null;

  @Field(() => ReportSectionThemeType, {
    nullable: true,
    description: 'THEME: the theme; null when it was deleted.',
  })
  theme!: ReportSectionThemeType | null;

  @Field(() => [ReportQuoteType], {
    description:
      "The quotes shown: the chosen highlights, else an insight's evidence or a theme's cards (first 50).",
  })
  quotes!: ReportQuoteType[];

  @Field(() => String, { nullable: true, description: 'CHART: the chart as an SVG document.' })
  svg!: string | null;

  @Field(() => String, { nullable: true, description: "CHART: the chart's title." })
  chartTitle!: string | null;
}

@ObjectType('ReportShare', { description: 'A link that shows the report without logging in.' })
export class ReportShareType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, {
    nullable: true,
    description: 'PUBLIC_URL/r/<token>: only in the answer of shareReport (the token is not kept).',
  })
  url!: string | null;

  @Field(() => String, { nullable: true, description: 'Only in the answer of shareReport.' })
  token!: string | null;

  @Field()
  expiresAt!: Date;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field({ description: 'Neither expired nor revoked.' })
  active!: boolean;

  @Field()
  createdAt!: Date;

  @Field(() => String, { nullable: true, description: 'Who made the link.' })
  createdByName!: string | null;
}

@ObjectType('Report')
export class ReportType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  projectId!: string;

  @Field()
  title!: string;

  @Field({
    description: 'Participants shown as "Participant A…" in the report, exports and share page.',
  })
  pseudonymize!: boolean;

  @Field(() => Int, { description: 'Grows with every change of the report or its sections.' })
  version!: number;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  // sections, shares and previewHtml are resolved fields (reports.resolver.ts).
}

@ObjectType('SharedReportQuote')
export class SharedReportQuoteType {
  @Field()
  text!: string;

  @Field(() => String, { nullable: true })
  speaker!: string | null;

  @Field()
  transcriptTitle!: string;

  @Field(() => Int, { nullable: true })
  startMs!: number | null;
}

@ObjectType('SharedReportSection', {
  description: 'A section of a shared report: its content only, no ids usable elsewhere.',
})
export class SharedReportSectionType {
  @Field(() => ReportSectionKind)
  kind!: ReportSectionKind;

  @Field(() => String, {
    nullable: true,
    description: "The heading: an insight's or theme's title, a chart's title.",
  })
  title!: string | null;

  @Field({
    description: "Markdown: a TEXT section's text, an insight's body, a theme's description.",
  })
  text!: string;

  @Field(() => String, { nullable: true })
  status!: string | null;

  @Field(() => [SharedReportQuoteType])
  quotes!: SharedReportQuoteType[];

  @Field(() => String, { nullable: true })
  svg!: string | null;
}

@ObjectType('SharedReport', { description: 'A report as its share link shows it.' })
export class SharedReportType {
  @Field()
  title!: string;

  @Field()
  pseudonymized!: boolean;

  @Field()
  expiresAt!: Date;

  @Field(() => [SharedReportSectionType])
  sections!: SharedReportSectionType[];

  @Field({
    description:
      'The whole report as one self-contained HTML document (no script, no external request): show it in a sandboxed iframe.',
  })
  html!: string;
}

@InputType()
export class CreateReportInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'projectId must be an id' })
  projectId!: string;

  @RequiredText('title', MAX_REPORT_TITLE_CHARS)
  title!: string;

  @Field({ nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  pseudonymize?: boolean;
}

@InputType()
export class UpdateReportInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'reportId must be an id' })
  reportId!: string;

  @OptionalText('title', MAX_REPORT_TITLE_CHARS)
  title?: string | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  pseudonymize?: boolean | null;

  @Field(() => Int, { description: 'The report version the change was made on; stale: CONFLICT.' })
  @IsInt()
  @Min(1)
  version!: number;
}

@InputType('ReportChartInput')
export class ReportChartInput {
  @Field(() => ReportChartType)
  @IsEnum(ReportChartType)
  type!: ReportChartType;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CHART_TAGS, { message: `a chart shows at most ${MAX_CHART_TAGS} tags` })
  @IsUUID('all', { each: true, message: 'tagIds must be ids' })
  tagIds?: string[] | null;
}

@InputType()
export class AddReportSectionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'reportId must be an id' })
  reportId!: string;

  @Field(() => ReportSectionKind)
  @IsEnum(ReportSectionKind)
  kind!: ReportSectionKind;

  @OptionalText('text', MAX_SECTION_TEXT_CHARS, 'Markdown.')
  text?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'insightId must be an id' })
  insightId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'themeId must be an id' })
  themeId?: string | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_SECTION_HIGHLIGHTS, {
    message: `a section shows at most ${MAX_SECTION_HIGHLIGHTS} quotes`,
  })
  @IsUUID('all', { each: true, message: 'highlightIds must be ids' })
  highlightIds?: string[] | null;

  @Field(() => ReportChartInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReportChartInput)
  chart?: ReportChartInput | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Place it after this section; not given: at the end.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'afterSectionId must be an id' })
  afterSectionId?: string | null;
}

@InputType()
export class UpdateReportSectionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'sectionId must be an id' })
  sectionId!: string;

  @OptionalText('text', MAX_SECTION_TEXT_CHARS, 'Markdown.')
  text?: string | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_SECTION_HIGHLIGHTS, {
    message: `a section shows at most ${MAX_SECTION_HIGHLIGHTS} quotes`,
  })
  @IsUUID('all', { each: true, message: 'highlightIds must be ids' })
  highlightIds?: string[] | null;

  @Field(() => ReportChartInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReportChartInput)
  chart?: ReportChartInput | null;

  @Field(() => Int, { description: 'The section version the edit was made on; stale: CONFLICT.' })
  @IsInt()
  @Min(1)
  version!: number;
}

@InputType()
export class MoveReportSectionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'sectionId must be an id' })
  sectionId!: string;

  @Field(() => ID, { nullable: true, description: 'The section to follow; null: first.' })
  @IsOptional()
  @IsUUID('all', { message: 'afterSectionId must be an id' })
  afterSectionId?: string | null;

  @Field(() => Int, { description: 'The report version the move was made on; stale: CONFLICT.' })
  @IsInt()
  @Min(1)
  version!: number;
}

@InputType()
export class ShareReportInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'reportId must be an id' })
  reportId!: string;

  @Field({ description: 'When the link stops working: in the future, at most a year ahead.' })
  @IsDate()
  expiresAt!: Date;
}
