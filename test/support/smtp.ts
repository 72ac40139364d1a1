import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from './ferretdb';
import { type ReadStoreTarget, serviceOn } from './read-stores';
import { type Service, startService } from './service';

/** A message the test server accepted. */
export type Received = { to: string[]; mail: ParsedMail };

/**
 * A real SMTP server on 127.0.0.1 (no TLS, no auth). Recipients steer it: one containing
 * `tempfail` is refused with 451 at the end of the first message sent to it, then accepted;
 * one containing `permfail` is refused with 550.
 */
export const startSmtp = async () => {
  const received: Received[] = [];
  const refusedOnce = new Set<string>();
  const port = await freePort();
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.includes('permfail')) {
        const error = Object.assign(new Error('No such user here'), { responseCode: 550 });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((r) => r.address);
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const temporary = to.find((a) => a.includes('tempfail') && !refusedOnce.has(a));
        if (temporary) {
          refusedOnce.add(temporary);
          callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          return;
        }
        simpleParser(Buffer.concat(chunks))
          .then((mail) => {
            received.push({ to, mail });
            callback();
          })
          .catch((error: unknown) => {
            callback(error as Error);
          });
      });
    },
  });
  // A sender killed in the middle of a message resets its connection; smtp-server reports
  // that as an 'error' on the server, which would be thrown without a listener. The message
  // is not received (the sender was never told 250) and is kept here for a test to look at.
  const dropped: Error[] = [];
  server.on('error', (error) => dropped.push(error));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    dropped,
    /** Waits until `count` messages have arrived. */
    async waitFor(count: number, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline)
          throw new Error(`${received.length} of ${count} messages arrived`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return received;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
};

export type Smtp = Awaited<ReturnType<typeof startSmtp>>;

/**
 * For one suite: a test SMTP server, and the service sending through it with `env`; both
 * started before the suite's tests and stopped after them.
 */
export const mailSuite = (env: Record<string, string>) => {
  const suite = {} as { smtp: Smtp; service: Service };
  beforeAll(async () => {
    suite.smtp = await startSmtp();
    suite.service = await startService({ env: { SMTP_URL: suite.smtp.url, ...env } });
  }, 60000);
  afterAll(async () => {
    await suite.service.stop();
    await suite.smtp.stop();
  });
  return suite;
};

/**
 * Inside `describe.each(readStoreTargets())`: a test SMTP server, and the service on the
 * target's read store sending through it with `env`; both stopped after the suite.
 */
export const mailServiceOn = (target: ReadStoreTarget, env: Record<string, string>) => {
  const mail = {} as { smtp: Smtp };
  const suite = serviceOn(target, { env }, async () => {
    mail.smtp = await startSmtp();
    return { SMTP_URL: mail.smtp.url };
  });
  afterAll(async () => {
    await mail.smtp.stop();
  });
  return {
    get smtp() {
      return mail.smtp;
    },
    get service() {
      return suite.service;
    },
  };
};
