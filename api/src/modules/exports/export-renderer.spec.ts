import { WorkerOutOfMemoryError, WorkerTimeoutError } from '../../common/workers/worker-errors';
import { ExportRenderError, workerLimitError } from './export-renderer';

describe('a worker thread stopped while writing an export', () => {
  it('reads as the export’s sentence, with what the user can change, for the memory limit', () => {
    const error = workerLimitError(new WorkerOutOfMemoryError(256), 'Export fewer highlights.');
    expect(error).toBeInstanceOf(ExportRenderError);
    expect((error as ExportRenderError).message).toBe(
      'Writing the file needed more memory than a worker may use (256 MB). Export fewer highlights.',
    );
    expect((error as ExportRenderError).retryable).toBe(true);
  });

  it('reads as the export’s sentence for the time limit, without internals', () => {
    const error = workerLimitError(new WorkerTimeoutError(120_000));
    expect((error as ExportRenderError).message).toBe(
      'Writing the file took too long and was stopped.',
    );
    expect((error as Error).message).not.toContain('WORKER_TASK_TIMEOUT');
  });

  it('leaves any other error as it was (a server error, retried by the queue)', () => {
    const other = new Error('EIO: i/o error, write');
    expect(workerLimitError(other, 'Export fewer highlights.')).toBe(other);
  });
});
