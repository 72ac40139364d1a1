import { verifyWebhook } from '../libs/platform/src/webhooks/signing';
import { commands, type Ids, queries, type Service, startService } from './support/service';
import { receiver } from './support/webhook-receiver';
import { until } from './support/until';

type Log = { items: { eventType: string; attempt: number; outcome: string; httpStatus: number }[] };

jest.setTimeout(30_000);

describe('webhooks: signed, retried, logged, at least once', () => {
  let service: Service;
  let app: Awaited<ReturnType<typeof receiver>>;
  beforeAll(async () => {
    app = await receiver(2);
    service = await startService({
      env: {
        WEBHOOK_POLL_MS: '50',
        WEBHOOK_RETRY_BASE_MS: '100',
        WEBHOOK_RETRY_MAX_MS: '400',
        // the receiver is on this machine, an internal address the service refuses by default
        WEBHOOK_ALLOWED_TARGETS: '127.0.0.1',
      },
    });
  }, 60000);
  afterAll(async () => {
    await service.stop();
    await app.stop();
  });

  it('delivers subscribed events, retrying a failing receiver, and stops when unsubscribed', async () => {
    const admin = commands(service);
    const sales = await service.staff('Webhook Müük', ['sales']);
    expect(
      (await commands(service, sales).post('/webhooks', { url: app.url, eventTypes: ['*'] }))
        .status,
    ).toBe(403);
    expect(
      (await admin.post('/webhooks', { url: 'not a url', eventTypes: ['CustomerTagged'] })).status,
    ).toBe(400);
    expect(
      (await admin.post('/webhooks', { url: app.url, eventTypes: ['NoSuchEvent'] })).status,
    ).toBe(400);
    const sub = await admin.post<Ids & { secret: string }>('/webhooks', {
      url: app.url,
      eventTypes: ['CustomerTagged'],
      description: 'ERP sync',
    });
    expect(sub.status).toBe(201);
    expect(sub.body.secret).toMatch(/^[\w-]{43}$/);

    const customer = await admin.post<Ids>('/customers', { kind: 'company', name: 'Hook AS' });
    const tagged = await admin.post<Ids>(`/customers/${customer.body.id}/tags`, { add: ['vip'] });
    expect(tagged.status).toBe(200);
    await until(() => app.got.some((d) => d.status === 204), 'a delivery');

    // Only the subscribed type; two refusals, then accepted; the same event each time.
    expect(app.got.map((d) => d.status)).toEqual([500, 500, 204]);
    const ids = new Set(app.got.map((d) => d.headers['kroonika-event-id']));
    expect(ids.size).toBe(1);
    expect(app.got.map((d) => d.headers['kroonika-delivery-attempt'])).toEqual(['1', '2', '3']);
    const now = Math.floor(Date.now() / 1000);
    for (const d of app.got) {
      expect(verifyWebhook(sub.body.secret, d.headers['kroonika-signature']!, d.body, now)).toBe(
        true,
      );
      expect(verifyWebhook('wrong', d.headers['kroonika-signature']!, d.body, now)).toBe(false);
    }
    const body = JSON.parse(app.got[2]!.body) as {
      id: string;
      type: string;
      customerId: string;
      data: { tags: string[] };
    };
    expect(body).toMatchObject({
      id: [...ids][0],
      type: 'CustomerTagged',
      customerId: customer.body.id,
      data: { tags: ['vip'] },
    });

    const q = queries(service);
    const log = await q.get<Log>(`/webhooks/${sub.body.id}/deliveries`);
    expect(log.body.items.map((d) => [d.attempt, d.outcome, d.httpStatus])).toEqual([
      [3, 'delivered', 204],
      [2, 'failed', 500],
      [1, 'failed', 500],
    ]);
    const list = await q.get<{
      items: { subscriptionId: string; delivery: { failedAttempts: number } }[];
    }>('/webhooks');
    expect(list.body.items.find((s) => s.subscriptionId === sub.body.id)?.delivery).toMatchObject({
      failedAttempts: 0,
    });
    expect((await queries(service, sales).get('/webhooks')).status).toBe(403);

    // Events while the dispatcher is down are delivered after it comes back.
    await service.kill('workers');
    await admin.post(`/customers/${customer.body.id}/tags`, { add: ['gold'] });
    await service.start('workers');
    await until(() => app.got.length === 4, 'the delivery after the restart');
    expect(JSON.parse(app.got[3]!.body)).toMatchObject({ data: { tags: ['gold'] } });

    // Unsubscribed: nothing more.
    const ended = await admin.post<Ids>(`/webhooks/${sub.body.id}/unsubscribe`, {
      reason: 'ERP retired',
    });
    expect(ended.status).toBe(200);
    await q.get('/webhooks', ended.body.position);
    await admin.post(`/customers/${customer.body.id}/tags`, { add: ['late'] });
    await new Promise((r) => setTimeout(r, 500));
    expect(app.got).toHaveLength(4);
  });
});
