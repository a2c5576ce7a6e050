import {
  Controller,
  Get,
  HttpException,
  Param,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { type Request, type Response } from 'express';
import { createReadStream } from 'node:fs';
import { AccessService } from '../../common/access/access.service';
import { type AuthUser } from '../../common/auth/auth-user';
import { Public } from '../../common/auth/public.decorator';
import { notFound, unauthenticated } from '../../common/errors/domain-error';
import { FileStore } from '../../common/files/file-store';
import { attachmentDisposition } from './content-disposition';
import { DownloadLinks } from './download-links';
import { ExportFormat } from './export-renderer';
import { ExportGone, ExportsService } from './exports.service';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  [ExportFormat.PDF]: 'application/pdf',
  [ExportFormat.DOCX]: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  [ExportFormat.HTML]: 'text/html; charset=utf-8',
  [ExportFormat.MARKDOWN]: 'text/markdown; charset=utf-8',
  [ExportFormat.CSV]: 'text/csv; charset=utf-8',
  [ExportFormat.XLSX]: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  [ExportFormat.QDC]: 'application/xml',
  [ExportFormat.QDPX]: 'application/zip',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The file of an export, streamed from the file store. Open to its requester only, signed in
 * (Bearer token) or through the signed link of `Export.downloadUrl` (`?expires=&sig=`): @Public
 * because the link carries no token; the checks are made here. Someone else's export, an unknown
 * id and a wrong or expired signature all answer 404; an export not READY 409; one whose file
 * retention removed 410.
 */
@Controller('api/exports/:id/download')
export class DownloadController {
  constructor(
    private readonly access: AccessService,
    private readonly exports: ExportsService,
    private readonly links: DownloadLinks,
    private readonly files: FileStore,
  ) {}

  @Public()
  @Get()
  async download(
    @Param('id') id: string,
    @Query('expires') expires: string | undefined,
    @Query('sig') sig: string | undefined,
    @Req() req: Request & { user?: AuthUser | null },
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const signed = sig !== undefined || expires !== undefined;
    const user = signed ? await this.signer(id, { expires, sig }) : req.user;
    if (!user) throw unauthenticated();
    await this.access.require(user, 'project:read', { exportId: id });
    let row;
    try {
      row = await this.exports.downloadable(id);
    } catch (error) {
      if (error instanceof ExportGone)
        throw new HttpException({ statusCode: 410, code: 'GONE', message: error.message }, 410);
      throw error;
    }
    if (!(await this.files.exists(row.fileKey))) {
      throw new HttpException(
        { statusCode: 410, code: 'GONE', message: new ExportGone().message },
        410,
      );
    }
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    const path = await this.files.localPath(row.fileKey);
    return new StreamableFile(createReadStream(path), {
      type: CONTENT_TYPES[row.format],
      disposition: attachmentDisposition(row.filename),
      ...(row.byteSize !== null ? { length: row.byteSize } : {}),
    });
  }

  /** The requester a valid signed link was made for; 404 for any bad link (no hint it exists). */
  private async signer(
    id: string,
    link: { expires: string | undefined; sig: string | undefined },
  ): Promise<AuthUser> {
    if (!UUID.test(id)) throw notFound('Export');
    const requester = await this.exports.requesterOf(id);
    if (!requester || !this.links.verify(id, requester, link)) throw notFound('Export');
    // Only the id counts for the access check that follows (see AccessService.require).
    return { id: requester, email: '', name: '', sessionId: '' };
  }
}
