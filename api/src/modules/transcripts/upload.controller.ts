import { Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import busboy from 'busboy';
import { type Request } from 'express';
import { Requires } from '../../common/access/policy.decorator';
import { RateLimit } from '../../common/security/rate-limit.decorator';
import { type AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { badInput, DomainError } from '../../common/errors/domain-error';
import { FileStore, FileTooLargeError, type StagedFile } from '../../common/files/file-store';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { TranscriptsService } from './transcripts.service';

interface ReceivedUpload {
  staged: StagedFile;
  filename: string;
  title: string | null;
}

/** Multipart upload of one transcript file (field `file`, optional field `title`). */
@Controller('api/projects/:projectId/transcripts')
export class UploadController {
  constructor(
    private readonly transcripts: TranscriptsService,
    private readonly files: FileStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Requires('transcript:write', 'projectId')
  @RateLimit('upload')
  @Post()
  @HttpCode(201)
  async upload(
    @CurrentUser() user: AuthUser,
    @Param('projectId') projectId: string,
    @Req() req: Request,
  ): Promise<{ id: string; status: string }> {
    const max = this.config.uploads.maxBytes;
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > max + 64 * 1024) throw tooLarge(max);
    const upload = await this.receive(req, max);
    const transcript = await this.transcripts.accept(user, projectId, upload.staged, upload);
    return { id: transcript.id, status: transcript.status };
  }

  /**
   * Streams the file to temporary storage; never holds the body in memory. A file of exactly
   * `max` bytes is accepted; one byte more is refused as soon as it arrives (the rest of the body
   * is then discarded by the error filter, see closeAfterAnswer). Filenames are UTF-8, as
   * browsers send them, or RFC 5987 `filename*`, which wins when both are given.
   */
  private receive(req: Request, max: number): Promise<ReceivedUpload> {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        // One byte past the limit reaches the stager, which refuses it; `max` itself passes.
        limits: { files: 1, fields: 5, fieldSize: 1024, fileSize: max + 1 },
      });
    } catch {
      throw badInput('Send the transcript as multipart/form-data with a field named `file`.');
    }
    return new Promise<ReceivedUpload>((resolve, reject) => {
      let staging: Promise<{ staged: StagedFile; filename: string }> | null = null;
      let title: string | null = null;
      let settled = false;
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        req.unpipe(parser);
        reject(
          error instanceof FileTooLargeError
            ? tooLarge(max)
            : error instanceof Error
              ? error
              : new Error(`Staging the upload failed: ${String(error)}`),
        );
      };
      parser.on('field', (name, value) => {
        if (name === 'title') title = value.slice(0, 300);
      });
      parser.on('file', (name, stream, info) => {
        if (name !== 'file' || staging) return stream.resume();
        // Busboy stops at max + 1 bytes: the file is too large, whatever is still being written.
        stream.on('limit', () => fail(new FileTooLargeError(max)));
        staging = this.files
          .stage(stream, max)
          .then((staged) => ({ staged, filename: info.filename || 'transcript' }));
        staging.catch((error: unknown) => {
          if (error instanceof FileTooLargeError) fail(error);
        });
      });
      parser.on('error', () =>
        fail(badInput('The upload was cut off or is not valid multipart/form-data.')),
      );
      parser.on('close', () => {
        if (!staging)
          return fail(badInput('No file received: send it in a multipart field named `file`.'));
        staging.then(
          (file) => {
            if (settled) return void this.files.discard(file.staged);
            settled = true;
            resolve({ ...file, title });
          },
          (error: unknown) => fail(error),
        );
      });
      req.pipe(parser);
    });
  }
}

function tooLarge(max: number): DomainError {
  const mb = (max / 1024 / 1024).toFixed(max < 1024 * 1024 ? 2 : 0);
  return new DomainError(
    'PAYLOAD_TOO_LARGE',
    `The file is larger than the upload limit of ${mb} MB.`,
    {
      limitBytes: max,
    },
  );
}
