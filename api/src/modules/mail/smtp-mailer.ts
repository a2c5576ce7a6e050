import { createTransport, type Transporter } from 'nodemailer';
import { Mailer, type OutgoingMail } from './mailer';

/**
 * nodemailer on SMTP_URL (`smtp://` with STARTTLS when the server offers it, `smtps://` for TLS
 * from the start), one connection per message, From: MAIL_FROM.
 */
export class SmtpMailer extends Mailer {
  readonly configured = true;
  private readonly transport: Transporter;

  constructor(
    url: string,
    from: string,
    /** The right part of Message-IDs: this server's host name (from PUBLIC_URL). */
    private readonly messageIdDomain: string,
  ) {
    super();
    this.transport = createTransport(
      { url, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 },
      { from },
    );
  }

  async verify(): Promise<void> {
    await this.transport.verify();
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail({
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: `<${mail.id}@${this.messageIdDomain}>`,
      headers: mail.unsubscribeUrl
        ? {
            'List-Unsubscribe': `<${mail.unsubscribeUrl}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          }
        : {},
    });
  }
}
