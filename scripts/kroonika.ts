import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  canonical,
  ChainVerifier,
  type EventStore,
  openEventStore,
  readLog,
  verifyChains,
} from '#event-store';
import { readConfig, refuseUnfinishedRestore } from '#platform';
import { collections } from '#read-models';
import { createReadStore, type Doc, type ReadStore, SqliteReadStore } from '#read-store';
import {
  auditEntry,
  csvColumns,
  csvLine,
  historyOf,
  recordRead,
  streamsOf,
} from '../apps/query-api/src/audit/customer-history';
import { projectionsFor } from '../apps/projector/src/projections';
import {
  projectBatch,
  type Projection,
  recordedSettings,
  SETTINGS_COLLECTION,
  settingsChanged,
} from '../apps/projector/src/projection';
import { backup, type Places, Refused, restore } from './backup';
import { importRows, rowKinds, UnreadableFile } from './import-rows';

const usage = `usage: npm run -s kroonika -- <command> [options]
  verify [--stream <name>]                 follow the hash chains of one stream or the whole store
  export --customer <id> [--format jsonl|csv] [--out <file>] [--staff <id>]
                                           a customer's full history (audit pack, data portability)
  compare [--projection <name>]...         rebuild projections aside and compare with the live ones
  rebuild [--projection <name>]...         rebuild projections (all when none named) in the running
                                           projector into new collections, switched in when caught up
                                           (an admin's token in KROONIKA_TOKEN)
  backup --out <dir>                       copy the embedded stores and document contents into a
                                           new directory while the apps run, and check the copy
  restore --from <dir>                     put a backup where the settings name the stores (apps
                                           stopped, no store there yet)
  import-customers --file <csv>            register a spreadsheet's customers, or create its
  import-leads --file <csv> [--source <s>] leads (--source for rows without one), through the
                                           command API (COMMAND_API_URL, KROONIKA_TOKEN); the
                                           same file again makes nothing twice
Stores come from EVENT_STORE_URL, READ_STORE_URL, KEY_STORE_URL and BLOB_STORE_PATH, as for
the service.`;

/** Backs up or restores the embedded stores; a refusal is exit status 2, a failure 1. */
const copyStores = async (places: Places, command: 'backup' | 'restore', dir: string) => {
  try {
    const manifest = command === 'backup' ? await backup(places, dir) : await restore(places, dir);
    const bytes = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
    process.stdout.write(
      `${JSON.stringify(
        {
          [command === 'backup' ? 'backedUp' : 'restored']: dir,
          createdAt: manifest.createdAt,
          headPosition: manifest.headPosition,
          events: manifest.events,
          streams: manifest.streams,
          // A backup follows the copied log's chains; a restore checks each file by its hash.
          ...(command === 'backup'
            ? { chainVerified: true }
            : 'finished' in manifest
              ? // checked by the restore that stopped among its moves; this one moved the rest
                { finishedInterruptedRestore: true }
              : { filesChecked: manifest.files.length }),
          files: manifest.files.filter((f) => f.part !== 'blobs').map((f) => f.path),
          documentContents: manifest.files.filter((f) => f.part === 'blobs').length,
          bytes,
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(`${command}: ${error instanceof Error ? error.message : String(error)}\n`);
    return error instanceof Refused ? 2 : 1;
  }
};

/** A progress line on stderr: done/total, rate and time left; redrawn at most 4 times a second. */
const progress = (label: string, total: number, out = process.stderr) => {
  const started = Date.now();
  let drawn = 0;
  const draw = (done: number, final = false) => {
    const now = Date.now();
    if (!final && now - drawn < 250) return;
    drawn = now;
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const seconds = (now - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const eta = rate > 0 ? Math.max(0, (total - done) / rate) : 0;
    const bar = '#'.repeat(Math.round(fraction * 30)).padEnd(30, '.');
    const line = `${label} [${bar}] ${(fraction * 100).toFixed(0).padStart(3)}% ${done}/${total} ${rate.toFixed(0)}/s ETA ${eta.toFixed(0)} s`;
    out.write(out.isTTY ? `\r${line}` : `${line}\n`);
    if (final && out.isTTY) out.write('\n');
  };
  return {
    tick: (done: number) => {
      draw(done);
    },
    end: (done: number) => {
      draw(done, true);
    },
  };
};

const verify = async (events: EventStore, stream: string | undefined) => {
  if (stream) {
    const verifier = new ChainVerifier();
    for (const e of await events.readStream(stream, 0, { raw: true })) verifier.add(e);
    return verified({
      scope: stream,
      ok: verifier.ok,
      events: verifier.checked,
      streams: verifier.streams,
      unchained: verifier.unchained,
      firstBroken: verifier.firstBroken ?? null,
      headHash: verifier.headOf(stream) ?? null,
    });
  }
  const bound = process.env.VERIFY_MAX_STREAMS;
  if (bound !== undefined && !/^[1-9][0-9]{0,9}$/.test(bound)) {
    process.stderr.write(`VERIFY_MAX_STREAMS must be a whole number above 0, not ${bound}\n`);
    return 2;
  }
  const head = await events.headPosition();
  let bar = progress('verify', head);
  let total = head;
  let done = 0;
  const report = await verifyChains(events, {
    until: head,
    ...(bound ? { maxStreams: Number(bound) } : {}),
    onProgress: (reached, all) => {
      // More passes than planned: the bar counts all of them from here on.
      if (all !== total) [bar, total] = [progress('verify', all), all];
      done = reached;
      bar.tick(done);
    },
  });
  bar.end(done);
  return verified({
    scope: 'all streams',
    ok: report.ok,
    events: report.checked,
    streams: report.streams,
    unchained: report.unchained,
    firstBroken: report.firstBroken ?? null,
    passes: report.passes,
  });
};

const verified = (report: { ok: boolean; events: number } & Record<string, unknown>) => {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return report.ok && report.events > 0 ? 0 : 1;
};

const exportHistory = async (
  events: EventStore,
  reads: ReadStore,
  options: { customer: string; format: string; out?: string; staff: string },
) => {
  const streams = await streamsOf(reads, options.customer);
  if (streams.length === 0) {
    process.stderr.write(`customer ${options.customer} has no events\n`);
    return 1;
  }
  await recordRead(events, options.staff, 'customer-export', {
    subjectCustomerId: options.customer,
    query: `format=${options.format}`,
  });
  const history = await historyOf(events, streams, options.customer, { asWritten: true });
  const out = options.out ? createWriteStream(options.out) : process.stdout;
  const write = (line: string) =>
    new Promise<void>((resolve, reject) => {
      out.write(`${line}\n`, (error) => {
        if (error) reject(error);
        else resolve();
      });
    });
  if (options.format === 'csv') await write(csvColumns.join(','));
  for (const e of history) {
    const entry = auditEntry(e);
    await write(options.format === 'csv' ? csvLine(entry) : JSON.stringify(entry));
  }
  if (options.out)
    await new Promise<void>((resolve) => {
      out.end(() => {
        resolve();
      });
    });
  process.stderr.write(`${history.length} events of ${streams.length} streams exported\n`);
  return 0;
};

/** Reads a collection in `_id` order, page by page. */
async function* docsOf(store: ReadStore, collection: string) {
  let cursor: string | undefined;
  do {
    const page = await store.find<Doc>(
      collection,
      {},
      { sort: [['_id', 1]], limit: 1000, ...(cursor ? { cursor } : {}) },
    );
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor);
}

type Difference = { collection: string; id: string; problem: 'missing' | 'extra' | 'different' };

/**
 * A document as compared: a field set to null means what an absent one means to every query
 * (and FerretDB leaves out some fields inserted as null), so nulls are left out.
 */
const comparable = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(comparable);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, comparable(v)]),
  );
};

/** Differences between two collections, by a merge over both in `_id` order. */
const differences = async (rebuilt: ReadStore, live: ReadStore, collection: string) => {
  const found: Difference[] = [];
  const a = docsOf(rebuilt, collection);
  const b = docsOf(live, collection);
  let x = await a.next();
  let y = await b.next();
  let compared = 0;
  while (!x.done || !y.done) {
    compared += 1;
    if (!y.done && (x.done || y.value._id < x.value._id)) {
      found.push({ collection, id: y.value._id, problem: 'extra' });
      y = await b.next();
    } else if (!x.done && (y.done || x.value._id < y.value._id)) {
      found.push({ collection, id: x.value._id, problem: 'missing' });
      x = await a.next();
    } else if (!x.done && !y.done) {
      if (canonical(comparable(x.value)) !== canonical(comparable(y.value)))
        found.push({ collection, id: x.value._id, problem: 'different' });
      x = await a.next();
      y = await b.next();
    }
  }
  return { compared, found };
};

/**
 * Rebuilds the projections from the log into a scratch store, up to the position the live
 * read models have reached, then compares every document.
 */
const compare = async (events: EventStore, live: ReadStore, names: string[]) => {
  const { timezone } = readConfig();
  const configured = projectionsFor({ timeZone: timezone });
  // Each is rebuilt under the settings its live documents were filed by, whatever this shell's.
  const recorded = await live.getMany(SETTINGS_COLLECTION, new Set(configured.map((p) => p.name)));
  const filedUnder: Record<string, Record<string, unknown>> = {};
  const allProjections = configured.map((p) => {
    const doc = recorded.get(p.name);
    const timeZone = doc?.['timeZone'];
    if (!doc || !p.settings || typeof timeZone !== 'string' || !settingsChanged(doc, p.settings))
      return p;
    filedUnder[p.name] = recordedSettings(doc, p.settings);
    return projectionsFor({ timeZone }).find((q) => q.name === p.name)!;
  });
  const selected: Projection[] = names.length
    ? allProjections.filter((p) => names.includes(p.name))
    : allProjections;
  if (names.some((n) => !allProjections.some((p) => p.name === n))) {
    process.stderr.write(
      `unknown projection; known: ${allProjections.map((p) => p.name).join(', ')}\n`,
    );
    return 2;
  }
  const checkpoints = new Map((await live.checkpoints()).map((c) => [c.name, c.position]));
  const upTo = Math.min(...selected.map((p) => checkpoints.get(p.name) ?? 0));
  const dir = mkdtempSync(join(tmpdir(), 'kroonika-compare-'));
  const scratch = new SqliteReadStore(join(dir, 'rebuilt.db'));
  try {
    for (const p of selected)
      for (const [c, fields] of p.indexes) await scratch.ensureIndex(c, fields);
    const bar = progress('rebuild', upTo);
    let last = 0;
    for await (const page of readLog(events, { until: upTo })) {
      const ops = [];
      for (const p of selected) ops.push(...(await projectBatch(p, page, scratch)));
      last = page[page.length - 1]!.position;
      await scratch.apply(
        ops,
        selected.map((p) => ({ name: p.name, position: last })),
      );
      bar.tick(last);
    }
    bar.end(last);
    const found: Difference[] = [];
    let compared = 0;
    for (const collection of Object.values(collections)) {
      if ((await scratch.count(collection, {})) === 0 && names.length > 0) continue;
      const result = await differences(scratch, live, collection);
      compared += result.compared;
      found.push(...result.found);
    }
    const moved = (await live.checkpoints()).some(
      (c) => selected.some((p) => p.name === c.name) && c.position !== checkpoints.get(c.name),
    );
    process.stdout.write(
      `${JSON.stringify(
        {
          upToPosition: upTo,
          projections: selected.map((p) => p.name),
          ...(Object.keys(filedUnder).length > 0
            ? { settingsAsFiled: filedUnder, configuredTimeZone: timezone }
            : {}),
          documentsCompared: compared,
          equal: found.length === 0,
          differences: found.slice(0, 100),
          ...(found.length > 100 ? { moreDifferences: found.length - 100 } : {}),
          ...(moved ? { warning: 'the live read models moved on during the comparison' } : {}),
        },
        null,
        2,
      )}\n`,
    );
    return found.length === 0 ? 0 : 1;
  } finally {
    await scratch.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

type Status = {
  headPosition: number;
  rebuilding: { name: string; checkpoint: number; liveCheckpoint: number }[];
};

/**
 * Asks the running projector to rebuild projections beside the live ones, then follows its
 * progress until every copy has been switched in; the query API keeps answering throughout.
 */
const rebuild = async (statusUrl: string, names: string[], token: string | undefined) => {
  if (!token) {
    process.stderr.write('rebuild needs an admin token: KROONIKA_TOKEN=$(npm run -s token)\n');
    return 2;
  }
  const base = statusUrl.replace(/\/status$/, '');
  const asked = await fetch(`${base}/rebuild`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(names.length ? { projections: names } : {}),
  });
  const answer = (await asked.json()) as { rebuilding?: string[]; detail?: string };
  if (asked.status !== 202) {
    process.stderr.write(`${answer.detail ?? `the projector answered ${asked.status}`}\n`);
    return 2;
  }
  let status = (await (await fetch(statusUrl)).json()) as Status;
  const bar = progress('rebuild', status.headPosition);
  const started = Date.now();
  while (status.rebuilding.length > 0) {
    bar.tick(Math.min(...status.rebuilding.map((r) => r.checkpoint)));
    await new Promise((resolve) => setTimeout(resolve, 250));
    status = (await (await fetch(statusUrl)).json()) as Status;
  }
  bar.end(status.headPosition);
  process.stdout.write(
    `${JSON.stringify({ rebuilt: answer.rebuilding, seconds: (Date.now() - started) / 1000 }, null, 2)}\n`,
  );
  return 0;
};

/**
 * Makes a file's customers or leads; prints each row's record or refusal. Exit 0 when every row
 * was imported, 1 when the API refused some (the others are imported), 2 when nothing was sent.
 */
const importFile = async (
  command: 'import-customers' | 'import-leads',
  file: unknown,
  defaults: Record<string, string>,
  commandApiUrl: string,
  token: string | undefined,
) => {
  if (typeof file !== 'string') {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  if (!token) {
    process.stderr.write(
      `${command} needs the token of a member who may make them: KROONIKA_TOKEN=$(npm run -s token)\n`,
    );
    return 2;
  }
  try {
    const kind = command === 'import-customers' ? rowKinds.customers : rowKinds.leads;
    const report = await importRows(kind, readFileSync(file, 'utf8'), {
      commandApiUrl,
      token,
      file: basename(file),
      defaults,
    });
    process.stdout.write(`${JSON.stringify({ file, ...report }, null, 2)}\n`);
    return report.refused === 0 && !report.stopped ? 0 : 1;
  } catch (error) {
    process.stderr.write(`${command}: ${(error as Error).message}\n`);
    return error instanceof UnreadableFile || (error as NodeJS.ErrnoException).code ? 2 : 1;
  }
};

export const main = async (argv: string[]): Promise<number> => {
  // Exports hold personal data: files this command writes are its owner's alone.
  process.umask(0o077);
  const [command, ...rest] = argv;
  let values: Record<string, string | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        stream: { type: 'string' },
        customer: { type: 'string' },
        format: { type: 'string', default: 'jsonl' },
        out: { type: 'string' },
        staff: { type: 'string', default: 'operator' },
        projection: { type: 'string', multiple: true },
        from: { type: 'string' },
        file: { type: 'string' },
        source: { type: 'string' },
      },
    }));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
    return 2;
  }
  const config = readConfig();
  if (command !== 'restore')
    try {
      refuseUnfinishedRestore(config.dataDir);
    } catch (error) {
      process.stderr.write(`${(error as Error).message}\n`);
      return 2;
    }
  if (command === 'import-customers' || command === 'import-leads')
    return importFile(
      command,
      values.file,
      typeof values.source === 'string' && command === 'import-leads'
        ? { source: values.source }
        : {},
      process.env['COMMAND_API_URL'] ?? `http://${config.host}:${config.commandPort}`,
      process.env['KROONIKA_TOKEN'],
    );
  // Before any store is opened: opening one creates its file, which a restore must not find.
  if (command === 'backup' || command === 'restore') {
    const dir = command === 'backup' ? values.out : values.from;
    if (typeof dir !== 'string') {
      process.stderr.write(`${usage}\n`);
      return 2;
    }
    return copyStores(config, command, dir);
  }
  const events = openEventStore(config);
  const reads = createReadStore(config.readStoreUrl);
  try {
    switch (command) {
      case 'verify':
        return await verify(events, values.stream as string | undefined);
      case 'export': {
        const format = values.format as string;
        if (typeof values.customer !== 'string' || !['jsonl', 'csv'].includes(format)) break;
        return await exportHistory(events, reads, {
          customer: values.customer,
          format,
          staff: values.staff as string,
          ...(typeof values.out === 'string' ? { out: values.out } : {}),
        });
      }
      case 'compare':
        return await compare(events, reads, (values.projection as string[] | undefined) ?? []);
      case 'rebuild':
        return await rebuild(
          config.projectorStatusUrl,
          (values.projection as string[] | undefined) ?? [],
          process.env['KROONIKA_TOKEN'],
        );
      default:
        break;
    }
    process.stderr.write(`${usage}\n`);
    return 2;
  } finally {
    await reads.close();
    await events.close();
  }
};
