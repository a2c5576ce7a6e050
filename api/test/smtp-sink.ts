import { type ParsedMail, simpleParser } from 'mailparser';
import { type AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/** One message the sink accepted: its envelope and the message as mailparser reads it. */
export interface ReceivedMail {
  from: string;
  to: string[];
  parsed: ParsedMail;
  /** A header as sent (unfolded), or undefined. */
  header(name: string): string | undefined;
  /** The URL in List-Unsubscribe, when there is one. */
  unsubscribeUrl: string | null;
}

/**
 * A real SMTP server on loopback (smtp-server) that keeps what it accepts, parsed by mailparser.
 * A message is in `received` before the server answers 250, so once the sender's job finished,
 * the message is here. `refuse(address, n)` answers the next n messages to that address with a
 * temporary failure (451); other tests' messages (the database is shared) are not affected.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  /** Messages refused so far, per address. */
  readonly refused = new Map<string, number>();
  /** Messages still to refuse, per address. */
  private readonly failures = new Map<string, number>();
  /** Who waits for the next message to an address. */
  private readonly waiting: { address: string; resolve: (mail: ReceivedMail) => void }[] = [];

  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => this.receive(Buffer.concat(chunks), session, callback));
    },
  });

  private constructor() {}

  static async start(): Promise<SmtpSink> {
    const sink = new SmtpSink();
    await new Promise<void>((resolve) => sink.server.listen(0, '127.0.0.1', resolve));
    return sink;
  }

  private receive(
    raw: Buffer,
    session: SMTPServerSession,
    callback: (error?: Error | null) => void,
  ): void {
    const to = session.envelope.rcptTo.map((r) => r.address);
    const refused = to.find((address) => (this.failures.get(address) ?? 0) > 0);
    if (refused) {
      this.failures.set(refused, (this.failures.get(refused) ?? 0) - 1);
      this.refused.set(refused, (this.refused.get(refused) ?? 0) + 1);
      callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
      return;
    }
    simpleParser(raw).then((parsed) => {
      const header = (name: string) => {
        const line = parsed.headerLines.find((h) => h.key === name.toLowerCase())?.line;
        return line
          ?.slice(line.indexOf(':') + 1)
          .replace(/\r?\n\s+/g, ' ')
          .trim();
      };
      const mail: ReceivedMail = {
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to,
        parsed,
        header,
        unsubscribeUrl: /^<([^>]+)>$/.exec(header('List-Unsubscribe') ?? '')?.[1] ?? null,
      };
      this.received.push(mail);
      for (const waiter of this.waiting.filter((w) => to.includes(w.address))) {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        waiter.resolve(mail);
      }
      callback();
    }, callback);
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  /** The messages sent to this address, in the order they arrived. */
  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address));
  }

  /** The next message to `address` that arrives. */
  next(address: string): Promise<ReceivedMail> {
    return new Promise((resolve) => this.waiting.push({ address, resolve }));
  }

  /** Refuses the next `count` messages to `address` (451, a temporary failure). */
  refuse(address: string, count: number): void {
    this.failures.set(address, count);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(resolve));
  }
}
