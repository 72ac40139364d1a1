import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  type EventStore,
  type NewEvent,
  SealingEventStore,
  SqliteEventStore,
  SqliteKeyStore,
} from '#event-store';
import { dir } from './processes';
import { rawReadAll } from './reads';

const customers = 500;
const perCustomer = 20;

/** A profile change full of personal data, as a command appends it. */
const change = (customerId: string, i: number): NewEvent => {
  const eventId = randomUUID();
  return {
    eventId,
    type: 'CustomerProfileUpdated',
    data: {
      customerId,
      changes: {
        name: `Mari Maasikas ${i}`,
        emails: [`mari${i}@maasikas.ee`],
        phones: ['+372 555 1234'],
        demographic: { birthDate: '1980-05-01', homeCity: 'Tartu' },
        psychographic: { interests: ['sailing'], notes: 'prefers calls in the morning' },
      },
      updatedAt: '2026-03-01T09:00:00.000Z',
    },
    metadata: {
      eventId,
      schemaVersion: 1,
      occurredAt: '2026-03-01T09:00:00.000Z',
      actorId: 'bench',
      commandId: eventId,
      correlationId: eventId,
      causationId: eventId,
      customerId,
    },
  };
};

/** Appends one event per call, as commands do, and returns appends per second. */
const appendAll = async (store: EventStore) => {
  const ids = Array.from({ length: customers }, () => randomUUID());
  const start = process.hrtime.bigint();
  for (let i = 0; i < perCustomer; i++)
    await Promise.all(ids.map((id) => store.append(`customer-${id}`, [change(id, i)], 'any')));
  return (customers * perCustomer) / (Number(process.hrtime.bigint() - start) / 1e9);
};

/**
 * What sealing personal data costs: appends and a full read of events that all carry
 * personal data, through the sealing store and straight to the same kind of store.
 */
export const sealingCost = async () => {
  const plain = new SqliteEventStore(join(dir, 'plain.db'));
  const sealed = new SealingEventStore(
    new SqliteEventStore(join(dir, 'sealed.db')),
    new SqliteKeyStore(join(dir, 'keys.db')),
  );
  try {
    const appendPlain = await appendAll(plain);
    const appendSealed = await appendAll(sealed);
    const total = customers * perCustomer;
    const readPlain = total / (await rawReadAll(plain));
    const readSealed = total / (await rawReadAll(sealed));
    return { total, appendPlain, appendSealed, readPlain, readSealed };
  } finally {
    await plain.close();
    await sealed.close();
  }
};
