import busboy from 'busboy';
import { type Request } from 'express';
import { badInput, DomainError } from '../errors/domain-error';
import { type FileStore, FileTooLargeError, type StagedFile } from './file-store';

export interface ReceivedFile {
  staged: StagedFile;
  filename: string;
}

/**
 * Streams the multipart field `file` of a request to temporary storage, never holding the body in
 * memory: a file of exactly `max` bytes is accepted, one byte more is refused (413) as soon as it
 * arrives. Filenames are UTF-8, or RFC 5987 `filename*`, which wins when both are given. Other
 * fields are ignored. (The transcript upload has its own copy, which also reads a `title`.)
 */
export function receiveFile(
  req: Request,
  files: FileStore,
  max: number,
  what = 'file',
): Promise<ReceivedFile> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > max + 64 * 1024) return Promise.reject(tooLarge(max));
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      defParamCharset: 'utf8',
      limits: { files: 1, fields: 5, fieldSize: 1024, fileSize: max + 1 },
    });
  } catch {
    return Promise.reject(
      badInput(`Send the ${what} as multipart/form-data with a field named \`file\`.`),
    );
  }
  return new Promise<ReceivedFile>((resolve, reject) => {
    let staging: Promise<ReceivedFile> | null = null;
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
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || staging) return stream.resume();
      stream.on('limit', () => fail(new FileTooLargeError(max)));
      staging = files
        .stage(stream, max)
        .then((staged) => ({ staged, filename: info.filename || 'upload' }));
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
          if (settled) return void files.discard(file.staged);
          settled = true;
          resolve(file);
        },
        (error: unknown) => fail(error),
      );
    });
    req.pipe(parser);
  });
}

export function tooLarge(max: number): DomainError {
  const mb = (max / 1024 / 1024).toFixed(max < 1024 * 1024 ? 2 : 0);
  return new DomainError(
    'PAYLOAD_TOO_LARGE',
    `The file is larger than the upload limit of ${mb} MB.`,
    { limitBytes: max },
  );
}
