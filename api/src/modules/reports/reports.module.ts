import { Module } from '@nestjs/common';
import { WorkersModule } from '../../common/workers/workers.module';
import { ExportsModule } from '../exports/exports.module';
import { ReportContent } from './report-content';
import { ReportEvents } from './report-events';
import { ReportExportRenderer } from './report-export.renderer';
import { ReportExportResolver } from './report-export.resolver';
import { ReportPdf } from './report-pdf';
import { ReportSharesService } from './report-shares.service';
import { ReportEventsResolver, ReportsResolver } from './reports.resolver';
import { ReportsService } from './reports.service';

/** Reports: sections of insights, themes, quotes and charts; share links; rendering for exports. */
@Module({
  imports: [WorkersModule, ExportsModule],
  providers: [
    ReportsService,
    ReportSharesService,
    ReportContent,
    ReportPdf,
    ReportExportRenderer,
    ReportExportResolver,
    ReportsResolver,
    ReportEventsResolver,
    ReportEvents,
  ],
  exports: [ReportsService, ReportContent],
})
export class ReportsModule {}
