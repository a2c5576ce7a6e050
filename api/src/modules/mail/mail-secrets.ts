import { Inject, Injectable } from '@nestjs/common';
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';

/** What an unsubscribe link turns off. */
export type UnsubscribeScope = 'digest' | 'mentions';

const SCOPES: readonly UnsubscribeScope[] = ['digest', 'mentions'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The secrets of e-mail, both derived from AUTH_SECRET with a purpose of their own (never the
 * token-signing key itself):
 * - unsubscribe tokens, `<scope>.<userId>.<HMAC-SHA256>`, which work without logging in and
 *   never expire (a link in an old e-mail still unsubscribes); anything altered is refused;
 * - invitation tokens sealed with AES-256-GCM while their e-mail waits in the outbox, so the
 *   database alone never holds a usable invitation link.
 */
@Injectable()
export class MailSecrets {
  private readonly signingKey: Buffer;
  private readonly sealingKey: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const secret = config.auth.secret;
    this.signingKey = Buffer.from(hkdfSync('sha256', secret, '', 'verbatim mail unsubscribe', 32));
    this.sealingKey = Buffer.from(hkdfSync('sha256', secret, '', 'verbatim mail outbox', 32));
  }

  unsubscribeToken(scope: UnsubscribeScope, userId: string): string {
    return `${scope}.${userId}.${this.signature(`${scope}.${userId}`).toString('base64url')}`;
  }

  /** The scope and user of a token this server signed, or null. */
  readUnsubscribeToken(token: string): { scope: UnsubscribeScope; userId: string } | null {
    const [scope, userId, signature, ...rest] = token.split('.');
    if (rest.length || !scope || !userId || !signature) return null;
    if (!SCOPES.includes(scope as UnsubscribeScope) || !UUID.test(userId)) return null;
    // Compared as text: base64url decoding ignores some altered last characters.
    const given = Buffer.from(signature);
    const expected = Buffer.from(this.signature(`${scope}.${userId}`).toString('base64url'));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return { scope: scope as UnsubscribeScope, userId };
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sealingKey, iv);
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
  }

  /** The sealed text, or null when it was not sealed with this server's secret. */
  open(sealed: string): string | null {
    const bytes = Buffer.from(sealed, 'base64url');
    if (bytes.length < 29) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.sealingKey, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      return null;
    }
  }

  private signature(text: string): Buffer {
    return createHmac('sha256', this.signingKey).update(text).digest();
  }
}
