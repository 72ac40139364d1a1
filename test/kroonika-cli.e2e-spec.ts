import Database from 'better-sqlite3';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { restore } from '../scripts/backup';
import { cli, cliAsync, cliEnv, cliWith } from './support/cli';
import { commands, type Ids, queries, type Service, startService, upload } from './support/service';

describe('the operator command line: verify, export, compare, backup', () => {
  let service: Service;
  let customerId: string;
  let last: number;
  beforeAll(async () => {
    // The rebuild test reads as fast as it can while the rebuild runs: no rate limit.
    service = await startService({ env: { RATE_LIMIT_PER_SECOND: '0' } });
    const c = commands(service);
    const customer = await c.post<Ids>('/customers', {
      kind: 'person',
      name: 'Kalle "Kala" Kask',
      email: 'kalle@kask.ee',
    });
    customerId = customer.body.id;
    await c.post(`/customers/${customerId}/tags`, { add: ['fishing'] });
    const pipeline = await c.post<Ids>('/pipelines', { name: 'CLI', stages: [{ name: 'A' }] });
    const deal = await c.post<Ids>('/deals', {
      customerId,
      pipelineId: pipeline.body.id,
      stageId: pipeline.body.stageIds![0],
      title: 'Boat',
      value: { amount: 5000, currency: 'EUR' },
    });
    last = deal.body.position;
    // the read side has caught up before anything is compared
    await queries(service).get(`/customers/${customerId}`, last);
  }, 60000);
  afterAll(async () => {
    await service.stop();
  });

  it('exports the history of a customer as JSON Lines and CSV, and records the export', async () => {
    const jsonl = cli(service, 'export', '--customer', customerId);
    expect(jsonl.status).toBe(0);
    const lines = jsonl.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string });
    expect(lines.map((l) => l.type)).toEqual([
      'CustomerRegistered',
      'CustomerTagged',
      'DealOpened',
    ]);
    const out = join(service.dir, 'export.csv');
    expect(
      cli(service, 'export', '--customer', customerId, '--format', 'csv', '--out', out).status,
    ).toBe(0);
    const csv = readFileSync(out, 'utf8').trim().split('\n');
    expect(csv[0]).toBe(
      'position,occurredAt,streamId,revision,type,schemaVersion,actorId,commandId,correlationId,causationId,eventId,previousHash,erasedFields,data',
    );
    expect(csv).toHaveLength(4);
    expect(csv[1]).toContain('""name"":""Kalle \\""Kala');
    const trail = await queries(service).get<{ items: { kind: string }[] }>(
      `/audit/trail?customerId=${customerId}`,
      last + 2,
    );
    expect(trail.body.items.map((r) => r.kind)).toEqual(['customer-export', 'customer-export']);
    expect(
      cli(service, 'export', '--customer', '00000000-0000-4000-8000-000000000000').status,
    ).toBe(1);
  }, 30000);

  it('finds the rebuilt read models equal to the live ones, then a changed document', () => {
    const same = cli(service, 'compare');
    expect(same.stderr).toContain('rebuild [');
    expect(same.status).toBe(0);
    expect(JSON.parse(same.stdout)).toMatchObject({ equal: true, differences: [] });

    const db = new Database(service.readStoreUrl.slice('sqlite:'.length));
    db.prepare(
      `UPDATE c_customers_v2 SET doc = json_set(doc, '$.name', 'Forged') WHERE id = ?`,
    ).run(customerId);
    db.close();
    const changed = cli(service, 'compare', '--projection', 'customers_v2');
    expect(changed.status).toBe(1);
    expect(JSON.parse(changed.stdout)).toMatchObject({
      equal: false,
      differences: [{ collection: 'customers_v2', id: customerId, problem: 'different' }],
    });
  }, 30000);

  it('rebuilds projections in the running projector and switches them in while the query API answers', async () => {
    const q = queries(service);
    const running = cliAsync(
      service,
      'rebuild',
      '--projection',
      'customers_v2',
      '--projection',
      'timeline_v4',
    );
    const answers: number[] = [];
    const progress = { done: false };
    void running.then(() => (progress.done = true));
    while (!progress.done) {
      answers.push((await q.get(`/customers/${customerId}`)).status);
      answers.push((await q.get(`/customers/${customerId}/timeline`)).status);
    }
    const result = await running;
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ rebuilt: ['timeline_v4', 'customers_v2'] });
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.filter((s) => s !== 200)).toEqual([]);
    // the forged document of the previous test is gone: the rebuilt collection replaced it
    expect((await q.get<{ name: string }>(`/customers/${customerId}`)).body.name).toBe(
      'Kalle "Kala" Kask',
    );
    const same = cli(service, 'compare');
    expect(JSON.parse(same.stdout)).toMatchObject({ equal: true });
    expect(cli(service, 'rebuild', '--projection', 'nonsense').status).toBe(2);
    // the rebuild is an admin's: no token 401, a salesperson 403
    const rebuildAs = (token?: string) =>
      fetch(`${service.url.projector}/rebuild`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: '{}',
      });
    expect((await rebuildAs()).status).toBe(401);
    expect((await rebuildAs((await service.staff('Sale Rebuild', ['sales'])).token)).status).toBe(
      403,
    );
  }, 60000);

  it('backs up the running stores with the document contents, and an installation restored from it goes on with the same history', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.4\n% Leping\n%%EOF\n');
    const attached = await upload<Ids>(
      `${service.url['command-api']}/documents`,
      service.admin.token,
      { linkKind: 'customer', linkId: customerId, size: String(pdf.length) },
      { name: 'Leping.pdf', type: 'application/pdf', bytes: pdf },
    );
    expect(attached.status).toBe(201);
    await queries(service).get(`/documents/${attached.body.id}`, attached.body.position);
    // A web site posts its leads to the form's signed address, given out before the backup.
    const form = await commands(service).post<Ids & { submitUrl: string }>('/web-forms', {
      name: 'Contact us',
      ownerId: service.admin.id,
    });
    expect(form.status).toBe(201);
    const submitPath = new URL(form.body.submitUrl).pathname;

    const out = join(service.dir, 'backup');
    const made = cli(service, 'backup', '--out', out);
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    const report = JSON.parse(made.stdout) as { headPosition: number; events: number };
    expect(report).toMatchObject({
      chainVerified: true,
      files: ['read.db', 'events.db', 'keys.db', 'initial-admin-id', 'webhook-key'],
      documentContents: 1,
    });
    expect(report.headPosition).toBeGreaterThanOrEqual(attached.body.position);
    expect(report.events).toBe(report.headPosition);
    // A backup never writes over another.
    expect(cli(service, 'backup', '--out', out).status).toBe(2);
    // With WEBHOOK_SIGNING_KEY set, links derive from it (the operator keeps it), not the file.
    const byVariable = join(service.dir, 'backup-signing-key-set');
    const keyFromVariable = cliWith(
      { ...cliEnv(service), WEBHOOK_SIGNING_KEY: 'kept by the operator' },
      'backup',
      '--out',
      byVariable,
    );
    expect(keyFromVariable.status).toBe(0);
    expect((JSON.parse(keyFromVariable.stdout) as { files: string[] }).files).toEqual([
      'read.db',
      'events.db',
      'keys.db',
      'initial-admin-id',
    ]);
    rmSync(byVariable, { recursive: true });

    const place = mkdtempSync(join(tmpdir(), 'kroonika-restored-'));
    const places = {
      EVENT_STORE_URL: `sqlite:${join(place, 'events.db')}`,
      READ_STORE_URL: `sqlite:${join(place, 'read.db')}`,
      KEY_STORE_URL: `sqlite:${join(place, 'keys.db')}`,
      BLOB_STORE_PATH: join(place, 'blobs'),
      DATA_DIR: join(place, 'data'),
    };
    try {
      // A damaged copy is refused before anything is written.
      const damaged = join(service.dir, 'damaged');
      cpSync(out, damaged, { recursive: true });
      appendFileSync(join(damaged, 'keys.db'), 'x');
      const refused = cliWith(places, 'restore', '--from', damaged);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('keys.db differs');
      expect(existsSync(join(place, 'events.db'))).toBe(false);
      // A manifest naming a file outside the places is refused, whatever its hash.
      const forged = join(service.dir, 'forged');
      cpSync(out, forged, { recursive: true });
      const manifest = JSON.parse(readFileSync(join(forged, 'backup.json'), 'utf8')) as {
        files: object[];
      };
      manifest.files.push({ path: 'blobs/../../outside', part: 'blobs', bytes: 0, sha256: '' });
      writeFileSync(join(forged, 'backup.json'), JSON.stringify(manifest));
      const outside = cliWith(places, 'restore', '--from', forged);
      expect(outside.status).toBe(2);
      expect(outside.stderr).toContain('unknown file: blobs/../../outside');
      expect(existsSync(join(place, 'events.db'))).toBe(false);

      // A restore that fails on the way (here: the key store's place cannot be made) leaves no
      // store in place, so a retry is not refused and nothing starts on half an installation.
      const blocked = join(place, 'a-file');
      writeFileSync(blocked, '');
      const halfway = cliWith(
        { ...places, KEY_STORE_URL: `sqlite:${join(blocked, 'keys.db')}` },
        'restore',
        '--from',
        out,
      );
      expect(halfway.status).toBe(1);
      expect(readdirSync(place)).toEqual(['a-file']);
      rmSync(blocked);

      // Another signing key where the backup's goes would turn away every link given out.
      mkdirSync(places.DATA_DIR);
      writeFileSync(join(places.DATA_DIR, 'webhook-key'), 'another key');
      const otherKey = cliWith(places, 'restore', '--from', out);
      expect(otherKey.status).toBe(2);
      expect(otherKey.stderr).toContain('another signing key');
      expect(readdirSync(place).sort()).toEqual(['data']);
      rmSync(places.DATA_DIR, { recursive: true });

      // The three stores, the one document's content, the initial admin's id and the signing key.
      const whole = mkdtempSync(join(tmpdir(), 'kroonika-restored-'));
      const elsewhereWhole = cliWith(
        {
          EVENT_STORE_URL: `sqlite:${join(whole, 'events.db')}`,
          READ_STORE_URL: `sqlite:${join(whole, 'read.db')}`,
          KEY_STORE_URL: `sqlite:${join(whole, 'keys.db')}`,
          BLOB_STORE_PATH: join(whole, 'blobs'),
          DATA_DIR: join(whole, 'data'),
        },
        'restore',
        '--from',
        out,
      );
      rmSync(whole, { recursive: true });
      expect(elsewhereWhole.status).toBe(0);
      expect(JSON.parse(elsewhereWhole.stdout)).toMatchObject({
        headPosition: report.headPosition,
        filesChecked: 6,
      });

      // A restore stopped among its moves (killed after the first): nothing opens the stores
      // moved so far — not an app, not the CLI — until a restore from the same backup finishes.
      let moves = 0;
      await expect(
        restore(
          {
            eventStoreUrl: places.EVENT_STORE_URL,
            readStoreUrl: places.READ_STORE_URL,
            keyStoreUrl: places.KEY_STORE_URL,
            blobStorePath: places.BLOB_STORE_PATH,
            dataDir: places.DATA_DIR,
          },
          out,
          (partial, target) => {
            if (++moves > 1) throw new Error('killed');
            renameSync(partial, target);
          },
        ),
      ).rejects.toThrow('killed');
      const inPlace = () => readdirSync(place).filter((f) => f.endsWith('.db'));
      expect(inPlace()).toHaveLength(1);
      await expect(
        startService({
          eventStoreUrl: places.EVENT_STORE_URL,
          readStoreUrl: places.READ_STORE_URL,
          keyStoreUrl: places.KEY_STORE_URL,
          apps: ['command-api'],
          env: { BLOB_STORE_PATH: places.BLOB_STORE_PATH, DATA_DIR: places.DATA_DIR },
        }),
      ).rejects.toThrow('stopped before every store was in place');
      const verifying = cliWith(places, 'verify');
      expect([verifying.status, verifying.stderr]).toEqual([
        2,
        expect.stringContaining(`run "kroonika restore --from ${out}" again to finish it`),
      ]);
      expect(inPlace()).toHaveLength(1);
      const elsewhere = cliWith(places, 'restore', '--from', forged);
      expect([elsewhere.status, elsewhere.stderr]).toEqual([
        2,
        expect.stringContaining(`a restore from ${out} stopped half way`),
      ]);

      const put = cliWith(places, 'restore', '--from', out);
      expect([put.status, put.stderr]).toEqual([0, '']);
      expect(JSON.parse(put.stdout)).toMatchObject({
        headPosition: report.headPosition,
        finishedInterruptedRestore: true,
      });
      expect(inPlace().sort()).toEqual(['events.db', 'keys.db', 'read.db']);
      expect(readdirSync(place).filter((f) => f.endsWith('.restoring'))).toEqual([]);
      expect(existsSync(join(places.DATA_DIR, 'restore-in-progress.json'))).toBe(false);
      // Stores already in place are never overwritten.
      const again = cliWith(places, 'restore', '--from', out);
      expect(again.status).toBe(2);
      expect(again.stderr).toContain('exists');

      const restored = await startService({
        eventStoreUrl: places.EVENT_STORE_URL,
        readStoreUrl: places.READ_STORE_URL,
        keyStoreUrl: places.KEY_STORE_URL,
        env: { BLOB_STORE_PATH: places.BLOB_STORE_PATH, DATA_DIR: places.DATA_DIR },
      });
      try {
        const q = queries(restored);
        // The initial admin came back with the log: the first start registered no other.
        expect(restored.admin.id).toBe(service.admin.id);
        const staff = await q.get<{ items: { name: string }[] }>('/staff');
        expect(staff.body.items.filter((m) => m.name === 'Administrator')).toHaveLength(1);
        const customer = await q.get<{ name: string; tags: string[] }>(`/customers/${customerId}`);
        expect(customer.body).toMatchObject({ name: 'Kalle "Kala" Kask', tags: ['fishing'] });
        const content = await fetch(
          `${restored.url['query-api']}/documents/${attached.body.id}/content`,
          { headers: { authorization: `Bearer ${restored.admin.token}` } },
        );
        expect(new Uint8Array(await content.arrayBuffer())).toEqual(pdf);
        // The form's address given out before the backup still takes leads.
        const submitted = await fetch(`${restored.url['command-api']}${submitPath}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'Mari Maasikas', email: 'mari@example.ee' }),
        });
        expect(submitted.status).toBe(202);
        // The log goes on from the copied head, and the projector from its copied checkpoints.
        const tagged = await commands(restored).post<Ids>(`/customers/${customerId}/tags`, {
          add: ['restored'],
        });
        expect(tagged.body.position).toBeGreaterThan(report.headPosition);
        const after = await q.get<{ tags: string[] }>(
          `/customers/${customerId}`,
          tagged.body.position,
        );
        expect(after.body.tags).toEqual(['fishing', 'restored']);
        const history = await q.get<{ items: { type: string; data: { name?: string } }[] }>(
          `/audit/customers/${customerId}/events`,
        );
        // The log's personal data reads with the restored keys.
        expect(history.body.items[0]!.data.name).toBe('Kalle "Kala" Kask');
        expect(history.body.items.map((e) => e.type)).toEqual([
          'CustomerRegistered',
          'CustomerTagged',
          'DealOpened',
          'DocumentAttached',
          'CustomerTagged',
        ]);
      } finally {
        await restored.stop();
      }
      // A server store is backed up with its own tools; one in memory keeps nothing.
      for (const [url, reason] of [
        ['esdb://127.0.0.1:1?tls=false', 'its own tools'],
        ['memory:', 'in memory'],
      ]) {
        const refused = cliWith(
          { ...places, EVENT_STORE_URL: url },
          'backup',
          '--out',
          join(place, 'never'),
        );
        expect(refused.status).toBe(2);
        expect(refused.stderr).toContain(reason);
      }
      expect(existsSync(join(place, 'never'))).toBe(false);
    } finally {
      rmSync(place, { recursive: true, force: true });
    }
  }, 90000);

  it('imports customers and leads from spreadsheets through the command API, once however often a file is imported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kroonika-import-'));
    const file = join(dir, 'kliendid.csv');
    // As a spreadsheet in Estonian saves it: semicolons, a byte-order mark, headers as people write them.
    writeFileSync(
      file,
      `\uFEFF${[
        'Name;Kind;Registry code;E-mail;City;Country;Category;Tags;Source;Contact name;Contact role;Contact e-mail',
        'Põld ja Partnerid OÜ;company;14000001;info@pold.example;Tartu;ee;top;wholesale|fair;messe 2026;Peeter Põld;CEO;peeter@pold.example',
        'Mari Kask;person;;mari@kask.example;;;;;referral;;;',
        'Vigane OÜ;company;;not-an-email;;;;;;;;',
        'Põld again;company;14000001;;;;;;;;;',
        '"Lepp; Kask AS";;;;;;best;;;;;',
      ].join('\r\n')}\r\n`,
    );
    type Report = {
      rows: number;
      imported: number;
      refused: number;
      outcomes: {
        row: number;
        id?: string;
        status?: number;
        type?: string;
        detail?: string;
      }[];
    };
    const run = (...args: string[]) => {
      const ran = cli(service, ...args, '--file', file);
      return { status: ran.status, report: JSON.parse(ran.stdout) as Report };
    };
    const first = run('import-customers');
    expect(first.status).toBe(1);
    expect(first.report).toMatchObject({ rows: 5, imported: 2, refused: 3 });
    const [pold, mari, broken, again, lepp] = first.report.outcomes;
    expect([pold!.id, mari!.id]).toEqual([expect.any(String), expect.any(String)]);
    expect([broken!.row, broken!.status, broken!.type]).toEqual([
      4,
      400,
      'urn:kroonika:problem:invalid-input',
    ]);
    expect([again!.row, again!.status, again!.type]).toEqual([
      5,
      409,
      'urn:kroonika:problem:registry-code-taken',
    ]);
    // registered, but its category is none the API knows: said, with the customer it made
    expect([lepp!.row, lepp!.status]).toEqual([6, 400]);
    expect(lepp!.detail).toMatch(/^saved as [0-9a-f-]{36}, but /);

    const q = queries(service);
    const shown = await q.get<{
      name: string;
      kind: string;
      category: string;
      tags: string[];
      source: string;
      profile: { address?: { city: string; country: string } };
    }>(`/customers/${pold!.id}`, last);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      name: 'Põld ja Partnerid OÜ',
      kind: 'company',
      category: 'top',
      source: 'messe 2026',
    });
    expect([...shown.body.tags].sort()).toEqual(['fair', 'wholesale']);
    expect(JSON.stringify(shown.body)).toContain('"name":"Peeter Põld"');
    expect(JSON.stringify(shown.body)).toContain('"role":"CEO"');
    expect(JSON.stringify(shown.body)).toContain('"city":"Tartu"');
    expect(JSON.stringify(shown.body)).toContain('"country":"EE"');

    // The same file again registers nobody twice: the same customers answer.
    const head = () => cli(service, 'verify').stdout;
    const before = head();
    const second = run('import-customers');
    expect(second.status).toBe(1);
    expect(second.report.outcomes.map((o) => o.id ?? o.status)).toEqual(
      first.report.outcomes.map((o) => o.id ?? o.status),
    );
    expect(head()).toBe(before);

    // A fair's visitors as leads: the fair is the source of the rows that name none.
    writeFileSync(
      file,
      [
        'Person name,Company name,E-mail,Source,Message',
        'Jaan Tamm,Tamm OÜ,jaan@tamm.example,,Wants a demo',
        'Eva Kuusk,,eva@kuusk.example,web,',
        'Kalle,,kalle@,,',
      ].join('\n'),
    );
    const fair = run('import-leads', '--source', 'Messe 2026');
    expect(fair.status).toBe(1);
    expect(fair.report).toMatchObject({ rows: 3, imported: 2, refused: 1 });
    expect(fair.report.outcomes[2]).toMatchObject({ row: 4, status: 400 });
    const leads = await q.get<{ items: { leadId: string; personName: string; source: string }[] }>(
      '/leads?limit=100',
      last,
    );
    const made = new Map(leads.body.items.map((l) => [l.leadId, [l.personName, l.source]]));
    expect(fair.report.outcomes.slice(0, 2).map((o) => made.get(o.id!))).toEqual([
      ['Jaan Tamm', 'Messe 2026'],
      ['Eva Kuusk', 'web'],
    ]);
    const fairAgain = run('import-leads', '--source', 'Messe 2026');
    expect(fairAgain.report.outcomes.map((o) => o.id ?? o.status)).toEqual(
      fair.report.outcomes.map((o) => o.id ?? o.status),
    );
    // Without --source, a row without one is refused by the API, not guessed.
    writeFileSync(file, 'personName\nNo Source\n');
    const sourceless = cli(service, 'import-leads', '--file', file);
    expect([sourceless.status, sourceless.stderr]).toEqual([
      2,
      expect.stringContaining('no "source" column'),
    ]);

    // A file it cannot read sends nothing: an unknown column is named.
    writeFileSync(file, 'name,colour\nAcme,red\n');
    const unknown = cli(service, 'import-customers', '--file', file);
    expect([unknown.status, unknown.stderr]).toEqual([
      2,
      expect.stringContaining('unknown column "colour"'),
    ]);
    rmSync(dir, { recursive: true });
  });

  it('verifies the whole store, then finds an edited event', () => {
    const whole = cli(service, 'verify');
    expect(whole.status).toBe(0);
    expect(JSON.parse(whole.stdout)).toMatchObject({
      ok: true,
      unchained: 0,
      firstBroken: null,
      passes: 1,
    });
    expect(whole.stderr).toContain('ETA');

    const db = new Database(service.eventStoreUrl.slice('sqlite:'.length));
    db.prepare(
      `UPDATE events SET data = json_set(data, '$.name', 'Someone else') WHERE stream_id = ? AND revision = 0`,
    ).run(`customer-${customerId}`);
    db.close();
    const broken = cli(service, 'verify', '--stream', `customer-${customerId}`);
    expect(broken.status).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject({
      ok: false,
      firstBroken: { streamId: `customer-${customerId}`, revision: 1 },
    });
    expect(cli(service, 'verify').status).toBe(1);
    // Holding two streams at a time, it reads the log in parts and finds the same link.
    const parted = cliWith({ ...cliEnv(service), VERIFY_MAX_STREAMS: '2' }, 'verify');
    expect(parted.status).toBe(1);
    const report = JSON.parse(parted.stdout) as { passes: number; firstBroken: unknown };
    expect(report.passes).toBeGreaterThan(1);
    expect(report.firstBroken).toMatchObject({
      streamId: `customer-${customerId}`,
      revision: 1,
    });
    expect(cliWith({ ...cliEnv(service), VERIFY_MAX_STREAMS: 'many' }, 'verify').status).toBe(2);
    // A backup of a log whose chain is broken fails, and leaves nothing to be taken for a backup.
    const out = join(service.dir, 'backup-of-broken');
    const backedUp = cli(service, 'backup', '--out', out);
    expect(backedUp.status).toBe(1);
    expect(backedUp.stderr).toContain('hash chain is broken');
    expect(existsSync(out)).toBe(false);
    expect(cli(service, 'nonsense').status).toBe(2);
  }, 30000);
});
