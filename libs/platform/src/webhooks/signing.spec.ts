import {
  linkToken,
  readLinkToken,
  readUnsubscribeToken,
  signWebhook,
  unsubscribeToken,
  verifyWebhook,
  webhookBackoff,
  webhookSecret,
} from './signing';

describe('webhook signatures', () => {
  const secret = webhookSecret(Buffer.from('k'.repeat(32)), 'sub-1');
  const body = '{"id":"e1","type":"DealWon"}';

  it('derives a secret per subscription from the key', () => {
    expect(webhookSecret(Buffer.from('k'.repeat(32)), 'sub-1')).toBe(secret);
    expect(webhookSecret(Buffer.from('k'.repeat(32)), 'sub-2')).not.toBe(secret);
    expect(webhookSecret(Buffer.from('x'.repeat(32)), 'sub-1')).not.toBe(secret);
  });

  it('verifies a signature over the timestamp and the exact body', () => {
    const header = signWebhook(secret, 1_000, body);
    expect(header).toMatch(/^t=1000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook(secret, header, body, 1_010)).toBe(true);
    expect(verifyWebhook(secret, header, body.replace('DealWon', 'DealLost'), 1_010)).toBe(false);
    expect(verifyWebhook('another', header, body, 1_010)).toBe(false);
    expect(verifyWebhook(secret, header.replace('t=1000', 't=1001'), body, 1_010)).toBe(false);
  });

  it('refuses an old timestamp (a replay) and a malformed header', () => {
    expect(verifyWebhook(secret, signWebhook(secret, 1_000, body), body, 1_301)).toBe(false);
    expect(verifyWebhook(secret, 'v1=abc', body, 1_000)).toBe(false);
  });

  it('doubles the wait between attempts up to a ceiling', () => {
    expect([1, 2, 3, 4, 12].map((a) => webhookBackoff(a, 1_000, 10_000))).toEqual([
      1_000, 2_000, 4_000, 8_000, 10_000,
    ]);
  });
});

describe('unsubscribe tokens', () => {
  const key = Buffer.from('k'.repeat(32));
  const campaign = 'e6959077-d372-4057-bb89-5fce81249180';
  const customer = 'ed9c919b-9b7e-4ad3-b023-5ec88468c51a';

  const givenAt = '2026-03-01T09:30:00.000Z';

  it('say who, which campaign and which consent, in a short path segment', () => {
    const token = unsubscribeToken(key, campaign, customer, givenAt);
    expect(token.length).toBeLessThanOrEqual(80);
    expect(readUnsubscribeToken(key, token)).toEqual({
      campaignId: campaign,
      customerId: customer,
      consentGivenAt: givenAt,
    });
  });

  it('are refused when changed, signed with another key, or malformed', () => {
    const token = unsubscribeToken(key, campaign, customer, givenAt);
    const other = unsubscribeToken(key, campaign, 'ed9c919b-9b7e-4ad3-b023-5ec88468c51b', givenAt);
    const [, otherCustomer] = other.split('.');
    const [c, , stamp, mac] = token.split('.');
    expect(readUnsubscribeToken(key, `${c}.${otherCustomer}.${stamp}.${mac}`)).toBeUndefined();
    // another consent time: the link was not sent under that consent
    expect(
      readUnsubscribeToken(
        key,
        `${c}.${otherCustomer}.${(Number.parseInt(stamp!, 36) + 1).toString(36)}.${mac}`,
      ),
    ).toBeUndefined();
    expect(readUnsubscribeToken(Buffer.from('x'.repeat(32)), token)).toBeUndefined();
    expect(readUnsubscribeToken(key, 'a.b.c')).toBeUndefined();
    expect(readUnsubscribeToken(key, `${token}.x`)).toBeUndefined();
  });
});

describe('link tokens', () => {
  const key = Buffer.from('k');
  const ids = ['5f0c6f8e-1a2b-4c3d-8e9f-0a1b2c3d4e5f', '00000000-0000-4000-8000-000000000001'];
  it('name the ids of their purpose, in short path segments', () => {
    const token = linkToken(key, 'calendar-feed', ids);
    expect(token.split('.').map((p) => p.length)).toEqual([22, 22, 22]);
    expect(readLinkToken(key, 'calendar-feed', token, 2)).toEqual(ids);
  });
  it('are refused for another purpose, key or id, or when malformed', () => {
    const token = linkToken(key, 'calendar-feed', ids);
    expect(readLinkToken(key, 'ticket-share', token, 2)).toBeUndefined();
    expect(readLinkToken(Buffer.from('other'), 'calendar-feed', token, 2)).toBeUndefined();
    const [, second, mac] = token.split('.');
    const forged = `${linkToken(key, 'x', [ids[1]!]).split('.')[0]!}.${second!}.${mac!}`;
    expect(readLinkToken(key, 'calendar-feed', forged, 2)).toBeUndefined();
    expect(readLinkToken(key, 'calendar-feed', `${token}.x`, 2)).toBeUndefined();
    expect(readLinkToken(key, 'calendar-feed', 'not a token', 2)).toBeUndefined();
  });
});
