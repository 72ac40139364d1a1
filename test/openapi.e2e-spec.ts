import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { http, type Service, startService } from './support/service';

const dir = join(__dirname, '../docs/openapi');
const update = process.env['UPDATE_OPENAPI'] === '1';

/** The OpenAPI documents are committed; this fails when the served ones drift from them. */
describe('committed OpenAPI documents', () => {
  let service: Service;
  beforeAll(async () => {
    service = await startService({ apps: ['command-api', 'query-api'] });
  }, 60000);
  afterAll(async () => {
    await service.stop();
  });

  it.each(['command-api', 'query-api'] as const)(
    'match what %s serves at /docs/openapi.json',
    async (app) => {
      const served = await http('GET', `${service.url[app]}/docs/openapi.json`);
      expect(served.status).toBe(200);
      const file = join(dir, `${app}.json`);
      const text = `${JSON.stringify(served.body, null, 2)}\n`;
      if (update || !existsSync(file)) writeFileSync(file, text);
      expect(text).toBe(readFileSync(file, 'utf8'));
    },
  );
});
