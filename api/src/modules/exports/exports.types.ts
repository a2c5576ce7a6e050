import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType } from '../../common/pagination/connection';
import { ExportFormat, ExportKind } from './export-renderer';
import { type ExportEntity, ExportStatus } from './export.entity';

export { ExportFormat, ExportKind, ExportStatus };

registerEnumType(ExportStatus, {
  name: 'ExportStatus',
  description:
    'QUEUED: waiting for a worker; RUNNING: being written (see progress); READY: downloadable; FAILED: see error.',
});
registerEnumType(ExportFormat, {
  name: 'ExportFormat',
  description: 'The file format of an export.',
});
registerEnumType(ExportKind, { name: 'ExportKind', description: 'What an export contains.' });

/**
 * An export as its requester sees it; modules that start a kind of export return this type
 * (map rows with toExportType). `downloadUrl` is resolved by the exports module.
 */
@ObjectType('Export', {
  description: 'A file being written for you, then downloadable for a while.',
})
export class ExportType {
  @Field(() => ID)
  id!: string;

  @Field(() => ExportKind)
  kind!: ExportKind;

  @Field(() => ExportStatus)
  status!: ExportStatus;

  @Field(() => Int, { description: '0..100.' })
  progress!: number;

  @Field(() => ExportFormat)
  format!: ExportFormat;

  @Field({ description: 'The name the download is saved under.' })
  filename!: string;

  @Field(() => String, { nullable: true, description: 'Why it FAILED, or that its file expired.' })
  error!: string | null;

  @Field({ description: 'Whether retryExport can run a FAILED export again.' })
  retryable!: boolean;

  @Field(() => Int, { nullable: true, description: 'Size of the file in bytes once READY.' })
  byteSize!: number | null;

  @Field(() => ID)
  projectId!: string;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;

  /** Not in the schema (see the `expiresAt` field): when retention removed the file. */
  expiredAt!: Date | null;
  /** Not in the schema: the requester, whom the signed download link is made for. */
  requestedById!: string;
  /** Not in the schema: whether the file is still stored. */
  downloadable!: boolean;
}

export const ExportConnection = ConnectionType(ExportType, 'Export');

/** The GraphQL view of an export row. */
export function toExportType(row: ExportEntity): ExportType {
  const expired = row.expiredAt !== null;
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    progress: row.progress,
    format: row.format,
    filename: row.filename,
    error: expired
      ? 'This export’s file was removed after its retention period; export again to get a new one.'
      : row.error,
    retryable: row.status === ExportStatus.FAILED && row.retryable,
    byteSize: row.byteSize,
    projectId: row.projectId,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
    expiredAt: row.expiredAt,
    requestedById: row.requestedById,
    downloadable: row.status === ExportStatus.READY && !expired && row.fileKey !== null,
  };
}
