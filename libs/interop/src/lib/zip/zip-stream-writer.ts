import { type PassThrough, Readable } from 'node:stream';
import { ZipFile } from 'yazl';

/**
 * A ZIP archive written as a stream (yazl): each entry is deflated as its bytes arrive and goes
 * out at once, so memory holds one entry's pending bytes, not the archive. `add` resolves when
 * yazl has taken the entry's last byte in: a caller that awaits it before producing the next
 * entry follows the reader's pace (a slow disk or upload slows the export, it does not fill
 * memory).
 */
export class ZipStreamWriter {
  private readonly zip = new ZipFile();
  /** The archive's bytes. yazl writes its output to a PassThrough. */
  readonly output = this.zip.outputStream as PassThrough;
  private finished = false;

  /** `mtime` is every entry's date, fixed so that the same content gives the same bytes. */
  constructor(private readonly mtime: Date) {
    this.zip.on('error', (error: Error) => this.fail(error));
  }

  add(name: string, chunks: Iterable<Uint8Array>): Promise<void> {
    return new Promise((resolve, reject) => {
      const input = Readable.from(chunks, { objectMode: false });
      const onClose = (): void => reject(new Error('the archive was closed before it was written'));
      this.output.once('close', onClose);
      input.once('end', () => {
        this.output.off('close', onClose);
        resolve();
      });
      input.once('error', (error) => {
        this.output.off('close', onClose);
        this.fail(error);
        reject(error);
      });
      this.zip.addReadStreamLazy(name, { mtime: this.mtime, compress: true }, (callback) =>
        callback(null, input),
      );
    });
  }

  /** Writes the central directory once every entry added has been written. */
  end(): void {
    this.finished = true;
    this.zip.end();
  }

  /** Ends the archive with an error: whoever reads `output` sees it, and no more is written. */
  fail(error: Error): void {
    if (this.finished && this.output.readableEnded) return;
    this.output.destroy(error);
  }
}
