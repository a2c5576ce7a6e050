/**
 * The seam between the exports module (jobs, files, downloads, notifications) and the modules
 * that know how to write a kind of export (reports, highlights, REFI-QDA). A module registers its
 * renderer with `ExportRenderers` in `onModuleInit`; an export job looks it up by kind.
 */
import { Injectable } from '@nestjs/common';
import { WorkerOutOfMemoryError, WorkerTimeoutError } from '../../common/workers/worker-errors';

/** What an export contains. */
export enum ExportKind {
  REPORT = 'REPORT',
  HIGHLIGHTS = 'HIGHLIGHTS',
  CODEBOOK = 'CODEBOOK',
  PROJECT = 'PROJECT',
}

/** The file format of an export (GraphQL enum `ExportFormat`). */
export enum ExportFormat {
  PDF = 'PDF',
  DOCX = 'DOCX',
  HTML = 'HTML',
  MARKDOWN = 'MARKDOWN',
  CSV = 'CSV',
  XLSX = 'XLSX',
  QDC = 'QDC',
  QDPX = 'QDPX',
}

/** One export job, as its renderer sees it. */
export interface ExportRenderJob {
  exportId: string;
  kind: ExportKind;
  format: ExportFormat;
  projectId: string;
  /** What is exported when it is not the whole project: the report's id for REPORT. */
  subjectId: string | null;
  /** Kind-specific options as stored with the export (e.g. the highlight filter). */
  params: Record<string, unknown>;
  /** Who asked for it. */
  requestedBy: string;
  /** Where the renderer writes the file (a work file; the exports module stores it). */
  outPath: string;
  /** Reports how far it got, 0..1; cheap to call often (the module throttles writes). */
  progress(fraction: number): Promise<void>;
  /** Aborted when the job is cancelled or the process stops. */
  signal: AbortSignal;
}

export interface ExportRenderer {
  readonly kind: ExportKind;
  readonly formats: readonly ExportFormat[];
  /**
   * The download's file name without a path, e.g. `Onboarding study – highlights.xlsx`. Called
   * when the export is asked for, so a user sees it at once.
   */
  filename(
    job: Omit<ExportRenderJob, 'outPath' | 'progress' | 'signal' | 'exportId'>,
  ): Promise<string>;
  /**
   * Writes the file at `job.outPath`. Runs in a process that runs jobs; CPU-heavy work goes to
   * the WorkerPool (worker threads with a memory limit), never on the event loop. Throws a
   * DomainError or an ExportRenderError (messages for the user) to fail the export with a reason.
   */
  render(job: ExportRenderJob): Promise<void>;
}

/**
 * A renderer's refusal whose message is written for the user (the export FAILS with it and is not
 * retried by the queue); `retryable: false` when running it again cannot help (the report was
 * deleted). Any other Error is a server error: logged, retried, then shown as a generic sentence.
 */
export class ExportRenderError extends Error {
  constructor(
    message: string,
    readonly retryable = true,
  ) {
    super(message);
    this.name = 'ExportRenderError';
  }
}

/**
 * A worker thread stopped for its memory or time limit, as the sentence the export shows (running
 * it again would end the same way, but Retry stays, as the limits may be raised); `advice` says
 * what the user can change. Anything else is returned as it was.
 */
export function workerLimitError(error: unknown, advice?: string): unknown {
  const then = advice ? ` ${advice}` : '';
  if (error instanceof WorkerOutOfMemoryError)
    return new ExportRenderError(
      `Writing the file needed more memory than a worker may use (${error.limitMb} MB).${then}`,
    );
  if (error instanceof WorkerTimeoutError)
    return new ExportRenderError(`Writing the file took too long and was stopped.${then}`);
  return error;
}

/** Renderers by kind; filled by the modules that own each kind. */
@Injectable()
export class ExportRenderers {
  private readonly byKind = new Map<ExportKind, ExportRenderer>();

  register(renderer: ExportRenderer): void {
    if (this.byKind.has(renderer.kind))
      throw new Error(`an export renderer for ${renderer.kind} is registered twice`);
    this.byKind.set(renderer.kind, renderer);
  }

  /** The renderer of a kind, or undefined when no module on this server writes it. */
  find(kind: ExportKind): ExportRenderer | undefined {
    return this.byKind.get(kind);
  }

  get(kind: ExportKind): ExportRenderer {
    const renderer = this.byKind.get(kind);
    if (!renderer) throw new Error(`no export renderer for ${kind}`);
    return renderer;
  }
}
