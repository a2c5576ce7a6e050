import { Injectable, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HighlightsModule } from '../highlights/highlights.module';
import { ExportRenderers } from '../exports/export-renderer';
import { ProjectsModule } from '../projects/projects.module';
import { TagsModule } from '../tags/tags.module';
import { TranscriptsModule } from '../transcripts/transcripts.module';
import { ProjectRows } from './export/project-rows';
import { CodebookRenderer, ProjectRenderer } from './export/refi-renderers';
import { ImportController } from './import/import.controller';
import { ProjectImportReconciler } from './import/project-import.reconciler';
import { ProjectImportsResolver } from './import/project-imports.resolver';
import { ProjectImportsService } from './import/project-imports.service';

/** Registers the REFI-QDA renderers with the exports module, wherever it provides them. */
@Injectable()
export class RefiRendererRegistration implements OnModuleInit {
  private readonly logger = new Logger(RefiRendererRegistration.name);

  constructor(
    private readonly modules: ModuleRef,
    private readonly codebook: CodebookRenderer,
    private readonly project: ProjectRenderer,
  ) {}

  onModuleInit(): void {
    let renderers: ExportRenderers;
    try {
      renderers = this.modules.get(ExportRenderers, { strict: false });
    } catch {
      this.logger.warn('no exports module: REFI-QDA exports are not available');
      return;
    }
    renderers.register(this.codebook);
    renderers.register(this.project);
  }
}

/** REFI-QDA interchange: codebook (.qdc) and project (.qdpx) exports, and imports of both. */
@Module({
  imports: [ProjectsModule, TagsModule, TranscriptsModule, HighlightsModule],
  controllers: [ImportController],
  providers: [
    ProjectRows,
    CodebookRenderer,
    ProjectRenderer,
    RefiRendererRegistration,
    ProjectImportsService,
    ProjectImportsResolver,
    ProjectImportReconciler,
  ],
  exports: [CodebookRenderer, ProjectRenderer],
})
export class InterchangeModule {}
