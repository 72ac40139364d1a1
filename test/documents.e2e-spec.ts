import { SqliteEventStore } from '#event-store';
import {
  commands,
  http,
  type Ids,
  queries,
  type Service,
  startService,
  upload,
} from './support/service';

type Problem = { type: string; detail?: string; errors?: { field: string }[] };

const pdf = new TextEncoder().encode(
  `%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n${'x'.repeat(500)}\n%%EOF\n`,
);
const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);

describe('documents over HTTP: multipart upload, checked bytes, streamed download, removal', () => {
  let service: Service;
  let store: SqliteEventStore;
  beforeAll(async () => {
    service = await startService({ env: { DOCUMENT_MAX_BYTES: '2048' } });
    store = new SqliteEventStore(service.eventStoreUrl.slice('sqlite:'.length));
  }, 60000);
  afterAll(async () => {
    await store.close();
    await service.stop();
  });

  it('keeps a document by its hash, serves it back and hides it when removed', async () => {
    const c = commands(service);
    const q = queries(service);
    const customer = await c.post<Ids>('/customers', { kind: 'company', name: 'Dokument AS' });
    const pipeline = await c.post<Ids>('/pipelines', { name: 'P', stages: [{ name: 'A' }] });
    const deal = await c.post<Ids>('/deals', {
      customerId: customer.body.id,
      pipelineId: pipeline.body.id,
      title: 'D',
      value: { amount: 1, currency: 'EUR' },
    });
    const url = `${service.url['command-api']}/documents`;
    const token = service.admin.token;
    const attached = await upload<Ids>(
      url,
      token,
      { linkKind: 'deal', linkId: deal.body.id, size: String(pdf.length) },
      { name: 'Pakkumine "2026" – õ.pdf', type: 'application/pdf', bytes: pdf },
    );
    expect(attached.status).toBe(201);
    const id = attached.body.id;
    const meta = await q.get(`/documents/${id}`, attached.body.position);
    expect(meta.body).toMatchObject({
      documentId: id,
      customerId: customer.body.id,
      link: { kind: 'deal', id: deal.body.id },
      name: 'Pakkumine "2026" – õ.pdf',
      mediaType: 'application/pdf',
      size: pdf.length,
    });
    const res = await fetch(`${service.url['query-api']}/documents/${id}/content`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-length')).toBe(String(pdf.length));
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('Pakkumine "2026" – õ.pdf')}`,
    );
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(pdf);
    const listed = await q.get<{ items: { documentId: string }[] }>(
      `/documents?customerId=${customer.body.id}`,
    );
    expect(listed.body.items.map((d) => d.documentId)).toEqual([id]);

    const removed = await c.post<Ids>(`/documents/${id}/remove`, { reason: 'superseded' });
    expect(removed.status).toBe(200);
    expect((await q.get(`/documents/${id}/content`, removed.body.position)).status).toBe(404);
    expect(
      (await q.get<{ items: unknown[] }>(`/documents?customerId=${customer.body.id}`)).body.items,
    ).toEqual([]);
    const timeline = await q.get<{ items: { summary: string }[] }>(
      `/customers/${customer.body.id}/timeline?type=DocumentAttached,DocumentRemoved`,
    );
    expect(timeline.body.items.map((e) => e.summary)).toEqual([
      'Document removed: Pakkumine "2026" – õ.pdf (superseded)',
      `Document attached to the deal: Pakkumine "2026" – õ.pdf (application/pdf, ${pdf.length} bytes)`,
    ]);
  });

  it('refuses bytes of another type or size, too large, or not multipart — appending nothing', async () => {
    const customer = await commands(service).post<Ids>('/customers', {
      kind: 'person',
      name: 'Mari',
    });
    const url = `${service.url['command-api']}/documents`;
    const token = service.admin.token;
    const link = { linkKind: 'customer', linkId: customer.body.id };
    const before = await store.headPosition();
    const disguised = await upload<Problem>(url, token, link, {
      name: 'invoice.pdf',
      type: 'application/pdf',
      bytes: exe,
    });
    expect([disguised.status, disguised.body.type]).toEqual([
      409,
      'urn:kroonika:problem:document-type-mismatch',
    ]);
    const wrongSize = await upload<Problem>(
      url,
      token,
      { ...link, size: '10' },
      {
        name: 'a.pdf',
        type: 'application/pdf',
        bytes: pdf,
      },
    );
    expect([wrongSize.status, wrongSize.body.type]).toEqual([
      409,
      'urn:kroonika:problem:document-size-mismatch',
    ]);
    const huge = await upload<Problem>(url, token, link, {
      name: 'big.pdf',
      type: 'application/pdf',
      bytes: new Uint8Array(4096).fill(0x25),
    });
    expect(huge.status).toBe(413);
    const program = await upload<Problem>(url, token, link, {
      name: 'setup.exe',
      type: 'application/x-msdownload',
      bytes: exe,
    });
    expect(program.body.type).toBe('urn:kroonika:problem:unsupported-media-type');
    const badFields = await upload<Problem>(
      url,
      token,
      { linkKind: 'planet', linkId: 'x' },
      {
        name: 'a.txt',
        type: 'text/plain',
        bytes: new TextEncoder().encode('hi'),
      },
    );
    expect(badFields.status).toBe(400);
    expect(badFields.body.errors?.map((e) => e.field).sort()).toEqual(['linkId', 'linkKind']);
    const json = await http(
      'POST',
      url,
      { linkKind: 'customer' },
      { authorization: `Bearer ${token}` },
    );
    expect(json.status).toBe(415);
    const auth = { authorization: `Bearer ${token}` };
    const noBoundary = await http<Problem>('POST', url, '', {
      ...auth,
      'content-type': 'multipart/form-data',
    });
    expect([noBoundary.status, noBoundary.body.type]).toEqual([
      400,
      'urn:kroonika:problem:malformed-multipart',
    ]);
    const cutShort = await http<Problem>(
      'POST',
      url,
      '--b\r\ncontent-disposition: form-data; name="linkKind"\r\n\r\ncustomer',
      { ...auth, 'content-type': 'multipart/form-data; boundary=b' },
    );
    expect([cutShort.status, cutShort.body.type]).toEqual([
      400,
      'urn:kroonika:problem:malformed-multipart',
    ]);
    const part = (name: string, value: string) =>
      `--b\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const crowded = await http<Problem>(
      'POST',
      url,
      Array.from({ length: 11 }, (_, i) => part(`f${i}`, 'v')).join('') + '--b--\r\n',
      { ...auth, 'content-type': 'multipart/form-data; boundary=b' },
    );
    expect([crowded.status, crowded.body.detail]).toEqual([
      413,
      'The form has more than 10 fields',
    ]);
    expect(await store.headPosition()).toBe(before);
  });
});

describe('document contents no document refers to', () => {
  let service: Service;
  beforeAll(async () => {
    service = await startService({
      env: { BLOB_SWEEP_INTERVAL_MS: '100', BLOB_SWEEP_GRACE_MS: '1000' },
    });
  }, 60000);
  afterAll(async () => {
    await service.stop();
  });

  it('are swept away after a refused upload; contents of documents stay', async () => {
    const { readdirSync, existsSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { createHash } = await import('node:crypto');
    const blobs = join(service.dir, 'data', 'blobs');
    const stored = (bytes: Uint8Array) => {
      const sha = createHash('sha256').update(bytes).digest('hex');
      return existsSync(join(blobs, sha.slice(0, 2), sha));
    };
    const customer = await commands(service).post<Ids>('/customers', {
      kind: 'person',
      name: 'Sweep',
    });
    const url = `${service.url['command-api']}/documents`;
    const link = { linkKind: 'customer', linkId: customer.body.id };
    const kept = await upload<Ids>(url, service.admin.token, link, {
      name: 'kept.pdf',
      type: 'application/pdf',
      bytes: pdf,
    });
    expect(kept.status).toBe(201);
    const refused = await upload(url, service.admin.token, link, {
      name: 'invoice.pdf',
      type: 'application/pdf',
      bytes: exe,
    });
    expect(refused.status).toBe(409);
    const deadline = Date.now() + 15_000;
    while (stored(exe) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(stored(exe)).toBe(false);
    expect(stored(pdf)).toBe(true);
    expect(readdirSync(blobs).length).toBeGreaterThan(0);
  });
});
