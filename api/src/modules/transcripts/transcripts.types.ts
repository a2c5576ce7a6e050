import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { ConnectionType } from '../../common/pagination/connection';
import { ParticipantType } from '../participants/participants.types';
import { LanguageSource, type TranscriptEntity, TranscriptStatus } from './transcript.entity';

registerEnumType(TranscriptStatus, { name: 'TranscriptStatus' });
registerEnumType(LanguageSource, {
  name: 'LanguageSource',
  description: "Where a transcript's language comes from.",
  valuesMap: {
    MANUAL: { description: 'Set by an editor; wins over everything.' },
    FILE: { description: 'Declared by the file (e.g. Whisper JSON, a WebVTT Language header).' },
    DETECTED: { description: 'Detected from the text of the turns.' },
    PROJECT: { description: "The project's default language; follows it when it changes." },
  },
});

/** Pasted text is limited well below uploads: larger files go through the upload endpoint. */
export const MAX_IMPORT_CHARS = 5_000_000;

@ObjectType('Segment')
export class SegmentType {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  index!: number;

  @Field(() => String, { nullable: true })
  speaker!: string | null;

  /** Internal: resolved into `participant`. */
  participantId!: string | null;

  @Field(() => ParticipantType, { nullable: true })
  participant?: ParticipantType | null;

  @Field(() => Int, { nullable: true })
  startMs!: number | null;

  @Field(() => Int, { nullable: true })
  endMs!: number | null;

  @Field()
  text!: string;

  /** Internal: exposed as `editedAt` by the corrections resolver. */
  editedAt?: Date | null;
}

@ObjectType('Transcript')
export class TranscriptType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  projectId!: string;

  @Field()
  title!: string;

  @Field()
  filename!: string;

  @Field(() => String, {
    nullable: true,
    description: 'WEBVTT | SRT | TEXT | DOCX | STT_JSON once detected',
  })
  format!: string | null;

  @Field(() => TranscriptStatus)
  status!: TranscriptStatus;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field({
    description:
      'Whether retrying a FAILED transcript may help: false when its file cannot be read as a transcript (the same file fails the same way) or its original is gone (upload it again).',
  })
  retryable!: boolean;

  @Field(() => Float)
  progress!: number;

  @Field()
  checksum!: string;

  @Field(() => Int)
  byteSize!: number;

  @Field(() => String, {
    nullable: true,
    description: 'A language tag ("en", "de-DE"); decides how search stems the turns. Null: none.',
  })
  language!: string | null;

  @Field(() => LanguageSource, {
    nullable: true,
    description: 'Where `language` comes from; null when there is none.',
  })
  languageSource!: LanguageSource | null;

  @Field(() => Int, { nullable: true })
  durationMs!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'The day the interview took place, YYYY-MM-DD (a calendar day, no time zone).',
  })
  interviewDate!: string | null;

  @Field(() => Int)
  segmentCount!: number;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

export const toTranscriptType = (t: TranscriptEntity): TranscriptType => ({
  id: t.id,
  projectId: t.projectId,
  title: t.title,
  filename: t.filename,
  format: t.format,
  status: t.status,
  error: t.error,
  retryable: t.retryable,
  progress: t.progress,
  checksum: t.checksum,
  byteSize: t.byteSize,
  language: t.language,
  languageSource: t.languageSource,
  durationMs: t.durationMs,
  interviewDate: t.interviewDate,
  segmentCount: t.segmentCount,
  createdAt: t.createdAt,
  updatedAt: t.updatedAt,
});

export const TranscriptConnection = ConnectionType(TranscriptType, 'Transcript');

@InputType()
export class ImportTranscriptInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'projectId must be a project id' })
  projectId!: string;

  @Field()
  @IsString()
  @MinLength(1, { message: 'filename must not be empty' })
  @MaxLength(300, { message: 'filename must be at most 300 characters' })
  filename!: string;

  @Field()
  @IsString()
  @MaxLength(MAX_IMPORT_CHARS, {
    message: `content must be at most ${MAX_IMPORT_CHARS} characters; upload larger files`,
  })
  content!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300, { message: 'title must be at most 300 characters' })
  title?: string | null;
}

@InputType()
export class UpdateTranscriptInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a transcript id' })
  id!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The day the interview took place, YYYY-MM-DD; "" clears it.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^$|^\d{4}-\d{2}-\d{2}$/, { message: 'interviewDate must be a day as YYYY-MM-DD' })
  interviewDate?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300, { message: 'title must be at most 300 characters' })
  title?: string | null;

  /**
   * A BCP-47 tag ("en", "de-DE") or a language name, set by hand; null (or "") chooses
   * automatically again: the file's language, else the detected one, else the project default.
   */
  @Field(() => String, {
    nullable: true,
    description:
      'A language tag ("en", "de-DE") set by hand, which decides search stemming; null chooses automatically again (the file\'s language, else the detected one, else the project default).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(16, { message: 'language must be at most 16 characters, e.g. "en" or "de-DE"' })
  @Matches(/^$|^\p{L}+([-_][\p{L}\p{N}]+)*$/u, {
    message: 'language must be a language tag like "en" or "de-DE"',
  })
  language?: string | null;
}
