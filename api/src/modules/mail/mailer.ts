/** One e-mail, rendered. */
export interface OutgoingMail {
  /** Stable per e-mail owed (the outbox row's id): the left part of its Message-ID. */
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Where one click unsubscribes: sent as List-Unsubscribe (and List-Unsubscribe-Post). */
  unsubscribeUrl?: string;
}

/**
 * Sends e-mail. Production binds SmtpMailer (nodemailer on SMTP_URL); tests point SMTP_URL at a
 * real SMTP server on loopback. `send` resolves once the server accepted the message and throws
 * when it refused it or could not be reached.
 */
export abstract class Mailer {
  abstract readonly configured: boolean;
  abstract send(mail: OutgoingMail): Promise<void>;
  /** Connects (and logs in) to the server once, to tell a wrong SMTP_URL early. */
  abstract verify(): Promise<void>;
}

/** Without SMTP_URL: nothing is queued, so nothing reaches this. */
export class NoMailer extends Mailer {
  readonly configured = false;

  send(): Promise<void> {
    return Promise.reject(new Error('E-mail is not configured on this server (SMTP_URL).'));
  }

  verify(): Promise<void> {
    return Promise.resolve();
  }
}
