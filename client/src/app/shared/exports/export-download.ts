import { Injectable, inject } from '@angular/core';
import { Apollo } from 'apollo-angular';
import type { ExportItemFragment } from '@verbatim/contracts';
import { ExportDocument, RetryExportDocument } from '@verbatim/contracts/exports';
import { firstValueFrom } from 'rxjs';

/** What the export controls need from the api, in one place (and one fake in tests). */
@Injectable({ providedIn: 'root' })
export class ExportsApi {
  private readonly apollo = inject(Apollo);

  async get(id: string): Promise<ExportItemFragment> {
    const result = await firstValueFrom(
      this.apollo.query({ query: ExportDocument, variables: { id }, fetchPolicy: 'network-only' }),
    );
    if (!result.data) throw new Error('The export could not be read.');
    return result.data.export;
  }

  async retry(id: string): Promise<ExportItemFragment> {
    const result = await firstValueFrom(
      this.apollo.mutate({ mutation: RetryExportDocument, variables: { id } }),
    );
    if (!result.data) throw new Error('The export could not be started again.');
    return result.data.retryExport;
  }

  /**
   * Downloads a finished export: its signed link lives a few minutes, so a fresh one is asked
   * for at the moment of the click; the browser saves the file under the server's name.
   */
  async download(id: string): Promise<void> {
    const fresh = await this.get(id);
    if (fresh.status !== 'READY' || !fresh.downloadUrl) throw new Error('The file is not ready.');
    const link = document.createElement('a');
    link.href = fresh.downloadUrl;
    link.download = fresh.filename;
    link.rel = 'noopener';
    document.body.appendChild(link);
    link.click();
    link.remove();
  }
}

export const FINISHED_EXPORT: readonly string[] = ['READY', 'FAILED'];

/** One line about where an export stands, for the status line and screen readers. */
export function exportStatusText(e: ExportItemFragment): string {
  switch (e.status) {
    case 'QUEUED':
      return `${e.filename}: waiting to start…`;
    case 'RUNNING':
      return `Preparing ${e.filename}… ${Math.round(e.progress)} %`;
    case 'READY':
      return `${e.filename} is ready.`;
    case 'FAILED':
      return `${e.filename} could not be made: ${e.error ?? 'the export failed.'}`;
    default:
      return e.filename;
  }
}
