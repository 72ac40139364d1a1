import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { writeHistory } from './history';
import { dataDir, dir, start } from './processes';

type Status = { checkpoint: number; active: boolean };

const statusOf = async (port: number): Promise<Status | undefined> => {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/status`);
    return (await res.json()) as Status;
  } catch {
    return undefined;
  }
};

const event = () => {
  const id = randomUUID();
  return {
    eventId: id,
    type: 'LeadCreated',
    data: { leadId: id, personName: 'Bench', source: 'web', ownerId: 'bench', createdAt: 'x' },
    metadata: {
      eventId: id,
      schemaVersion: 2,
      occurredAt: new Date().toISOString(),
      actorId: 'bench',
      commandId: id,
      correlationId: id,
      causationId: id,
    },
  };
};

/**
 * Two projectors on one store (ADR 0026): the active one is killed with SIGKILL while events
 * keep arriving; the take-over time runs from the kill until the other copy has projected
 * every event stored at that moment. Bounded by the lease's time (LEASE_TTL_MS) plus a third
 * of it (how often a copy standing by tries).
 */
export const takeOver = async (ttlMs: number, rounds: number) => {
  const file = join(dir, 'takeover-events.db');
  const events = new SqliteEventStore(file);
  await writeHistory(events, 50);
  const env = {
    PROJECTOR_PORT: '0',
    HOST: '127.0.0.1',
    EVENT_STORE_URL: `sqlite:${file}`,
    READ_STORE_URL: `sqlite:${join(dir, 'takeover-read.db')}`,
    DATA_DIR: dataDir,
    LEASE_TTL_MS: String(ttlMs),
  };
  const copies = [await start('apps/projector/src/main.js', env)];
  copies.push(await start('apps/projector/src/main.js', env));
  // A steady trickle of events, as a working day writes them.
  const trickle = { on: true };
  const writing = () => trickle.on;
  const writer = (async () => {
    while (writing()) {
      await events.append(`lead-${randomUUID()}`, [event()], 'no_stream');
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const times: number[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      // Wait for one active copy that is up to date.
      let active = -1;
      for (const deadline = Date.now() + 60_000; active < 0;) {
        if (Date.now() > deadline) throw new Error('no projector became active');
        const head = await events.headPosition();
        const statuses = await Promise.all(copies.map((c) => statusOf(c.port)));
        active = statuses.findIndex((s) => s?.active === true && s.checkpoint >= head - 5);
        if (active < 0) await new Promise((r) => setTimeout(r, 50));
      }
      const victim = copies[active]!;
      const standby = copies[1 - active]!;
      const exited = new Promise((r) => victim.child.once('exit', r));
      const killedAt = Date.now();
      victim.child.kill('SIGKILL');
      await exited;
      const head = await events.headPosition();
      for (;;) {
        const s = await statusOf(standby.port);
        if (s?.active && s.checkpoint >= head) break;
        if (Date.now() - killedAt > 10 * ttlMs) throw new Error('the other copy did not take over');
        await new Promise((r) => setTimeout(r, 10));
      }
      times.push(Date.now() - killedAt);
      // The killed copy comes back and stands by.
      copies[active] = await start('apps/projector/src/main.js', env);
    }
  } finally {
    trickle.on = false;
    await writer;
    for (const c of copies) c.child.kill('SIGTERM');
    await events.close();
  }
  return times;
};
