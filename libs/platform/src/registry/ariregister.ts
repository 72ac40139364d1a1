import { XMLParser } from 'fast-xml-parser';
import { type PostalAddress, type RegistryFacts } from '#events';
import {
  type CompanyRegistry,
  RegistryRefusedError,
  RegistryUnavailableError,
} from './company-registry';

export type AriregisterOptions = {
  /** The SOAP endpoint, e.g. https://ariregxmlv6.rik.ee/ */
  url: string;
  username: string;
  password: string;
  /** The language of the registry's texts (legal form, status): `est` or `eng`. */
  language: 'est' | 'eng';
  timeoutMs: number;
};

const NS = 'http://arireg.x-road.eu/producer/';

const escape = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A `lihtandmed_v2` request (the register's simple company data) by code or by name. */
export const lihtandmedRequest = (
  options: Pick<AriregisterOptions, 'username' | 'password' | 'language'>,
  query: { registryCode: string } | { name: string; limit: number },
): string => {
  const field = (name: string, value: string | number) =>
    `<prod:${name}>${escape(String(value))}</prod:${name}>`;
  const body = [
    field('ariregister_kasutajanimi', options.username),
    field('ariregister_parool', options.password),
    field('ariregister_valjundi_formaat', 'xml'),
    ...('registryCode' in query
      ? [field('ariregistri_kood', query.registryCode)]
      : [field('evnimi', query.name), field('evarv', query.limit)]),
    field('keel', options.language),
  ].join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:prod="${NS}">` +
    `<soapenv:Body><prod:lihtandmed_v2><prod:keha>${body}</prod:keha></prod:lihtandmed_v2></soapenv:Body>` +
    '</soapenv:Envelope>'
  );
};

type Node = Record<string, unknown>;
const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'item',
});

const text = (node: Node | undefined, key: string): string | undefined => {
  const value = node?.[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};
const child = (node: Node | undefined, key: string): Node | undefined => {
  const value = node?.[key];
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Node) : undefined;
};

const addressOf = (item: Node): PostalAddress | undefined => {
  const a = child(item, 'evaadressid');
  if (!a) return undefined;
  const street = text(a, 'asukoht_ettevotja_aadressis');
  const city = text(a, 'asukoha_ehak_tekstina');
  const postalCode = text(a, 'indeks_ettevotja_aadressis');
  if (!street && !city && !postalCode) return undefined;
  return {
    ...(street ? { street } : {}),
    ...(city ? { city } : {}),
    ...(postalCode ? { postalCode } : {}),
    country: 'EE',
  };
};

/** One company of a `lihtandmed_v2` answer as RegistryFacts; undefined without code or name. */
const factsOf = (registry: string, item: Node, retrievedAt: string): RegistryFacts | undefined => {
  const registryCode = text(item, 'ariregistri_kood');
  const legalName = text(item, 'evnimi');
  if (!registryCode || !legalName) return undefined;
  const legalForm = text(item, 'oiguslik_vorm_tekstina') ?? text(item, 'oiguslik_vorm');
  const status = text(item, 'staatus_tekstina') ?? text(item, 'staatus');
  const vat = text(item, 'kmkr_nr');
  const address = addressOf(item);
  return {
    registry,
    registryCode,
    legalName,
    ...(legalForm ? { legalForm } : {}),
    ...(address ? { address } : {}),
    ...(status ? { status } : {}),
    ...(vat ? { vatNumber: vat.startsWith('EE') ? vat : `EE${vat}` } : {}),
    retrievedAt,
  };
};

/**
 * Reads a `lihtandmed_v2` answer: the companies found, or the fault the register answered
 * with. Anything else is a broken answer.
 */
export const readLihtandmed = (
  registry: string,
  xml: string,
  retrievedAt: string,
): RegistryFacts[] => {
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (error) {
    throw new RegistryUnavailableError(`the registry answered with invalid XML: ${String(error)}`);
  }
  const body = child(child(doc, 'Envelope'), 'Body');
  const fault = child(body, 'Fault');
  if (fault)
    throw new RegistryRefusedError(
      `the registry refused the request: ${text(fault, 'faultstring') ?? text(fault, 'faultcode') ?? 'fault'}`,
    );
  const answer = child(body, 'lihtandmed_v2Response');
  const keha = child(answer, 'keha');
  if (!keha) throw new RegistryUnavailableError('the registry answered without a result');
  const items = (child(keha, 'ettevotjad')?.['item'] ?? []) as Node[];
  return items.flatMap((item) => factsOf(registry, item, retrievedAt) ?? []);
};

/**
 * The Estonian e-Business Register (Äriregister) through its open-data SOAP service: the
 * `lihtandmed_v2` operation, by registry code or by name, with the service account's username
 * and password, answers in XML.
 */
export class EstonianBusinessRegister implements CompanyRegistry {
  readonly name = 'EE e-Business Register';

  constructor(
    private readonly options: AriregisterOptions,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private async ask(query: { registryCode: string } | { name: string; limit: number }) {
    let res: Response;
    try {
      res = await fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '' },
        body: lihtandmedRequest(this.options, query),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw new RegistryUnavailableError(`the registry did not answer: ${String(error)}`);
    }
    const xml = await res.text();
    // A SOAP fault comes with 500; other errors without an envelope are the service's trouble.
    if (!res.ok && !/Fault/.test(xml))
      throw new RegistryUnavailableError(`the registry answered HTTP ${res.status}`);
    return readLihtandmed(this.name, xml, this.now().toISOString());
  }

  async byCode(registryCode: string): Promise<RegistryFacts | undefined> {
    const found = await this.ask({ registryCode });
    return found.find((f) => f.registryCode === registryCode);
  }

  async byName(name: string, limit: number): Promise<RegistryFacts[]> {
    return (await this.ask({ name, limit })).slice(0, limit);
  }
}
