import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';

/** A webhook target the service will not call: a private, loopback or link-local address. */
export class TargetRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetRefusedError';
  }
}

/**
 * Addresses inside the deployment's own network: loopback, unspecified, private, shared
 * (CGNAT), link-local (cloud metadata at 169.254.169.254), multicast and reserved ranges, in
 * IPv4 and IPv6; an IPv4-mapped IPv6 address is judged by its IPv4 address.
 */
const internal = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  internal.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  internal.addSubnet(network, prefix, 'ipv6');

const familyOf = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/** The IPv4 address inside an IPv4-mapped IPv6 one (`::ffff:10.0.0.1`), else the address. */
const unmapped = (address: string) =>
  /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address;

/**
 * Which targets webhooks may reach: any public address, and internal ones only when
 * `allowed` (WEBHOOK_ALLOWED_TARGETS) names their host name, address or network.
 */
export class TargetPolicy {
  private readonly hosts = new Set<string>();
  private readonly networks = new BlockList();

  constructor(allowed: string[]) {
    for (const entry of allowed.map((a) => a.trim().toLowerCase()).filter(Boolean)) {
      const [network, prefix] = entry.split('/');
      if (network && isIP(network))
        this.networks.addSubnet(
          network,
          Number(prefix ?? (isIP(network) === 6 ? 128 : 32)),
          familyOf(network),
        );
      else this.hosts.add(entry);
    }
  }

  /** Whether the service may connect to this address for this host name. */
  permits(hostname: string, address: string): boolean {
    const ip = unmapped(address);
    if (this.hosts.has(hostname.toLowerCase().replace(/^\[|\]$/g, ''))) return true;
    if (this.networks.check(ip, familyOf(ip))) return true;
    return !internal.check(ip, familyOf(ip));
  }

  /** Refuses a URL the service may never call, before any name is looked up. */
  checkUrl(url: string): void {
    const target = new URL(url);
    if (target.protocol !== 'http:' && target.protocol !== 'https:')
      throw new TargetRefusedError('A webhook target is an http or https URL');
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (host === 'localhost' || host.endsWith('.localhost')) {
      if (!this.hosts.has(host))
        throw new TargetRefusedError(`${host} is this machine; name it in WEBHOOK_ALLOWED_TARGETS`);
      return;
    }
    if (isIP(host) && !this.permits(host, host))
      throw new TargetRefusedError(
        `${host} is an internal address; name it in WEBHOOK_ALLOWED_TARGETS to allow it`,
      );
  }
}

export type PostResult = { status: number };

/**
 * POSTs a body to a webhook target: the address is checked after the name is resolved (the
 * connection goes to the address that was checked, so a DNS answer cannot change it), no
 * redirect is followed, and at most `maxResponseBytes` of the answer are read and thrown away.
 */
export const postToTarget = (
  url: string,
  body: string,
  headers: Record<string, string>,
  options: {
    policy: TargetPolicy;
    timeoutMs: number;
    maxResponseBytes?: number;
    /** How names are resolved: the system's resolver unless a test names hosts itself. */
    resolve?: typeof dnsLookup;
  },
): Promise<PostResult> => {
  const target = new URL(url);
  options.policy.checkUrl(url);
  const lookup = (
    host: string,
    lookupOptions: object,
    done: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    (options.resolve ?? dnsLookup)(host, { ...lookupOptions, all: true }, (error, addresses) => {
      if (error) {
        done(error, []);
        return;
      }
      const refused = addresses.find((a) => !options.policy.permits(host, a.address));
      if (refused) {
        done(
          new TargetRefusedError(
            `${host} resolves to the internal address ${refused.address}; name it in WEBHOOK_ALLOWED_TARGETS to allow it`,
          ),
          [],
        );
        return;
      }
      if ((lookupOptions as { all?: boolean }).all) done(null, addresses);
      else done(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const cap = options.maxResponseBytes ?? 64 * 1024;
  return new Promise<PostResult>((resolve, reject) => {
    const req = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup,
        timeout: options.timeoutMs,
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (res: IncomingMessage) => {
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          // The answer is not needed: past the cap the rest is not even received.
          if (read > cap) res.destroy();
        });
        const done = () => {
          resolve({ status: res.statusCode ?? 0 });
        };
        res.on('end', done);
        res.on('close', done);
        res.on('error', done);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
};
