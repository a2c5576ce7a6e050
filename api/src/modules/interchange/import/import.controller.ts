import { Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { type Request } from 'express';
import { Requires } from '../../../common/access/policy.decorator';
import { type AuthUser } from '../../../common/auth/auth-user';
import { CurrentUser } from '../../../common/auth/current-user.decorator';
import { FileStore } from '../../../common/files/file-store';
import { receiveFile } from '../../../common/files/multipart-file';
import { RateLimit } from '../../../common/security/rate-limit.decorator';
import { APP_CONFIG } from '../../../config/config.module';
import { type AppConfig } from '../../../config/env';
import { ProjectImportsService } from './project-imports.service';

/** Multipart upload of a REFI-QDA project (.qdpx) or codebook (.qdc), field `file`. */
@Controller('api/workspaces/:workspaceId/imports')
export class ImportController {
  constructor(
    private readonly imports: ProjectImportsService,
    private readonly files: FileStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Requires('project:create', 'workspaceId')
  @RateLimit('upload')
  @Post()
  @HttpCode(201)
  async upload(
    @CurrentUser() user: AuthUser,
    @Param('workspaceId') workspaceId: string,
    @Req() req: Request,
  ): Promise<{ id: string; status: string }> {
    const file = await receiveFile(req, this.files, this.config.uploads.maxBytes, 'project file');
    const created = await this.imports.accept(user, workspaceId, file.staged, file.filename);
    return { id: created.id, status: created.status };
  }
}
