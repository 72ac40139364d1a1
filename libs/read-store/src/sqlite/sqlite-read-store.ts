import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join as joinPath } from 'node:path';
import { Worker } from 'node:worker_threads';
import { decodeCursor, encodeCursor, fieldsRead, withIdTiebreak } from '../cursor';
import { checkCollection, checkField } from '../names';
import {
  type Checkpoint,
  type Condition,
  type Doc,
  FencedOutError,
  type Filter,
  type FindOptions,
  type Lease,
  type Page,
  type ReadStore,
  type Scalar,
  type WriteOp,
} from '../read-store.port';
import { applyUpdate, changes, insertOnly, writePath } from '../update-engine';
import type { CheckpointerData, CheckpointerRequest } from './sqlite-checkpointer.mjs';

type Sql = { clause: string; params: unknown[] };

const table = (collection: string) => `"c_${checkCollection(collection)}"`;

/** `json_extract(doc, '$."a"."b"')`; index expressions use the very same text. */
/** Prepared statements kept per store (filters of other shapes are prepared again). */
const STATEMENTS = 500;

/** How often the checkpointer thread copies committed WAL pages into the database file. */
const CHECKPOINT_EVERY_MS = 100;

/** A (dotted) field as a JSON path: `$."a"."b"`. */
const jsonPath = (field: string) =>
  `$${checkField(field)
    .split('.')
    .map((k) => `."${k}"`)
    .join('')}`;

const expr = (field: string) =>
  field === '_id' ? 'id' : `json_extract(doc, '${jsonPath(field)}')`;

const bind = (value: Scalar) => (typeof value === 'boolean' ? (value ? 1 : 0) : value);

const condition = (field: string, cond: Condition): Sql => {
  const e = expr(field);
  if (cond === null) return { clause: `${e} IS NULL`, params: [] };
  if (typeof cond !== 'object') return { clause: `${e} = ?`, params: [bind(cond)] };
  const parts: Sql[] = [];
  const ops = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' } as const;
  for (const [op, sym] of Object.entries(ops) as [keyof typeof ops, string][]) {
    const v = cond[op];
    if (v !== undefined) parts.push({ clause: `${e} ${sym} ?`, params: [bind(v)] });
  }
  if (cond.$in !== undefined)
    parts.push(
      cond.$in.length === 0
        ? { clause: '0', params: [] }
        : { clause: `${e} IN (${cond.$in.map(() => '?').join(', ')})`, params: cond.$in.map(bind) },
    );
  if (cond.$ne !== undefined)
    parts.push(
      cond.$ne === null
        ? { clause: `${e} IS NOT NULL`, params: [] }
        : { clause: `(${e} IS NULL OR ${e} != ?)`, params: [bind(cond.$ne)] },
    );
  return join(parts, ' AND ');
};

const join = (parts: Sql[], sep: string): Sql =>
  parts.length === 0
    ? { clause: '1', params: [] }
    : {
        clause: parts.map((p) => `(${p.clause})`).join(sep),
        params: parts.flatMap((p) => p.params),
      };

const where = (filter: Filter): Sql =>
  join(
    Object.entries(filter).map(([f, c]) => condition(f, c)),
    ' AND ',
  );

/** Rows strictly after the cursor in sort order: (a > x) OR (a = x AND b > y) OR … */
const after = (values: Scalar[], sort: [string, 1 | -1][]): Sql =>
  join(
    sort.map((_, i) =>
      join(
        [
          ...sort
            .slice(0, i)
            .map(([f], j) => ({ clause: `${expr(f)} = ?`, params: [bind(values[j]!)] })),
          {
            clause: `${expr(sort[i]![0])} ${sort[i]![1] === 1 ? '>' : '<'} ?`,
            params: [bind(values[i]!)],
          },
        ],
        ' AND ',
      ),
    ),
    ' OR ',
  );

/** Up to this many ids, `getMany` reads each by its key; beyond, in one query. */
const POINT_READS = 8;

/** Synchronous driver calls, surfaced as promises that reject rather than throw. */
const attempt = <T>(fn: () => T): Promise<T> =>
  new Promise((resolve) => {
    resolve(fn());
  });

/** A document as the batch has it; `stored`: its row is known to exist (it was read). */
type Cached = { doc: Doc | undefined; pos: number; dirty: boolean; stored: boolean };

/** Embedded read store: one table per collection, documents as JSON with expression indexes. */
export class SqliteReadStore implements ReadStore {
  private readonly db: Database.Database;
  private readonly known = new Set<string>();
  private readonly statements = new Map<string, Database.Statement>();
  /** Started by the first write to a file (a store only read never starts one). */
  private checkpointer: Worker | undefined;

  /**
   * Prepared once per SQL text: preparing is far dearer than running. Queries differ by their
   * filters (the length of an `$in` list among them): the least recently used of more than
   * STATEMENTS are let go.
   */
  private statement<P extends unknown[] = unknown[], R = unknown>(
    sql: string,
  ): Database.Statement<P, R> {
    let cached = this.statements.get(sql);
    // Below the limit the order of use does not matter: a hit costs one lookup.
    if (cached && this.statements.size < STATEMENTS)
      return cached as unknown as Database.Statement<P, R>;
    if (cached) this.statements.delete(sql);
    else {
      cached = this.db.prepare(sql);
      if (this.statements.size >= STATEMENTS)
        this.statements.delete(this.statements.keys().next().value!);
    }
    this.statements.set(sql, cached);
    return cached as unknown as Database.Statement<P, R>;
  }

  constructor(private readonly file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    this.db = new Database(file);
    // Readable by its owner only (its WAL takes the same mode): read models hold personal data.
    if (file !== ':memory:')
      for (const path of [file, `${file}-wal`, `${file}-shm`])
        if (existsSync(path)) chmodSync(path, 0o600);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    // Deleted and overwritten content is zeroed, not left in free pages (erasure, ADR 0014).
    this.db.pragma('secure_delete = ON');
    // Read models are read and rewritten constantly: keep their pages in memory.
    this.db.pragma('cache_size = -65536');
    // A writing store's checkpointer thread copies the WAL into the file as it grows; this
    // connection checkpoints itself only past ~40 MB (the thread fell behind or stopped).
    this.db.pragma('wal_autocheckpoint = 10000');
    this.db.pragma('mmap_size = 268435456');
    this.db.pragma('busy_timeout = 10000');
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL)',
    );
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, token INTEGER NOT NULL, expires_at INTEGER NOT NULL)',
    );
  }

  private leaseNow(name: string): Lease | undefined {
    const row = this.statement<[string], { holder: string; token: number; expires_at: number }>(
      'SELECT holder, token, expires_at FROM leases WHERE name = ?',
    ).get(name);
    return row
      ? { name, holder: row.holder, token: row.token, expiresAt: row.expires_at }
      : undefined;
  }

  acquireLease(
    name: string,
    holder: string,
    ttlMs: number,
    now: number,
  ): Promise<Lease | undefined> {
    return attempt(() =>
      this.db
        .transaction((): Lease | undefined => {
          const current = this.leaseNow(name);
          const expiresAt = now + ttlMs;
          if (current && current.expiresAt > now && current.holder !== holder) return undefined;
          // The same holder within its lease keeps its token; anyone else, or the same holder
          // after its lease ran out (its writes meanwhile may have been refused), gets a new one.
          const token =
            current && current.holder === holder && current.expiresAt > now
              ? current.token
              : (current?.token ?? 0) + 1;
          this.statement(
            'INSERT INTO leases (name, holder, token, expires_at) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, token = excluded.token, expires_at = excluded.expires_at',
          ).run(name, holder, token, expiresAt);
          return { name, holder, token, expiresAt };
        })
        .immediate(),
    );
  }

  releaseLease(lease: Lease): Promise<void> {
    return attempt(() => {
      this.statement(
        'UPDATE leases SET expires_at = 0 WHERE name = ? AND holder = ? AND token = ?',
      ).run(lease.name, lease.holder, lease.token);
    });
  }

  lease(name: string): Promise<Lease | undefined> {
    return Promise.resolve(this.leaseNow(name));
  }

  private exists(collection: string): boolean {
    if (this.known.has(collection)) return true;
    const row = this.db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
      .get(`c_${checkCollection(collection)}`);
    if (row) this.known.add(collection);
    return row !== undefined;
  }

  private create(collection: string) {
    if (this.exists(collection)) return;
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS ${table(collection)} (id TEXT PRIMARY KEY, doc TEXT NOT NULL, pos INTEGER NOT NULL DEFAULT 0)`,
    );
    this.known.add(collection);
  }

  get<T extends Doc>(collection: string, id: string): Promise<T | undefined> {
    if (!this.exists(collection)) return Promise.resolve(undefined);
    const row = this.statement<[string], { doc: string }>(
      `SELECT doc FROM ${table(collection)} WHERE id = ?`,
    ).get(id);
    return Promise.resolve(row ? (JSON.parse(row.doc) as T) : undefined);
  }

  /**
   * A few ids (a projector's batch of one event) are point reads by the primary key; more are
   * one query over the ids as a JSON array. Measured on this store: one `find` by `$in` (its
   * SQL built, its rows sorted) costs about four times one point read; from ten ids on, the
   * single query costs half of their point reads.
   */
  getMany<T extends Doc>(collection: string, ids: Iterable<string>): Promise<Map<string, T>> {
    return attempt(() => {
      const found = new Map<string, T>();
      const unique = [...new Set(ids)];
      if (unique.length === 0 || !this.exists(collection)) return found;
      if (unique.length <= POINT_READS) {
        const read = this.statement<[string], { doc: string }>(
          `SELECT doc FROM ${table(collection)} WHERE id = ?`,
        );
        for (const id of unique) {
          const row = read.get(id);
          if (row) found.set(id, JSON.parse(row.doc) as T);
        }
        return found;
      }
      const rows = this.statement<[string], { id: string; doc: string }>(
        `SELECT id, doc FROM ${table(collection)} WHERE id IN (SELECT value FROM json_each(?))`,
      ).all(JSON.stringify(unique));
      for (const row of rows) found.set(row.id, JSON.parse(row.doc) as T);
      return found;
    });
  }

  find<T extends Doc>(
    collection: string,
    filter: Filter,
    options: FindOptions = {},
  ): Promise<Page<T>> {
    return attempt(() => this.findNow<T>(collection, filter, options));
  }

  /** The query of a `find`: one row more than the page, to tell whether another follows. */
  private findSql(collection: string, filter: Filter, options: FindOptions) {
    const sort = withIdTiebreak(options.sort);
    const parts = [where(filter)];
    if (options.cursor) parts.push(after(decodeCursor(options.cursor, sort), sort));
    const w = join(parts, ' AND ');
    const limit = options.limit ?? 100;
    const order = sort.map(([f, d]) => `${expr(f)} ${d === 1 ? 'ASC' : 'DESC'}`).join(', ');
    // Only some fields: each as its JSON (`->`; SQL NULL where the document has no such field).
    const fields = options.fields && fieldsRead(options.fields, sort);
    const columns = fields
      ? ['id', ...fields.map((f, i) => `doc -> '${jsonPath(f)}' AS f${i}`)].join(', ')
      : 'doc';
    return {
      sort,
      limit,
      fields,
      sql: `SELECT ${columns} FROM ${table(collection)} WHERE ${w.clause} ORDER BY ${order} LIMIT ?`,
      params: [...w.params, limit + 1],
    };
  }

  /**
   * How SQLite would run a `find` (`EXPLAIN QUERY PLAN`, one line per step): for specs that
   * check a list is read by an index, as the planner chooses it on this store.
   */
  queryPlan(collection: string, filter: Filter, options: FindOptions = {}): string[] {
    this.create(collection);
    const { sql, params } = this.findSql(collection, filter, options);
    return this.db
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params)
      .map((row) => row.detail);
  }

  private findNow<T extends Doc>(
    collection: string,
    filter: Filter,
    options: FindOptions,
  ): Page<T> {
    if (!this.exists(collection)) return { items: [] };
    const { sort, limit, fields, sql, params } = this.findSql(collection, filter, options);
    const rows = this.statement<unknown[], Record<string, string | null>>(sql).all(...params);
    const items = rows.slice(0, limit).map((r) => {
      if (!fields) return JSON.parse(r['doc']!) as T;
      const doc: Doc = { _id: r['id']! };
      fields.forEach((f, i) => {
        const json = r[`f${i}`];
        if (json !== null && json !== undefined) writePath(doc, f, JSON.parse(json));
      });
      return doc as T;
    });
    const last = items[items.length - 1];
    return rows.length > limit && last
      ? { items, nextCursor: encodeCursor(last, sort) }
      : { items };
  }

  count(collection: string, filter: Filter, options: { upTo?: number } = {}): Promise<number> {
    if (!this.exists(collection)) return Promise.resolve(0);
    const w = where(filter);
    const { upTo } = options;
    const row =
      upTo === undefined
        ? this.statement<unknown[], { n: number }>(
            `SELECT COUNT(*) AS n FROM ${table(collection)} WHERE ${w.clause}`,
          ).get(...w.params)
        : this.statement<unknown[], { n: number }>(
            `SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${table(collection)} WHERE ${w.clause} LIMIT ?)`,
          ).get(...w.params, Math.max(0, Math.floor(upTo)));
    return Promise.resolve(row?.n ?? 0);
  }

  apply(ops: WriteOp[], checkpoints: Checkpoint[], fence?: Lease): Promise<void> {
    return attempt(() => {
      this.applyNow(ops, checkpoints, fence);
      // After the write: a store that cannot write (closed, fenced out) starts no thread.
      this.checkpointer ??= this.startCheckpointer();
    });
  }

  /**
   * A thread that checkpoints the WAL beside this writer (ADR 0035): the copying and its
   * fsyncs are then not part of any of this connection's commits. If the thread fails, this
   * connection's automatic checkpoint still bounds the WAL.
   */
  private startCheckpointer(): Worker | undefined {
    if (this.file === ':memory:') return undefined;
    // From the sources (tests) Node runs the thread with its types stripped; from dist, compiled.
    const code = joinPath(
      __dirname,
      __filename.endsWith('.ts') ? 'sqlite-checkpointer.mts' : 'sqlite-checkpointer.mjs',
    );
    const worker = new Worker(code, {
      workerData: { file: this.file, everyMs: CHECKPOINT_EVERY_MS } satisfies CheckpointerData,
    });
    worker.unref();
    worker.on('error', () => {
      // Nothing is lost: the writer's own automatic checkpoint takes over.
    });
    return worker;
  }

  /**
   * One write transaction, begun IMMEDIATE: the write lock is taken (waiting for another
   * process's writes, by busy_timeout) before anything is read, so a second writer (the
   * workers beside the projector) never meets SQLITE_BUSY when a read would turn into a write.
   */
  private applyNow(ops: WriteOp[], checkpoints: Checkpoint[], fence?: Lease) {
    this.db
      .transaction(() => {
        if (fence && this.leaseNow(fence.name)?.token !== fence.token)
          throw new FencedOutError(fence.name, fence.token);
        // Documents touched more than once in a batch are read and written once.
        const cache = new Map<string, Map<string, Cached>>();
        const flush = (collection: string) => {
          const docs = cache.get(collection);
          if (!docs) return;
          const put = this.statement(
            `INSERT OR REPLACE INTO ${table(collection)} (id, doc, pos) VALUES (?, ?, ?)`,
          );
          // A row read in this transaction is updated in place: cheaper than a replace, which
          // deletes the row and its index entries and inserts them again.
          const update = this.statement(
            `UPDATE ${table(collection)} SET doc = ?, pos = ? WHERE id = ?`,
          );
          const del = this.statement(`DELETE FROM ${table(collection)} WHERE id = ?`);
          for (const [id, c] of docs) {
            if (!c.dirty) continue;
            if (!c.doc) del.run(id);
            else if (c.stored) update.run(JSON.stringify(c.doc), c.pos, id);
            else put.run(id, JSON.stringify(c.doc), c.pos);
          }
          cache.delete(collection);
        };
        for (const op of ops) {
          this.create(op.collection);
          const docs =
            cache.get(op.collection) ?? cache.set(op.collection, new Map()).get(op.collection)!;
          switch (op.kind) {
            case 'upsert': {
              let entry = docs.get(op.id);
              if (!entry && insertOnly(op.update)) {
                // Only $setOnInsert: an existing document stays as it is.
                this.statement(
                  `INSERT OR IGNORE INTO ${table(op.collection)} (id, doc, pos) VALUES (?, ?, ?)`,
                ).run(op.id, JSON.stringify(applyUpdate(undefined, op.id, op.update)), op.position);
                break;
              }
              if (!entry) {
                const row = this.statement<[string], { doc: string; pos: number }>(
                  `SELECT doc, pos FROM ${table(op.collection)} WHERE id = ?`,
                ).get(op.id);
                entry = {
                  doc: row ? (JSON.parse(row.doc) as Doc) : undefined,
                  pos: row?.pos ?? 0,
                  dirty: false,
                  stored: row !== undefined,
                };
                docs.set(op.id, entry);
              }
              if (entry.doc && entry.pos >= op.position) break;
              // Nothing to write (a bound the document already holds): its row stays as it is.
              if (entry.doc && !changes(entry.doc, op.update)) break;
              entry.doc = applyUpdate(entry.doc, op.id, op.update, true);
              entry.pos = op.position;
              entry.dirty = true;
              break;
            }
            case 'delete':
              docs.set(op.id, { doc: undefined, pos: 0, dirty: true, stored: false });
              break;
            case 'setWhere': {
              flush(op.collection);
              const w = where(op.where);
              const path = (f: string) => `'${jsonPath(f)}'`;
              const update = (sets: [string, unknown][], unset: string[], parent?: string) => {
                let doc = 'doc';
                if (sets.length > 0)
                  doc = `json_set(${doc}, ${sets.map(([f]) => `${path(f)}, json(?)`).join(', ')})`;
                if (unset.length > 0) doc = `json_remove(${doc}, ${unset.map(path).join(', ')})`;
                if (doc === 'doc') return;
                // A dotted field is set only where its parent is an object, never created.
                const guard = parent ? ` AND json_type(doc, ${path(parent)}) = 'object'` : '';
                this.db
                  .prepare(
                    `UPDATE ${table(op.collection)} SET doc = ${doc} WHERE ${w.clause}${guard}`,
                  )
                  .run(...sets.map(([, v]) => JSON.stringify(v)), ...w.params);
              };
              const byParent = new Map<string, [string, unknown][]>();
              for (const [field, value] of Object.entries(op.set)) {
                const parent = checkField(field).split('.').slice(0, -1).join('.');
                byParent.set(parent, [...(byParent.get(parent) ?? []), [field, value]]);
              }
              update(byParent.get('') ?? [], op.unset ?? []);
              byParent.delete('');
              for (const [parent, sets] of byParent) update(sets, [], parent);
              break;
            }
            case 'deleteWhere': {
              flush(op.collection);
              const w = where(op.where);
              this.db
                .prepare(`DELETE FROM ${table(op.collection)} WHERE ${w.clause}`)
                .run(...w.params);
              break;
            }
            default: {
              const never: never = op;
              throw new Error(`Unknown op ${JSON.stringify(never)}`);
            }
          }
        }
        for (const collection of [...cache.keys()]) flush(collection);
        const save = this.statement(
          'INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET position = MAX(position, excluded.position)',
        );
        for (const c of checkpoints) save.run(c.name, c.position);
      })
      .immediate();
  }

  checkpoints(): Promise<Checkpoint[]> {
    return Promise.resolve(
      this.db.prepare<[], Checkpoint>('SELECT name, position FROM checkpoints ORDER BY name').all(),
    );
  }

  /** A batch is one transaction: none is ever left half written. */
  finishInterrupted(): Promise<void> {
    return Promise.resolve();
  }

  ensureIndex(collection: string, fields: string[]): Promise<void> {
    this.create(collection);
    const name = `i_${collection}_${fields.map((f) => f.replace(/\W/g, '_')).join('__')}`;
    this.db.exec(
      `CREATE INDEX IF NOT EXISTS "${name}" ON ${table(collection)} (${fields.map(expr).join(', ')})`,
    );
    return Promise.resolve();
  }

  replaceCollections(
    pairs: [from: string, to: string][],
    checkpoints: Checkpoint[],
    dropCheckpoints: string[],
  ): Promise<void> {
    return attempt(() => {
      this.db
        .transaction(() => {
          for (const [from, to] of pairs) {
            this.db.exec(`DROP TABLE IF EXISTS ${table(to)}`);
            if (!this.exists(from)) continue;
            this.db.exec(`ALTER TABLE ${table(from)} RENAME TO ${table(to)}`);
            // Index names carry the collection's name: give the moved indexes the new one.
            const moved = this.db
              .prepare<[string], { name: string; sql: string }>(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
              )
              .all(`c_${checkCollection(to)}`)
              .filter((index) => index.name.startsWith(`i_${from}_`));
            for (const index of moved) {
              const name = `i_${to}_${index.name.slice(`i_${from}_`.length)}`;
              this.db.exec(`DROP INDEX "${index.name}"`);
              this.db.exec(index.sql.replace(`"${index.name}"`, `"${name}"`));
            }
          }
          const save = this.statement(
            'INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET position = excluded.position',
          );
          for (const c of checkpoints) save.run(c.name, c.position);
          const drop = this.statement('DELETE FROM checkpoints WHERE name = ?');
          for (const name of dropCheckpoints) drop.run(name);
        })
        .immediate();
      for (const [from, to] of pairs) {
        this.known.delete(from);
        this.known.delete(to);
      }
      this.statements.clear();
    });
  }

  collectionNames(): Promise<string[]> {
    const rows = this.db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, 2) = 'c_'",
      )
      .all();
    return Promise.resolve(rows.map((r) => r.name.slice(2)));
  }

  dropCollection(collection: string): Promise<void> {
    this.db.exec(`DROP TABLE IF EXISTS ${table(collection)}`);
    this.known.delete(collection);
    this.statements.clear();
    return Promise.resolve();
  }

  forget(): Promise<void> {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return Promise.resolve();
  }

  async close(): Promise<void> {
    const checkpointer = this.checkpointer;
    this.checkpointer = undefined;
    if (checkpointer && checkpointer.threadId !== -1) {
      const ended = new Promise((resolve) => checkpointer.once('exit', resolve));
      // Kept alive until it has ended: an unreferenced thread would let the process exit first.
      checkpointer.ref();
      checkpointer.postMessage('close' satisfies CheckpointerRequest);
      await ended;
    }
    if (this.db.open) this.db.close();
  }
}
