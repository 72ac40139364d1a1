import { type ExecutionContext } from '@nestjs/common';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { MemoryEventStore } from '#event-store';
import { IdempotencyKeys } from './idempotency-keys';

type Sent = { status: number; fields: Map<string, string> };

const request = (key: string, body: unknown, staffId = 'staff-1') =>
  ({
    method: 'POST',
    url: '/leads',
    headers: { 'idempotency-key': key },
    body,
    principal: { staffId, roles: ['sales'] },
    log: { error: () => undefined },
  }) as unknown as FastifyRequest;

/** A reply as far as the hook uses it: status and headers, chainable. */
const reply = (status: number): FastifyReply & { sent: Sent } => {
  const sent: Sent = { status, fields: new Map([['etag', '"0"']]) };
  const self = {
    get statusCode() {
      return sent.status;
    },
    status(code: number) {
      sent.status = code;
      return self;
    },
    header(name: string, value: string) {
      sent.fields.set(name, value);
      return self;
    },
    headers(values: Record<string, string>) {
      for (const [name, value] of Object.entries(values)) sent.fields.set(name, value);
      return self;
    },
    removeHeader(name: string) {
      sent.fields.delete(name);
      return self;
    },
    sent,
  };
  return self as unknown as FastifyReply & { sent: Sent };
};

const context = (r: FastifyRequest) =>
  ({ switchToHttp: () => ({ getRequest: () => r }) }) as unknown as ExecutionContext;

describe('IdempotencyKeys', () => {
  let store: MemoryEventStore;
  let keys: IdempotencyKeys;

  beforeEach(() => {
    store = new MemoryEventStore();
    keys = new IdempotencyKeys(store);
  });

  it('records a key once its command succeeded, and lets its retry through', async () => {
    // given a first use whose command succeeded
    const first = request('k-1', { personName: 'Mari' });
    expect(await keys.canActivate(context(first))).toBe(true);
    const answer = reply(201);
    // when its answer is sent
    const payload = await keys.recordAfterSuccess(first, answer, '{"id":"a"}');
    // then the answer is unchanged and the key is recorded
    expect(payload).toBe('{"id":"a"}');
    expect(answer.sent.status).toBe(201);
    const [recorded] = await store.readStream((await store.readAll(0, { limit: 10 }))[0]!.streamId);
    expect(recorded?.data).toMatchObject({ actorId: 'staff-1', request: 'POST /leads' });
    // and a retry with the same use passes the guard
    expect(await keys.canActivate(context(request('k-1', { personName: 'Mari' })))).toBe(true);
  });

  it('refuses a recorded key reused with another body before the command', async () => {
    const first = request('k-2', { personName: 'Mari' });
    await keys.canActivate(context(first));
    await keys.recordAfterSuccess(first, reply(201), '{}');
    await expect(
      keys.canActivate(context(request('k-2', { personName: 'Jaan' }))),
    ).rejects.toMatchObject({ problem: { status: 422 } });
  });

  it('answers 422 in place of the answer when a concurrent use recorded the key first', async () => {
    // given two uses of one key with different bodies, both past the guard before either recorded
    const mari = request('k-3', { personName: 'Mari' });
    const jaan = request('k-3', { personName: 'Jaan' });
    await keys.canActivate(context(mari));
    await keys.canActivate(context(jaan));
    // when both commands succeed and their answers are sent
    const first = reply(201);
    const second = reply(201);
    expect(await keys.recordAfterSuccess(mari, first, '{"id":"m"}')).toBe('{"id":"m"}');
    const replaced = await keys.recordAfterSuccess(jaan, second, '{"id":"j"}');
    // then the second is answered with the problem, without the command's ETag
    expect(second.sent.status).toBe(422);
    expect(second.sent.fields.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(second.sent.fields.has('etag')).toBe(false);
    expect(JSON.parse(replaced as string)).toMatchObject({
      type: 'urn:kroonika:problem:idempotency-key-reused',
      status: 422,
    });
    expect(first.sent.status).toBe(201);
  });

  it('records nothing for a request that failed, so its key may be sent again', async () => {
    const failed = request('k-4', { personName: '' });
    await keys.canActivate(context(failed));
    expect(await keys.recordAfterSuccess(failed, reply(400), '{"status":400}')).toBe(
      '{"status":400}',
    );
    expect(await store.headPosition()).toBe(0);
    expect(await keys.canActivate(context(request('k-4', { personName: 'Fixed' })))).toBe(true);
  });

  it('lets requests without a key through without reading anything', async () => {
    const read = jest.spyOn(store, 'readStream');
    const plain = { ...request('', {}), headers: {} } as unknown as FastifyRequest;
    expect(await keys.canActivate(context(plain))).toBe(true);
    expect(await keys.recordAfterSuccess(plain, reply(201), '{}')).toBe('{}');
    expect(read).not.toHaveBeenCalled();
  });
});
