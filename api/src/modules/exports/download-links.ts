import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Clock } from '../../common/clock';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';

/** The query parameters of a signed download link. */
export interface LinkSignature {
  expires: string | undefined;
  sig: string | undefined;
}

/**
 * Short-lived download links: `…/api/exports/:id/download?expires=<unix s>&sig=<HMAC>`, the HMAC
 * over the export's id, its requester and the expiry, keyed by a key derived from AUTH_SECRET. A
 * browser can follow one with a plain link; it opens that one file for EXPORT_LINK_TTL, and only
 * while its requester can still read the project (checked at download).
 */
@Injectable()
export class DownloadLinks {
  private readonly key: Buffer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.key = createHmac('sha256', config.auth.secret).update('verbatim export links').digest();
  }

  /** An absolute link (PUBLIC_URL) to the export's file, for its requester, issued now. */
  linkFor(exportId: string, requestedById: string, issuedAt: Date = this.clock.now()): string {
    const expires = Math.floor(issuedAt.getTime() / 1000) + this.config.exports.linkTtlSeconds;
    const sig = this.sign(exportId, requestedById, expires);
    return `${this.config.mail.publicUrl}/api/exports/${exportId}/download?expires=${expires}&sig=${sig}`;
  }

  /** Whether a link's signature is this export's, for this requester, and not yet expired. */
  verify(exportId: string, requestedById: string, link: LinkSignature): boolean {
    if (!link.expires || !link.sig || !/^\d{1,12}$/.test(link.expires)) return false;
    const expires = Number(link.expires);
    if (expires * 1000 <= this.clock.now().getTime()) return false;
    const expected = Buffer.from(this.sign(exportId, requestedById, expires));
    const given = Buffer.from(link.sig);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private sign(exportId: string, requestedById: string, expires: number): string {
    return createHmac('sha256', this.key)
      .update(`${exportId}\n${requestedById}\n${expires}`)
      .digest('base64url');
  }
}
