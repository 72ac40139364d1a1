import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import {
  Controller,
  Get,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type SMTPServerDataStream, SMTPServer } from 'smtp-server';
import { readConfig } from '#platform';
import { InboundIntake, UnreadableMessage } from './inbound-intake';

const reply = (responseCode: number, message: string) =>
  Object.assign(new Error(message), { responseCode });

/**
 * The inbound SMTP endpoint (INBOUND_SMTP_PORT): it takes mail for the CRM's own address only
 * (anything else is refused, so it relays nothing), up to the size limit, with STARTTLS when
 * a key and certificate are configured. A message is answered 250 only once it is recorded;
 * when recording fails the answer is 451, and the sending server tries again later. A message
 * the parser cannot read is 554: the same bytes sent again would not be read either.
 */
@Injectable()
export class InboundSmtp implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly config = readConfig().inboundMail;
  private readonly log = new Logger('inbound-mail');
  private server: SMTPServer | undefined;
  private port: number | undefined;
  private received = 0;

  constructor(private readonly intake: InboundIntake) {}

  async onApplicationBootstrap(): Promise<void> {
    const { port, host, address, maxBytes, tlsKeyFile, tlsCertFile } = this.config;
    if (port === 'off') return;
    const tls = tlsKeyFile && tlsCertFile;
    const server = new SMTPServer({
      name: hostname(),
      banner: 'Kroonika inbound mail',
      secure: false,
      size: maxBytes,
      authOptional: true,
      disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
      ...(tls ? { key: readFileSync(tlsKeyFile), cert: readFileSync(tlsCertFile) } : {}),
      logger: false,
      onRcptTo: (rcpt, _session, callback) => {
        if (rcpt.address.toLowerCase() === address) callback();
        else callback(reply(550, `No mailbox here but ${address}`));
      },
      onData: (stream, _session, callback) => {
        this.data(stream).then(
          (answer) => {
            callback(null, answer);
          },
          (error: unknown) => {
            callback(error instanceof Error ? error : new Error(String(error)));
          },
        );
      },
    });
    server.on('error', (error) => {
      this.log.error(`inbound SMTP: ${error.message}`);
    });
    try {
      await new Promise<void>((resolve, reject) => {
        server.server.once('error', reject);
        server.listen(port, host, () => {
          server.server.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      // Two copies of the workers on one machine: the other one serves the port.
      this.log.error(`inbound SMTP endpoint not started on ${host}:${port}: ${String(error)}`);
      return;
    }
    const bound = server.server.address();
    this.port = typeof bound === 'object' && bound ? bound.port : port;
    this.server = server;
    this.log.log(`inbound SMTP endpoint on ${host}:${this.port} for ${address}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  }

  status() {
    return {
      listening: this.server !== undefined,
      ...(this.port !== undefined ? { port: this.port } : {}),
      address: this.config.address,
      maxBytes: this.config.maxBytes,
      starttls: Boolean(this.config.tlsKeyFile && this.config.tlsCertFile),
      received: this.received,
    };
  }

  private async data(stream: SMTPServerDataStream): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    if (stream.sizeExceeded) throw reply(552, `Message larger than ${this.config.maxBytes} bytes`);
    try {
      const { customerIds } = await this.intake.take(Buffer.concat(chunks));
      this.received += 1;
      return customerIds.length > 0
        ? `Logged on ${customerIds.length} customer${customerIds.length === 1 ? '' : 's'}`
        : 'Held for review';
    } catch (error) {
      if (error instanceof UnreadableMessage) {
        this.log.warn(`inbound message refused, unreadable: ${error.message}`);
        throw reply(554, `The message cannot be read: ${error.message}`);
      }
      this.log.error(`inbound message not recorded: ${String(error)}`);
      throw reply(451, 'Not recorded; try again later');
    }
  }
}

@ApiTags('status')
@Controller('inbound-mail')
export class InboundMailStatusController {
  constructor(private readonly smtp: InboundSmtp) {}

  /** Whether the endpoint listens, where, for which address, and how many messages it took. */
  @Get('status')
  status() {
    return this.smtp.status();
  }
}

/** Incoming e-mail: the SMTP endpoint and what it records. */
@Module({
  controllers: [InboundMailStatusController],
  providers: [InboundIntake, InboundSmtp],
})
export class InboundMailModule {}
