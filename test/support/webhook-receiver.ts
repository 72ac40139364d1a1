import { createServer, type Server } from 'node:http';
import { freePort } from './ferretdb';

/** A request a webhook receiver got: its headers and body, and the status it answered. */
export type Delivery = { headers: Record<string, string>; body: string; status: number };

/** An internal app's endpoint: refuses the first `failFirst` requests with 500. */
export const receiver = async (failFirst: number) => {
  const got: Delivery[] = [];
  const port = await freePort();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const status = got.length < failFirst ? 500 : 204;
      got.push({ headers: req.headers as Record<string, string>, body, status });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/hook`,
    got,
    stop: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  };
};
