import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { SqliteReadStore } from '#read-store';
import { writeHistory } from './history';
import { cores, described, type Measured, measure, SATURATED } from './load';
import { adminToken, children, dataDir, dir, serve } from './processes';
import { catchUp, rawReadAll, readLatency } from './reads';
import { sealingCost } from './sealing';
import { dealsToMove } from './setup';
import { takeOver } from './takeover';
import { commandToVisible, type LoadShape, STEADY_SLOTS } from './visible';
import { workflowCatchUp } from './workflows';

const commandThroughput = async () => {
  const eventsFile = join(dir, 'events.db');
  const noop = await serve('bench/noop-fastify.js', { PORT: '0' });
  const api = await serve('apps/command-api/src/main.js', {
    COMMAND_API_PORT: '0',
    HOST: '127.0.0.1',
    EVENT_STORE_URL: `sqlite:${eventsFile}`,
    READ_STORE_URL: `sqlite:${join(dir, 'read.db')}`,
    DATA_DIR: dataDir,
    // One token sends everything: a limit no load here reaches, so the limiter still runs.
    RATE_LIMIT_PER_SECOND: '1000000',
    // GET /health is the no-op baseline: public routes must not be throttled either.
    RATE_LIMIT_PUBLIC_PER_SECOND: '0',
    RATE_LIMIT_BURST: '1000000',
  });
  const token = await adminToken();
  const { stages, deals } = await dealsToMove(api, token, 1000);
  const options = { connections: 32, seconds: 5, warmupSeconds: 1 };
  const body = JSON.stringify({ stageId: stages[1] });
  const store = new SqliteEventStore(eventsFile);
  const better = (a: Measured | undefined, b: Measured) =>
    a && a.perSecond >= b.perSecond ? a : b;
  let bare: Measured | undefined;
  let health: Measured | undefined;
  let move: Measured | undefined;
  let register: Measured | undefined;
  let appended = 0;
  for (let round = 0; round < 2; round++) {
    bare = better(
      bare,
      await measure(noop, { method: 'POST', path: () => '/noop', body: () => body }, options),
    );
    health = better(health, await measure(api, { method: 'GET', path: () => '/health' }, options));
    const before = await store.headPosition();
    const started = Date.now();
    const moved = await measure(
      api,
      {
        method: 'POST',
        // Each pass over the deals moves every deal to the other stage, so every command appends.
        path: (i) => `/deals/${deals[i % deals.length]!}/stage`,
        body: (i) => JSON.stringify({ stageId: stages[(Math.floor(i / deals.length) + 1) % 2] }),
        headers: { authorization: `Bearer ${token}` },
      },
      options,
    );
    if (moved.failed > 0) throw new Error(`${moved.failed} MoveDealStage commands failed`);
    move = better(move, moved);
    appended = Math.max(
      appended,
      ((await store.headPosition()) - before) / ((Date.now() - started) / 1000),
    );
    // Every command registers a new customer: a new stream, and its first key to seal the
    // personal data with, written to the key store before the event.
    const registered = await measure(
      api,
      {
        method: 'POST',
        path: () => '/customers',
        body: (i) =>
          JSON.stringify({
            kind: 'person',
            name: `Mari Maasikas ${i}`,
            email: `mari.${i}@example.com`,
          }),
        headers: { authorization: `Bearer ${token}` },
      },
      options,
    );
    if (registered.failed > 0)
      throw new Error(`${registered.failed} RegisterCustomer commands failed`);
    register = better(register, registered);
  }
  await store.close();
  return { bare: bare!, health: health!, move: move!, register: register!, appended };
};

const projectionThroughput = async () => {
  const events = new SqliteEventStore(join(dir, 'history.db'));
  const total = (await writeHistory(events, 600)).events;
  const head = await events.headPosition();
  const raw = await rawReadAll(events);
  const reads = new SqliteReadStore(join(dir, 'read.db'));
  const projected = await catchUp(events, reads, head);
  // After a pause: as many events again arrive while no projector runs; a new one starts from
  // the checkpoints, with every index already there and kept up to date as it writes.
  const more = (await writeHistory(events, 600)).events;
  const resumed = await catchUp(events, reads, await events.headPosition());
  await reads.close();
  await events.close();
  return {
    total,
    rawPerSecond: total / raw,
    projectedPerSecond: total / projected,
    more,
    resumedPerSecond: more / resumed,
  };
};

const main = async () => {
  // `npm run bench -- projection` measures only the projection, `-- commands` only the
  // commands; the default measures both;
  // `npm run bench -- reads [customers]` measures read latency on a generated history
  // (10k customers, the default, make about a million events).
  const only = process.argv[2];
  if (only === 'sealing') {
    const s = await sealingCost();
    process.stdout.write(
      `\nKroonika: sealing personal data (embedded sqlite, ${s.total} events, all with personal data)\n` +
        `appends/s   plain ${s.appendPlain.toFixed(0)}  sealed ${s.appendSealed.toFixed(0)}  sealed ÷ plain ${(s.appendSealed / s.appendPlain).toFixed(3)}\n` +
        `readAll/s   plain ${s.readPlain.toFixed(0)}  opened ${s.readSealed.toFixed(0)}  opened ÷ plain ${(s.readSealed / s.readPlain).toFixed(3)}\n`,
    );
    return;
  }
  if (only === 'workflows') {
    const w = await workflowCatchUp(Number(process.argv[3] ?? 600));
    process.stdout.write(
      `\nKroonika: workflow runner catch-up (embedded sqlite, ${w.total} events, 2 rules)\n` +
        `raw readAll/s ${w.rawPerSecond.toFixed(0)}  runner events/s ${w.runnerPerSecond.toFixed(0)} ` +
        `(start-up included)  runner ÷ raw ${(w.runnerPerSecond / w.rawPerSecond).toFixed(3)}\n`,
    );
    return;
  }
  if (only === 'takeover') {
    const ttl = Number(process.argv[3] ?? 6000);
    const times = await takeOver(ttl, 5);
    const sorted = [...times].sort((a, b) => a - b);
    process.stdout.write(
      `\nKroonika: projector take-over after SIGKILL of the active copy (two copies, LEASE_TTL_MS ${ttl})\n` +
        `take-over ms: ${times.join(', ')}  median ${sorted[Math.floor(sorted.length / 2)]!}  ` +
        `max ${sorted[sorted.length - 1]!}  (bound: ttl + ttl/3 = ${Math.round((ttl * 4) / 3)})\n`,
    );
    return;
  }
  if (only === 'visible') {
    const rate = Number(process.argv[3] ?? 1000);
    process.stdout.write(
      `\nKroonika: command → visible in the query API (embedded sqlite, command API + projector + query API)\n`,
    );
    const shapes = {
      bursts: `over 32 connections, each second's share sent at its start as fast as answered`,
      steady: `over ${STEADY_SLOTS} connections, ${rate / STEADY_SLOTS} every ${1000 / STEADY_SLOTS} ms`,
    };
    for (const [shape, how] of Object.entries(shapes) as [LoadShape, string][]) {
      const v = await commandToVisible(rate, 20, shape);
      process.stdout.write(
        `${shape} load: autocannon, MoveDealStage at ${rate}/s ${how}: ${described(v.moved)}\n` +
          `  probe (${v.probes} moves, one every 50 ms after the load's first second, own thread): acknowledged p50 ${v.acknowledged.p50.toFixed(1)} ms  p99 ${v.acknowledged.p99.toFixed(1)} ms; ` +
          `visible in the 360 (X-Min-Position) p50 ${v.visible.p50.toFixed(1)} ms  p99 ${v.visible.p99.toFixed(1)} ms\n` +
          `  CPU over the load, share of a core: ${v.cpu.map((c) => `${c.name} ${(c.shareOfCore * 100).toFixed(0)} %`).join('  ')}\n`,
      );
    }
    return;
  }
  if (only === 'reads') {
    const r = await readLatency(Number(process.argv[3] ?? 10_000));
    const { events, customers, deals } = r.shape;
    process.stdout.write(
      `\nKroonika read latency (embedded sqlite, ${events} events, ${customers} customers, ${deals} deals)\n` +
        `raw readAll ${r.raw.toFixed(1)} s = ${(events / r.raw).toFixed(0)} events/s; ` +
        `full projection rebuild ${r.rebuild.toFixed(1)} s = ${(events / r.rebuild).toFixed(0)} events/s; ` +
        `÷ raw readAll ${(r.raw / r.rebuild).toFixed(3)}\n`,
    );
    // autocannon times requests in whole milliseconds: a no-op p99 under 1 ms reads as 0.
    const noop = r.health.p99;
    process.stdout.write(
      `${'query API GET /health (no-op route)'.padEnd(36)} p50 ${r.health.p50} ms  p99 ${noop} ms\n`,
    );
    for (const [name, target, l] of r.rows) {
      const ratio = noop > 0 ? (l.p99 / noop).toFixed(1) : "— (the no-op's p99 is under 1 ms)";
      const verdict =
        target === undefined
          ? ''
          : `  target p99 ≤ ${target} ms: ${l.p99 <= target ? 'met' : 'MISSED'}`;
      process.stdout.write(
        `${name.padEnd(36)} p50 ${l.p50} ms  p99 ${l.p99} ms  p99 ÷ no-op p99 ${ratio}${verdict}\n`,
      );
    }
    return;
  }
  const commands = only === 'projection' ? undefined : await commandThroughput();
  const projection = only === 'commands' ? undefined : await projectionThroughput();
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out('\nKroonika benchmark (embedded sqlite, one run, ratios to baselines of the same run)');
  if (commands) {
    const { bare, health, move, register } = commands;
    out(
      `load generator: autocannon in its own process, ${move.connections} connections, ` +
        `${cores} cores; best of two 5 s rounds after 1 s warm-ups`,
    );
    out(`bare Fastify no-op (POST, JSON body)   ${described(bare)}`);
    out(`command API GET /health (no-op route)  ${described(health)}`);
    out(`MoveDealStage over HTTP                ${described(move)}`);
    out(`  ÷ bare Fastify no-op                 ${(move.perSecond / bare.perSecond).toFixed(3)}`);
    out(`  ÷ own no-op route                    ${(move.perSecond / health.perSecond).toFixed(3)}`);
    out(`  events appended/s while moving       ${commands.appended.toFixed(0)}`);
    out(`RegisterCustomer over HTTP (new keys)  ${described(register)}`);
    out(
      `  ÷ bare Fastify no-op                 ${(register.perSecond / bare.perSecond).toFixed(3)}`,
    );
    if ([bare, health, move, register].some((m) => m.generatorCpu >= SATURATED))
      out('  the generator was saturated in a measurement above: that rate is its limit');
  }
  if (!projection) return;
  out(
    `raw readAll (${projection.total} events)               ${projection.rawPerSecond.toFixed(0)} events/s`,
  );
  out(
    `projection catch-up (all projections)  ${projection.projectedPerSecond.toFixed(0)} events/s`,
  );
  out(
    `  ÷ raw readAll                        ${(projection.projectedPerSecond / projection.rawPerSecond).toFixed(3)}`,
  );
  out(
    `catch-up after a pause (${projection.more} more events, from the checkpoints)  ${projection.resumedPerSecond.toFixed(0)} events/s`,
  );
  out(
    `  ÷ raw readAll                        ${(projection.resumedPerSecond / projection.rawPerSecond).toFixed(3)}`,
  );
};

main()
  .catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const child of children) child.kill('SIGTERM');
  });
