import { Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { type Response } from 'express';
import { Public } from '../../common/auth/public.decorator';
import { APP_CONFIG } from '../../config/config.module';
import { type AppConfig } from '../../config/env';
import { MailLinks } from './mail-links';
import { MailSecrets, type UnsubscribeScope } from './mail-secrets';
import { NotificationSettingsService } from './notification-settings.service';
import { escapeHtml } from './templates/mail-document';

const ASK: Record<UnsubscribeScope, { title: string; text: string; button: string }> = {
  digest: {
    title: 'Unsubscribe from the digest?',
    text: 'Verbatim will stop e-mailing you a digest of what changed in your projects.',
    button: 'Unsubscribe from the digest',
  },
  mentions: {
    title: 'Unsubscribe from mention e-mails?',
    text: 'Verbatim will stop e-mailing you when someone mentions you; mentions will still reach your inbox in Verbatim.',
    button: 'Unsubscribe from mention e-mails',
  },
};

const DONE: Record<UnsubscribeScope, { title: string; text: string }> = {
  digest: {
    title: 'You are unsubscribed from the digest',
    text: 'Verbatim will no longer e-mail you a digest of what changed in your projects.',
  },
  mentions: {
    title: 'You are unsubscribed from mention e-mails',
    text: 'Verbatim will no longer e-mail you when someone mentions you; mentions still reach your inbox in Verbatim.',
  },
};

/**
 * The unsubscribe link of digests and mention e-mails: works without logging in, from the token
 * alone (signed with the server's secret; an altered one is refused with 400). GET only asks:
 * mail scanners and link previews open every link in an e-mail, and must not unsubscribe
 * anyone. POST turns the e-mail off: the page's button, and the one-click unsubscribe mail
 * programs send (RFC 8058, List-Unsubscribe-Post). It only ever turns e-mail off.
 */
@Controller('api/mail/unsubscribe')
export class UnsubscribeController {
  private readonly links: MailLinks;

  constructor(
    private readonly secrets: MailSecrets,
    private readonly settings: NotificationSettingsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.links = new MailLinks(config.mail.publicUrl);
  }

  @Public()
  @Get(':token')
  ask(@Param('token') token: string, @Res() res: Response): void {
    res.setHeader('cache-control', 'no-store');
    const reader = this.secrets.readUnsubscribeToken(token);
    if (!reader) {
      this.invalid(res);
      return;
    }
    const ask = ASK[reader.scope];
    res
      .status(200)
      .type('html')
      .send(
        // The form posts back to the address it was opened at, whatever host served it.
        page(ask.title, ask.text, this.links.account(), ask.button),
      );
  }

  @Public()
  @Post(':token')
  @HttpCode(200)
  oneClick(@Param('token') token: string, @Res() res: Response): Promise<void> {
    return this.unsubscribe(token, res);
  }

  private async unsubscribe(token: string, res: Response): Promise<void> {
    res.setHeader('cache-control', 'no-store');
    const reader = this.secrets.readUnsubscribeToken(token);
    if (!reader) {
      this.invalid(res);
      return;
    }
    await this.settings.turnOff(reader.userId, reader.scope);
    const done = DONE[reader.scope];
    res
      .status(200)
      .type('html')
      .send(
        page(
          done.title,
          `${done.text} You can turn it back on in your account settings.`,
          this.links.account(),
        ),
      );
  }

  private invalid(res: Response): void {
    res
      .status(400)
      .type('html')
      .send(
        page(
          'This unsubscribe link is not valid',
          'It may have been cut short or changed. To choose which e-mails you get, log in to Verbatim and open your account settings.',
          this.links.account(),
        ),
      );
  }
}

function page(title: string, text: string, accountUrl: string, confirmLabel?: string): string {
  const button = confirmLabel
    ? `<form method="post"><button type="submit">${escapeHtml(confirmLabel)}</button></form>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Verbatim</title>
<style>body{margin:0;padding:48px 24px;font-family:system-ui,sans-serif;color:#1d2330;background:#f4f5f7}main{max-width:32rem;margin:0 auto;padding:24px 28px;background:#fff;border-radius:8px}h1{font-size:1.3rem}a{color:#2456c7}button{font:inherit;padding:8px 14px;border:0;border-radius:6px;background:#2456c7;color:#fff;cursor:pointer}</style>
</head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>${button}
<p><a href="${escapeHtml(accountUrl)}">Account settings</a></p></main></body></html>`;
}
