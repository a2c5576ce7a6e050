import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A file received into temporary storage, hashed on the way in. */
export interface StagedFile {
  tempPath: string;
  byteSize: number;
  checksum: string;
}

export class FileTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`file exceeds ${limit} bytes`);
  }
}

/** Where original uploads and exports live. Local disk under DATA_DIR; S3-compatible later. */
export abstract class FileStore {
  /** Streams into a temporary file, hashing as it goes; stops reading past `maxBytes`. */
  abstract stage(source: Readable, maxBytes: number): Promise<StagedFile>;
  abstract stageBuffer(bytes: Buffer): Promise<StagedFile>;
  /** Moves a staged file under its permanent key. */
  abstract commit(staged: StagedFile, key: string): Promise<void>;
  abstract discard(staged: StagedFile): Promise<void>;
  abstract read(key: string): Promise<Buffer>;
  /** A path on local disk holding the file (the file itself for the local store). */
  abstract localPath(key: string): Promise<string>;
  /** A folder for short-lived work files. */
  abstract workDir(): Promise<string>;
  abstract remove(key: string): Promise<void>;
  abstract exists(key: string): Promise<boolean>;
}

export class LocalFileStore extends FileStore {
  constructor(private readonly root: string) {
    super();
  }

  async stage(source: Readable, maxBytes: number): Promise<StagedFile> {
    const tempPath = await this.tempPath();
    const hash = createHash('sha256');
    let byteSize = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        byteSize += chunk.length;
        if (byteSize > maxBytes) return done(new FileTooLargeError(maxBytes));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(tempPath));
    } catch (error) {
      await rm(tempPath, { force: true });
      throw error;
    }
    return { tempPath, byteSize, checksum: hash.digest('hex') };
  }

  async stageBuffer(bytes: Buffer): Promise<StagedFile> {
    const tempPath = await this.tempPath();
    await pipeline([bytes], createWriteStream(tempPath));
    return {
      tempPath,
      byteSize: bytes.length,
      checksum: createHash('sha256').update(bytes).digest('hex'),
    };
  }

  async commit(staged: StagedFile, key: string): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    await rename(staged.tempPath, target);
  }

  async discard(staged: StagedFile): Promise<void> {
    await rm(staged.tempPath, { force: true });
  }

  read(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  localPath(key: string): Promise<string> {
    // The file is already local; an invalid key still rejects rather than throwing.
    return new Promise((resolve) => resolve(this.pathOf(key)));
  }

  async workDir(): Promise<string> {
    const dir = path.join(this.root, 'tmp');
    await mkdir(dir, { recursive: true });
    return dir;
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    return stat(this.pathOf(key)).then(
      () => true,
      () => false,
    );
  }

  private async tempPath(): Promise<string> {
    return path.join(await this.workDir(), `${randomUUID()}.part`);
  }

  private pathOf(key: string): string {
    if (!/^[\w/-]+$/.test(key) || key.includes('..')) throw new Error(`invalid storage key ${key}`);
    return path.join(this.root, 'files', key);
  }
}
