import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { createOnce } from '../auth/keys';
import { isEmbedded } from '../config';

/**
 * Where the embedded default keeps the key links derive from when `WEBHOOK_SIGNING_KEY` is not
 * set: a backup carries it, so that links given out before keep working after a restore.
 */
export const webhookKeyFile = (dataDir: string) => join(dataDir, 'webhook-key');

/**
 * The key webhook secrets and unsubscribe links derive from: `WEBHOOK_SIGNING_KEY`, or on the
 * embedded default a local file. Processes on several machines must share it, so a server
 * event store requires the variable.
 */
export const webhookKey = (config: {
  signingKey?: string;
  dataDir: string;
  eventStoreUrl: string;
}): Buffer => {
  if (config.signingKey) return Buffer.from(config.signingKey, 'utf8');
  if (!isEmbedded(config))
    throw new Error(
      'WEBHOOK_SIGNING_KEY is required with a server event store: every process must sign with it',
    );
  const dataDir = config.dataDir;
  return Buffer.from(
    createOnce(webhookKeyFile(dataDir), () => randomBytes(32).toString('base64url')),
    'utf8',
  );
};

/** A subscription's secret: derived, never stored, shown to the admin who subscribes. */
export const webhookSecret = (key: Buffer, subscriptionId: string): string =>
  createHmac('sha256', key).update(`webhook\n${subscriptionId}`).digest('base64url');

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body" with the secret>`. */
export const signWebhook = (secret: string, timestamp: number, body: string): string =>
  `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

/**
 * What a receiver does: recompute the signature over the timestamp and the raw body, compare
 * in constant time, and refuse an old timestamp (a replay).
 */
export const verifyWebhook = (
  secret: string,
  header: string,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean => {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const t = Number(parts['t']);
  const v1 = parts['v1'];
  if (!Number.isInteger(t) || !v1 || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, t, body).split('v1=')[1]!, 'hex');
  const given = Buffer.from(v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
};

/** The wait before attempt `attempt + 1` of a delivery: 1 s doubling, at most `maxMs`. */
export const webhookBackoff = (attempt: number, baseMs: number, maxMs: number) =>
  Math.min(maxMs, baseMs * 2 ** (attempt - 1));

const unsubscribeMac = (key: Buffer, campaignId: string, customerId: string, consent?: string) =>
  createHmac('sha256', key)
    .update(
      `unsubscribe\n${campaignId}\n${customerId}${consent === undefined ? '' : `\n${consent}`}`,
    )
    .digest('base64url')
    .slice(0, 22);

/** A UUID in 22 characters (URLs have a length limit per path segment). */
const compact = (uuid: string) => Buffer.from(uuid.replace(/-/g, ''), 'hex').toString('base64url');
const expand = (text: string): string | undefined => {
  const hex = Buffer.from(text, 'base64url').toString('hex');
  if (hex.length !== 32 || compact(hex) !== text) return undefined;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/**
 * The token of a recipient's unsubscribe link: who, which campaign, and the consent the
 * message was sent under (when it was given), signed.
 */
export const unsubscribeToken = (
  key: Buffer,
  campaignId: string,
  customerId: string,
  consentGivenAt: string,
) => {
  const stamp = Date.parse(consentGivenAt);
  if (Number.isNaN(stamp)) throw new Error(`consent time ${consentGivenAt} is not an instant`);
  const consent = stamp.toString(36);
  return `${compact(campaignId)}.${compact(customerId)}.${consent}.${unsubscribeMac(key, campaignId, customerId, consentGivenAt)}`;
};

/**
 * The campaign, customer and consent of a genuine token; undefined for anything else. Links
 * made before consents were named in them (three parts) name none.
 */
export const readUnsubscribeToken = (
  key: Buffer,
  token: string,
): { campaignId: string; customerId: string; consentGivenAt?: string } | undefined => {
  const parts = token.split('.');
  if (parts.length !== 3 && parts.length !== 4) return undefined;
  const [c, m] = parts;
  const mac = parts.at(-1);
  const campaignId = c ? expand(c) : undefined;
  const customerId = m ? expand(m) : undefined;
  if (!campaignId || !customerId || !mac) return undefined;
  const stamp = parts.length === 4 ? parseInt(parts[2] ?? '', 36) : undefined;
  if (stamp !== undefined && (!/^[0-9a-z]{1,12}$/.test(parts[2] ?? '') || !Number.isFinite(stamp)))
    return undefined;
  const consentGivenAt = stamp !== undefined ? new Date(stamp).toISOString() : undefined;
  const expected = Buffer.from(unsubscribeMac(key, campaignId, customerId, consentGivenAt));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return { campaignId, customerId, ...(consentGivenAt !== undefined ? { consentGivenAt } : {}) };
};

const linkMac = (key: Buffer, purpose: string, ids: readonly string[]) =>
  createHmac('sha256', key)
    .update(`${purpose}\n${ids.join('\n')}`)
    .digest('base64url')
    .slice(0, 22);

/**
 * A link's token naming UUIDs for one purpose (a calendar feed: member and feed; a shared
 * ticket: ticket and share), signed: whoever holds it may follow it, nobody can make one.
 */
export const linkToken = (key: Buffer, purpose: string, ids: readonly string[]): string =>
  [...ids.map(compact), linkMac(key, purpose, ids)].join('.');

/** The UUIDs of a genuine token for `purpose` with `count` of them; undefined for anything else. */
export const readLinkToken = (
  key: Buffer,
  purpose: string,
  token: string,
  count: number,
): string[] | undefined => {
  const parts = token.split('.');
  if (parts.length !== count + 1) return undefined;
  const ids = parts.slice(0, count).map(expand);
  if (ids.some((id) => id === undefined)) return undefined;
  const known = ids as string[];
  const expected = Buffer.from(linkMac(key, purpose, known));
  const given = Buffer.from(parts[count] ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return known;
};
