import { Module, type OnModuleInit } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { DownloadController } from './download.controller';
import { DownloadLinks } from './download-links';
import { ExportNotices } from './export-notices';
import { ExportRenderers } from './export-renderer';
import { ExportRetention } from './export-retention';
import { ExportRunner } from './export-runner';
import { ExportsReconciler } from './exports.reconciler';
import { ExportsResolver } from './exports.resolver';
import { ExportsService } from './exports.service';
import { HighlightExportRows } from './highlights/highlight-export-rows';
import { HighlightsExportResolver } from './highlights/highlights-export.resolver';
import { HighlightsRenderer } from './highlights/highlights.renderer';

/**
 * The core every kind of export uses: the `export` table, its render job, reconciler and
 * retention, the `Export` type, `export`/`exports`/`retryExport`/`exportUpdated`, and the download
 * route. Modules that write a kind of export import it, register their renderer with
 * ExportRenderers in onModuleInit and call ExportsService.request from their mutation.
 */
@Module({
  imports: [NotificationsModule],
  controllers: [DownloadController],
  providers: [
    ExportRenderers,
    ExportsService,
    ExportRunner,
    ExportNotices,
    ExportsReconciler,
    ExportRetention,
    ExportsResolver,
    DownloadLinks,
    HighlightExportRows,
    HighlightsRenderer,
    HighlightsExportResolver,
  ],
  exports: [ExportsService, ExportRenderers],
})
export class ExportsModule implements OnModuleInit {
  constructor(
    private readonly renderers: ExportRenderers,
    private readonly highlights: HighlightsRenderer,
  ) {}

  /** The highlights export (CSV, XLSX) is written here; other kinds register from their modules. */
  onModuleInit(): void {
    this.renderers.register(this.highlights);
  }
}
