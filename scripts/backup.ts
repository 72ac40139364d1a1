import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  createReadStream,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type Readable } from 'node:stream';
import { SqliteEventStore, verifyChains } from '#event-store';
import {
  FsBlobStore,
  restoreMarker,
  type RestoreInProgress,
  unfinishedRestore,
  webhookKeyFile,
} from '#platform';
import { initialAdminFile } from '../apps/command-api/src/staff/initial-admin';

/**
 * A backup of the embedded stores: one directory holding a consistent copy of each SQLite file
 * (SQLite's `VACUUM INTO`: a snapshot taken in one read transaction while the apps keep
 * writing), the document contents, and `backup.json` naming every file with its SHA-256.
 */
export const MANIFEST = 'backup.json';

type Part = 'read-store' | 'event-store' | 'key-store' | 'blobs' | 'settings';

export type Manifest = {
  format: 1;
  createdAt: string;
  headPosition: number;
  events: number;
  streams: number;
  files: { path: string; part: Part; bytes: number; sha256: string }[];
};

/** Where each part of the embedded default is kept, from the service's own settings. */
export type Places = {
  eventStoreUrl: string;
  readStoreUrl: string;
  keyStoreUrl: string;
  blobStorePath: string;
  dataDir: string;
  /** `WEBHOOK_SIGNING_KEY`: when set, links derive from it and not from the file under `dataDir`. */
  signingKey?: string;
};

/**
 * The initial admin's id, kept under the data directory by the embedded default: restored with
 * the log, the first start finds that member registered instead of registering a second one.
 */
const ADMIN_ID = 'initial-admin-id';

/**
 * The key links derive from (web form addresses, unsubscribe links, status pages, calendar
 * feeds, webhook secrets), kept under the data directory by the embedded default: restored with
 * the stores, the links given out before keep working.
 */
const SIGNING_KEY = 'webhook-key';

/** A refusal the operator can act on: exit status 2, nothing written. */
export class Refused extends Error {}

/** The file of a `sqlite:` URL, or why there is none. */
const fileOf = (url: string, name: string): string => {
  if (url === 'memory:')
    throw new Refused(`the ${name} is in memory: nothing of it outlives the apps`);
  if (!url.startsWith('sqlite:'))
    throw new Refused(
      `the ${name} is not embedded (${url.split('://')[0]}): back up a server store with its own tools (KurrentDB's backup of its database directory, mongodump)`,
    );
  return url.slice('sqlite:'.length);
};

/**
 * The settings kept under the data directory that a backup carries, with their names in it. The
 * signing key only when it is the one in effect: `WEBHOOK_SIGNING_KEY` is the operator's to keep.
 */
const settingsOf = (places: Places): [name: string, file: string][] => [
  [ADMIN_ID, initialAdminFile(places.dataDir)],
  ...(places.signingKey ? [] : [[SIGNING_KEY, webhookKeyFile(places.dataDir)] as [string, string]]),
];

/** The SQLite files in the order they are copied, with their names in the backup. */
const storesOf = (places: Places): [Exclude<Part, 'blobs' | 'settings'>, string, string][] => [
  // The read store first: its checkpoints and cursors can then be no further on than the log
  // copied after it, so a restored projector and workers never skip an event.
  ['read-store', fileOf(places.readStoreUrl, 'read store'), 'read.db'],
  // The log before the keys: every key the copied events were sealed with exists by then.
  ['event-store', fileOf(places.eventStoreUrl, 'event store'), 'events.db'],
  ['key-store', fileOf(places.keyStoreUrl, 'key store'), 'keys.db'],
];

const sha256 = (content: Readable) =>
  new Promise<string>((resolve, reject) => {
    const hash = createHash('sha256');
    content
      .on('data', (chunk: Buffer) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => {
        resolve(hash.digest('hex'));
      });
  });

/** Makes a written file, or a directory's entries, durable. */
const sync = (path: string) => {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
};

/** Makes `dir`, every directory and file under it, and the entry naming it durable. */
const syncTree = (dir: string) => {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    sync(join(entry.parentPath, entry.name));
  sync(dir);
  sync(dirname(dir));
};

/** A document content in the manifest: by its SHA-256, wherever its blob store keeps it. */
const BLOB = /^blobs\/([0-9a-f]{64})$/;

const checkIntegrity = (file: string) => {
  const db = new Database(file, { fileMustExist: true, readonly: true });
  try {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok')
      throw new Error(`${file} fails SQLite's integrity check: ${String(result)}`);
  } finally {
    db.close();
  }
};

/** Follows every stream's hash chain in the copied log. */
const verifyLog = async (file: string) => {
  const events = new SqliteEventStore(file);
  try {
    const head = await events.headPosition();
    return { head, chains: await verifyChains(events, { until: head }) };
  } finally {
    await events.close();
  }
};

/**
 * Copies the stores of a running (or stopped) embedded installation into `out`, which must not
 * exist or be empty, then checks the copies: SQLite's integrity check of each file and the hash
 * chain of every stream in the copied log.
 */
export const backup = async (places: Places, into: string): Promise<Manifest> => {
  const out = resolve(into);
  const stores = storesOf(places);
  for (const [part, file] of stores)
    if (!existsSync(file)) throw new Refused(`no ${part} at ${file}`);
  if (existsSync(out) && readdirSync(out).length > 0)
    throw new Refused(`${out} is not empty: a backup is written into a new directory`);
  const created = !existsSync(out);
  mkdirSync(out, { recursive: true, mode: 0o700 });
  try {
    return await copyInto(places, stores, out);
  } catch (error) {
    // A backup that failed is no backup: nothing of it is left to be taken for one.
    if (created) rmSync(out, { recursive: true, force: true });
    else
      for (const entry of readdirSync(out))
        rmSync(join(out, entry), { recursive: true, force: true });
    throw error;
  }
};

const copyInto = async (
  places: Places,
  stores: ReturnType<typeof storesOf>,
  out: string,
): Promise<Manifest> => {
  for (const [, file, name] of stores) {
    const db = new Database(file, { fileMustExist: true, timeout: 10_000 });
    try {
      db.prepare('VACUUM INTO ?').run(join(out, name));
    } finally {
      db.close();
    }
  }
  // Contents are named by their SHA-256 and never change: a copy of each is consistent. Copied
  // after the log, they include the contents of every document the copied log names. The blob
  // store lists what it keeps (not half-written uploads) and hashes each copy as it writes it.
  const live = new FsBlobStore(places.blobStorePath);
  const copies = new FsBlobStore(join(out, 'blobs'));
  const blobs: { sha256: string; size: number }[] = [];
  for await (const { sha256: id } of live.list()) {
    const content = await live.get(id);
    // Deleted since it was listed (an erasure, the sweep of contents no document names).
    if (!content) continue;
    const copied = await copies.put(content, Number.POSITIVE_INFINITY);
    if (copied.sha256 !== id)
      throw new Error(`the content stored as ${id} does not hash to its name: it is damaged`);
    blobs.push({ sha256: id, size: copied.size });
  }
  const settings = settingsOf(places).filter(([, file]) => existsSync(file));
  for (const [name, file] of settings) copyFileSync(file, join(out, name));
  for (const [, , name] of stores) checkIntegrity(join(out, name));
  const { head, chains } = await verifyLog(join(out, 'events.db'));
  if (!chains.ok)
    throw new Error(
      `the copied log's hash chain is broken at ${JSON.stringify(chains.firstBroken)}: run verify on the live store`,
    );
  const entry = async (path: string, part: Part) => {
    const copy = join(out, path);
    return { path, part, bytes: statSync(copy).size, sha256: await sha256(createReadStream(copy)) };
  };
  const files: Manifest['files'] = [];
  for (const [part, , name] of stores) files.push(await entry(name, part));
  for (const { sha256: id, size } of blobs)
    files.push({ path: `blobs/${id}`, part: 'blobs', bytes: size, sha256: id });
  for (const [name] of settings) files.push(await entry(name, 'settings'));
  const manifest: Manifest = {
    format: 1,
    createdAt: new Date().toISOString(),
    headPosition: head,
    events: chains.checked,
    streams: chains.streams,
    files,
  };
  writeFileSync(join(out, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  syncTree(out);
  return manifest;
};

const readManifest = (from: string): Manifest => {
  const file = join(from, MANIFEST);
  if (!existsSync(file)) throw new Refused(`${from} holds no ${MANIFEST}: not a backup`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { format?: unknown; files?: unknown };
  if (manifest.format !== 1 || !Array.isArray(manifest.files))
    throw new Refused(`${file} is not a backup manifest this version reads`);
  return manifest as Manifest;
};

/**
 * Puts a backup in place of the stores named by the settings. The apps must be stopped and the
 * stores' files must not exist: nothing is overwritten. Every file is checked against its
 * SHA-256 in the manifest before any is copied. A restore from the same backup that stopped
 * among its final renames (its marker under the data directory says so) is finished instead.
 */
export const restore = async (
  places: Places,
  from: string,
  /** Moves a copy into its place (a test stops here to leave a restore half way). */
  rename: (partial: string, target: string) => void = renameSync,
): Promise<Manifest & { finished?: true }> => {
  const unfinished = unfinishedRestore(places.dataDir);
  if (unfinished) return finishRestore(places, unfinished, from, rename);
  const manifest = readManifest(from);
  const targets = new Map<string, string>(
    storesOf(places).map(([, file, name]) => [name, file] as const),
  );
  const settings = new Set([ADMIN_ID, SIGNING_KEY]);
  targets.set(ADMIN_ID, initialAdminFile(places.dataDir));
  targets.set(SIGNING_KEY, webhookKeyFile(places.dataDir));
  for (const [name, file] of targets) {
    if (settings.has(name)) continue;
    if (!manifest.files.some((f) => f.path === name))
      throw new Refused(`the backup holds no ${name}`);
    for (const path of [file, `${file}-wal`, `${file}-shm`])
      if (existsSync(path))
        throw new Refused(
          `${path} exists: stop the apps and move the current stores aside before restoring`,
        );
  }
  const copies = new FsBlobStore(join(from, 'blobs'));
  /** What the backup holds under a manifest path, read from its start. */
  const read = async (path: string): Promise<Readable | undefined> => {
    const blob = BLOB.exec(path)?.[1];
    if (blob) return copies.get(blob);
    return targets.has(path) && existsSync(join(from, path))
      ? createReadStream(join(from, path))
      : undefined;
  };
  for (const f of manifest.files) {
    if (!BLOB.test(f.path) && !targets.has(f.path))
      throw new Refused(`the manifest names an unknown file: ${f.path}`);
    const content = await read(f.path);
    if (!content) throw new Error(`the backup lacks ${f.path}`);
    if ((await sha256(content)) !== f.sha256)
      throw new Error(`${f.path} differs from the backup's manifest: the backup is damaged`);
  }
  // The restored stores name links signed with the backup's key: another key in its place would
  // turn every one of them away.
  const key = targets.get(SIGNING_KEY)!;
  if (
    manifest.files.some((f) => f.path === SIGNING_KEY) &&
    existsSync(key) &&
    !readFileSync(key).equals(readFileSync(join(from, SIGNING_KEY)))
  )
    throw new Refused(
      `${key} holds another signing key than the backup's: move it aside before restoring, or the links given out before the backup (web forms, unsubscribe links, status pages, calendar feeds, webhook secrets) stop working`,
    );
  const live = new FsBlobStore(places.blobStorePath);
  // Each file is copied beside its place and renamed into it once every copy is written: a
  // restore that fails on the way (a full disk, a place that cannot be made) leaves no store
  // in place that a start would take for a whole installation, nor one the retry would refuse.
  const copied: [partial: string, target: string][] = [];
  try {
    for (const f of manifest.files) {
      if (f.part === 'blobs') {
        if (!(await live.has(f.sha256)))
          await live.put((await read(f.path))!, Number.POSITIVE_INFINITY);
        continue;
      }
      const target = targets.get(f.path)!;
      // An installation's own admin id stays its own; its signing key is the backup's (above).
      if (f.part === 'settings' && existsSync(target)) continue;
      mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
      const partial = `${target}.restoring`;
      copied.push([partial, target]);
      copyFileSync(join(from, f.path), partial);
      sync(partial);
    }
  } catch (error) {
    for (const [partial] of copied) rmSync(partial, { force: true });
    throw error;
  }
  // Every copy is written: the marker says which to move where, so that a restore stopped
  // among the moves (a kill, a power cut) is finished by the next one, and nothing starts on
  // the stores moved so far.
  const marker = restoreMarker(places.dataDir);
  mkdirSync(places.dataDir, { recursive: true, mode: 0o700 });
  const record: RestoreInProgress = { from: resolve(from), renames: copied };
  writeFileSync(marker, JSON.stringify(record), { mode: 0o600 });
  sync(marker);
  sync(places.dataDir);
  moveIntoPlace(places, record, rename);
  return manifest;
};

/** Moves each copy into its place, then removes the marker. */
const moveIntoPlace = (
  places: Places,
  record: RestoreInProgress,
  rename: (partial: string, target: string) => void,
) => {
  for (const [partial, target] of record.renames) {
    if (existsSync(partial)) rename(partial, target);
    else if (!existsSync(target))
      throw new Error(`${partial} and ${target} are both missing: restore into empty places again`);
    sync(dirname(target));
  }
  syncTree(places.blobStorePath);
  rmSync(restoreMarker(places.dataDir));
  sync(places.dataDir);
};

/** Finishes a restore that stopped among its moves: from the same backup only. */
const finishRestore = (
  places: Places,
  unfinished: RestoreInProgress,
  from: string,
  rename: (partial: string, target: string) => void,
): Manifest & { finished: true } => {
  if (unfinished.from !== resolve(from))
    throw new Refused(
      `a restore from ${unfinished.from} stopped half way (${restoreMarker(places.dataDir)}): run restore --from ${unfinished.from} to finish it`,
    );
  const manifest = readManifest(from);
  moveIntoPlace(places, unfinished, rename);
  return { ...manifest, finished: true };
};
