import Fastify from 'fastify';

/** The baseline: a bare Fastify server whose route parses the JSON body and does nothing. */
const main = async () => {
  const app = Fastify({ logger: false });
  app.post('/noop', () => ({ ok: true }));
  await app.listen({ port: Number(process.env['PORT'] ?? 0), host: '127.0.0.1' });
  const address = app.server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : ''}\n`);
};

void main();
