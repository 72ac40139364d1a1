import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';

/** The service account the recorded register accepts; any other gets its credentials fault. */
export const recordedAccount = { username: 'kroonika', password: 'registri-parool' };

const recorded = (file: string) => readFileSync(join(__dirname, 'recorded', file), 'utf8');

const field = (xml: string, name: string) =>
  new RegExp(`<prod:${name}>([^<]*)</prod:${name}>`).exec(xml)?.[1];

/** The configuration that points the service at a recorded register. */
export const registryEnv = (registry: { url: string }): Record<string, string> => ({
  REGISTRY_URL: registry.url,
  REGISTRY_USERNAME: recordedAccount.username,
  REGISTRY_PASSWORD: recordedAccount.password,
});

export type RecordedRegistry = {
  url: string;
  /** The SOAP requests received, as sent. */
  requests: string[];
  /** From now on the company 14012345 answers with its new address. */
  move(): void;
  /** Answer 503 (true) or normally again (false). */
  down(value: boolean): void;
  stop(): Promise<void>;
};

/**
 * A stand-in for the e-Business Register's SOAP service on 127.0.0.1: answers `lihtandmed_v2`
 * requests with the recorded answers in ./recorded — by registry code 14012345 (and a version
 * with a new address), by names containing "Põhjala" (two companies) or "Kaugus" (one), nothing
 * for other codes and names — and with the register's fault for wrong credentials.
 */
export const startRecordedRegistry = async (): Promise<RecordedRegistry> => {
  const requests: string[] = [];
  let moved = false;
  let unavailable = false;
  const answer = (xml: string): [number, string] => {
    if (
      field(xml, 'ariregister_kasutajanimi') !== recordedAccount.username ||
      field(xml, 'ariregister_parool') !== recordedAccount.password
    )
      return [500, recorded('fault-credentials.xml')];
    const code = field(xml, 'ariregistri_kood');
    if (code === '14012345')
      return [200, recorded(moved ? 'lihtandmed-14012345-moved.xml' : 'lihtandmed-14012345.xml')];
    const name = field(xml, 'evnimi')?.toLowerCase() ?? '';
    if (name && 'põhjala'.includes(name)) return [200, recorded('lihtandmed-name-pohjala.xml')];
    if (name && 'kaugus'.includes(name)) return [200, recorded('lihtandmed-name-kaugus.xml')];
    return [200, recorded('lihtandmed-not-found.xml')];
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      requests.push(body);
      const [status, xml] = unavailable ? [503, 'Service Unavailable'] : answer(body);
      res.writeHead(status, { 'content-type': 'text/xml; charset=utf-8' });
      res.end(xml);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    move: () => {
      moved = true;
    },
    down: (value) => {
      unavailable = value;
    },
    stop: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  };
};
