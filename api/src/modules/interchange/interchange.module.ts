import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { HighlightsModule } from '../highlights/highlights.module';
import { ExportRenderers } from '../exports/export-renderer';
import { ExportsModule } from '../exports/exports.module';
import { ProjectsModule } from '../projects/projects.module';
import { TagsModule } from '../tags/tags.module';
import { TranscriptsModule } from '../transcripts/transcripts.module';
import { ProjectRows } from './export/project-rows';
import { RefiExportsResolver } from './export/refi-exports.resolver';
import { CodebookRenderer, ProjectRenderer } from './export/refi-renderers';
import { ImportController } from './import/import.controller';
import { ProjectImportReconciler } from './import/project-import.reconciler';
import { ProjectImportsResolver } from './import/project-imports.resolver';
import { ProjectImportsService } from './import/project-imports.service';

/** Registers the REFI-QDA renderers with the exports module's registry. */
@Injectable()
export class RefiRendererRegistration implements OnModuleInit {
  constructor(
    private readonly renderers: ExportRenderers,
    private readonly codebook: CodebookRenderer,
    private readonly project: ProjectRenderer,
  ) {}

  onModuleInit(): void {
    this.renderers.register(this.codebook);
    this.renderers.register(this.project);
  }
}

/** REFI-QDA interchange: codebook (.qdc) and project (.qdpx) exports, and imports of both. */
@Module({
  imports: [ExportsModule, ProjectsModule, TagsModule, TranscriptsModule, HighlightsModule],
  controllers: [ImportController],
  providers: [
    ProjectRows,
    CodebookRenderer,
    ProjectRenderer,
    RefiRendererRegistration,
    RefiExportsResolver,
    ProjectImportsService,
    ProjectImportsResolver,
    ProjectImportReconciler,
  ],
  exports: [CodebookRenderer, ProjectRenderer],
})
export class InterchangeModule {}
