import { type ParsedMail, simpleParser } from 'mailparser';
import { type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

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
 * the message is here. `failNext(n)` answers the next n messages with a temporary failure (451).
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  /** Messages refused so far by failNext. */
  refused = 0;
  private failures = 0;

  private constructor(private readonly server: SMTPServer) {}

  static async start(): Promise<SmtpSink> {
    let sink!: SmtpSink;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (sink.failures > 0) {
            sink.failures--;
            sink.refused++;
            return callback(
              Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }),
            );
          }
          simpleParser(Buffer.concat(chunks)).then((parsed) => {
            const header = (name: string) => {
              const line = parsed.headerLines.find((h) => h.key === name.toLowerCase())?.line;
              return line
                ?.slice(line.indexOf(':') + 1)
                .replace(/\r?\n\s+/g, ' ')
                .trim();
            };
            sink.received.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              parsed,
              header,
              unsubscribeUrl: /^<([^>]+)>$/.exec(header('List-Unsubscribe') ?? '')?.[1] ?? null,
            });
            callback();
          }, callback);
        });
      },
    });
    sink = new SmtpSink(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  /** The messages sent to this address, in the order they arrived. */
  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address));
  }

  failNext(count: number): void {
    this.failures = count;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(resolve));
  }
}
