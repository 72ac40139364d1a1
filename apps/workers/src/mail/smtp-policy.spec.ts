import { classify, retryDelay, smtpOptions } from './smtp-policy';

const error = (fields: { responseCode?: number; command?: string }) =>
  Object.assign(new Error('x'), fields);

describe('SMTP delivery policy', () => {
  it('gives up what the server refused for good, retries what it put off', () => {
    expect(classify(error({ responseCode: 550, command: 'RCPT TO' }))).toBe('permanent');
    expect(classify(error({ responseCode: 451, command: 'DATA' }))).toBe('temporary');
    expect(classify(error({ command: 'CONN' }))).toBe('temporary');
  });

  it('does not repeat a message whose connection broke while it was being sent', () => {
    expect(classify(error({ command: 'DATA' }))).toBe('uncertain');
  });

  it('waits four times longer before each next attempt', () => {
    expect([1, 2, 3, 4].map((a) => retryDelay(a, 60_000))).toEqual([
      60_000, 240_000, 960_000, 3_840_000,
    ]);
  });

  it('reads the server, its port, TLS and credentials from the URL', () => {
    expect(smtpOptions('smtps://user%40x.ee:p%40ss@mail.x.ee')).toMatchObject({
      host: 'mail.x.ee',
      port: 465,
      secure: true,
      auth: { user: 'user@x.ee', pass: 'p@ss' },
    });
    expect(smtpOptions('smtp://127.0.0.1:2525')).toMatchObject({
      host: '127.0.0.1',
      port: 2525,
      secure: false,
    });
    expect(smtpOptions('smtp://127.0.0.1:2525')).not.toHaveProperty('auth');
  });
});
