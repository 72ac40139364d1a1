import { type lookup } from 'node:dns';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { postToTarget, TargetPolicy, TargetRefusedError } from './outbound';

const listen = async (handler: Parameters<typeof createServer>[1]) => {
  const server = createServer(handler);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, port: (server.address() as AddressInfo).port };
};
const close = (server: Server) => new Promise((done) => server.close(done));

describe('webhook targets', () => {
  it('refuses loopback, link-local, private and unspecified addresses unless allowed', () => {
    const policy = new TargetPolicy([]);
    for (const url of [
      'http://127.0.0.1/hook',
      'http://[::1]/hook',
      'http://0.0.0.0/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://10.1.2.3/hook',
      'http://192.168.1.1/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://localhost:8080/hook',
      'ftp://example.com/hook',
    ])
      expect(() => {
        policy.checkUrl(url);
      }).toThrow(TargetRefusedError);
    expect(() => {
      policy.checkUrl('https://erp.example.com/hook');
    }).not.toThrow();
    expect(() => {
      policy.checkUrl('https://93.184.216.34/hook');
    }).not.toThrow();
    const allowed = new TargetPolicy(['127.0.0.1', '10.0.0.0/8', 'erp.internal']);
    expect(() => {
      allowed.checkUrl('http://127.0.0.1/hook');
    }).not.toThrow();
    expect(() => {
      allowed.checkUrl('http://10.9.9.9/hook');
    }).not.toThrow();
    expect(allowed.permits('erp.internal', '192.168.0.5')).toBe(true);
    expect(() => {
      allowed.checkUrl('http://192.168.1.1/hook');
    }).toThrow(TargetRefusedError);
  });

  it('checks the address a name resolves to, and connects to no other', async () => {
    const { server, port } = await listen((_req, res) => res.end('ok'));
    let reached = false;
    server.on('request', () => (reached = true));
    try {
      // a public-looking name whose DNS answer is this machine
      const resolve = ((_host: string, _options: object, done: (...a: unknown[]) => void) => {
        done(null, [{ address: '127.0.0.1', family: 4 }]);
      }) as unknown as typeof lookup;
      const post = (allowed: string[]) =>
        postToTarget(
          `http://hooks.example.com:${port}/hook`,
          '{}',
          {},
          {
            policy: new TargetPolicy(allowed),
            timeoutMs: 2000,
            resolve,
          },
        );
      await expect(post([])).rejects.toThrow(/internal address 127\.0\.0\.1/);
      expect(reached).toBe(false);
      await expect(post(['127.0.0.1'])).resolves.toEqual({ status: 200 });
      expect(reached).toBe(true);
    } finally {
      await close(server);
    }
  });

  it('follows no redirect and reads no more than a small part of an answer', async () => {
    let redirected = false;
    const { server, port } = await listen((req, res) => {
      if (req.url === '/moved') {
        res.writeHead(302, {
          location: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/elsewhere`,
        });
        res.end();
      } else if (req.url === '/elsewhere') {
        redirected = true;
        res.end();
      } else {
        // an endless answer: 512 MiB and more, had the client kept reading
        res.writeHead(200);
        const chunk = Buffer.alloc(1024 * 1024, 120);
        const pump = () => {
          while (res.write(chunk));
        };
        res.on('drain', pump);
        pump();
      }
    });
    const policy = new TargetPolicy(['127.0.0.1']);
    try {
      expect(
        await postToTarget(`http://127.0.0.1:${port}/moved`, '{}', {}, { policy, timeoutMs: 2000 }),
      ).toEqual({ status: 302 });
      expect(redirected).toBe(false);
      const before = process.memoryUsage().rss;
      expect(
        await postToTarget(`http://127.0.0.1:${port}/huge`, '{}', {}, { policy, timeoutMs: 5000 }),
      ).toEqual({ status: 200 });
      expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
    } finally {
      server.closeAllConnections();
      await close(server);
    }
  });
});
