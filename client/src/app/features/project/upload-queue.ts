import { computed, signal } from '@angular/core';
import type { ErrorCode } from '../../core/errors/app-error';

export type UploadState = 'queued' | 'uploading' | 'created' | 'duplicate' | 'failed' | 'cancelled';

export interface UploadItem {
  readonly key: number;
  readonly name: string;
  readonly size: number;
  readonly state: UploadState;
  /** Bytes sent so far and the request's total, for the progress bar. */
  readonly loaded: number;
  readonly total: number;
  readonly transcriptId?: string;
  readonly existingTranscriptId?: string | null;
  readonly code?: ErrorCode;
  readonly message?: string;
}

export type UploadOutcome =
  | { kind: 'created'; id: string }
  | { kind: 'duplicate'; existingTranscriptId: string | null; message: string }
  | { kind: 'failed'; code: ErrorCode; message: string }
  | { kind: 'cancelled' };

export type SendUpload = (
  file: File,
  onProgress: (loaded: number, total: number) => void,
  signal: AbortSignal,
) => Promise<UploadOutcome>;

const FINISHED: readonly UploadState[] = ['created', 'duplicate', 'failed', 'cancelled'];

export function isFinished(item: UploadItem): boolean {
  return FINISHED.includes(item.state);
}

/** 0..1 share of an item's bytes sent; 1 once it finished with any outcome. */
export function uploadFraction(item: UploadItem): number {
  if (isFinished(item)) return 1;
  if (item.state === 'queued' || item.total <= 0) return 0;
  return Math.min(1, item.loaded / item.total);
}

/**
 * Files wait in order and are sent one after another; each item moves
 * queued → uploading → created | duplicate | failed, or → cancelled from either of the first two.
 */
export class UploadQueue {
  private readonly itemsState = signal<readonly UploadItem[]>([]);
  private readonly files = new Map<number, File>();
  private readonly controllers = new Map<number, AbortController>();
  private nextKey = 1;
  private draining: Promise<void> | null = null;

  readonly items = this.itemsState.asReadonly();
  readonly busy = computed(() => this.itemsState().some((i) => !isFinished(i)));
  readonly hasFinished = computed(() => this.itemsState().some(isFinished));

  constructor(
    private readonly send: SendUpload,
    private readonly onSettled: (item: UploadItem) => void = () => undefined,
  ) {}

  add(files: Iterable<File>): void {
    const added: UploadItem[] = [];
    for (const file of files) {
      const key = this.nextKey++;
      this.files.set(key, file);
      added.push({
        key,
        name: file.name,
        size: file.size,
        state: 'queued',
        loaded: 0,
        total: file.size,
      });
    }
    if (added.length === 0) return;
    this.itemsState.update((items) => [...items, ...added]);
    this.draining ??= this.drain().finally(() => (this.draining = null));
  }

  /** Resolves when every queued file has been sent. */
  whenIdle(): Promise<void> {
    return this.draining ?? Promise.resolve();
  }

  cancel(key: number): void {
    const item = this.itemsState().find((i) => i.key === key);
    if (!item) return;
    if (item.state === 'queued') {
      this.files.delete(key);
      this.patch(key, { state: 'cancelled' });
    } else if (item.state === 'uploading') {
      this.controllers.get(key)?.abort();
    }
  }

  clearFinished(): void {
    this.itemsState.update((items) => items.filter((i) => !isFinished(i)));
  }

  private async drain(): Promise<void> {
    for (let next = this.firstQueued(); next; next = this.firstQueued()) {
      await this.upload(next);
    }
  }

  private firstQueued(): UploadItem | undefined {
    return this.itemsState().find((i) => i.state === 'queued');
  }

  private async upload(item: UploadItem): Promise<void> {
    const file = this.files.get(item.key);
    if (!file) return;
    const controller = new AbortController();
    this.controllers.set(item.key, controller);
    this.patch(item.key, { state: 'uploading', loaded: 0 });
    let outcome: UploadOutcome;
    try {
      outcome = await this.send(
        file,
        (loaded, total) => this.patch(item.key, { loaded, total }),
        controller.signal,
      );
    } catch (error) {
      outcome = controller.signal.aborted
        ? { kind: 'cancelled' }
        : {
            kind: 'failed',
            code: 'UNKNOWN',
            message: error instanceof Error ? error.message : String(error),
          };
    } finally {
      this.controllers.delete(item.key);
      this.files.delete(item.key);
    }
    const settled = this.patch(item.key, settledFields(outcome));
    if (settled) this.onSettled(settled);
  }

  private patch(key: number, fields: Partial<UploadItem>): UploadItem | undefined {
    let updated: UploadItem | undefined;
    this.itemsState.update((items) =>
      items.map((i) => (i.key === key ? (updated = { ...i, ...fields }) : i)),
    );
    return updated;
  }
}

function settledFields(outcome: UploadOutcome): Partial<UploadItem> {
  switch (outcome.kind) {
    case 'created':
      return { state: 'created', transcriptId: outcome.id };
    case 'duplicate':
      return {
        state: 'duplicate',
        existingTranscriptId: outcome.existingTranscriptId,
        message: outcome.message,
      };
    case 'failed':
      return { state: 'failed', code: outcome.code, message: outcome.message };
    case 'cancelled':
      return { state: 'cancelled' };
  }
}
