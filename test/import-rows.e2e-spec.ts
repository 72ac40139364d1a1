import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { importRows, readRows, rowKinds, UnreadableFile } from '../scripts/import-rows';

/** A command API that answers as told, recording what it was sent. */
const fakeApi = async (
  answer: (n: number) => { status: number; headers?: object; body: object },
) => {
  const seen: { path: string; key: string; body: unknown }[] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (d: Buffer) => (text += d.toString()));
    req.on('end', () => {
      seen.push({
        path: req.url ?? '',
        key: String(req.headers['idempotency-key']),
        body: JSON.parse(text) as unknown,
      });
      const a = answer(seen.length);
      res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
      res.end(JSON.stringify(a.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise((r) => server.close(r)) };
};

describe('importing rows of a spreadsheet', () => {
  it('given a rate limit, when the API answers 429, then the same request is sent again after Retry-After', async () => {
    const api = await fakeApi((n) =>
      n === 1
        ? {
            status: 429,
            headers: { 'retry-after': '1' },
            body: { type: 'urn:kroonika:problem:rate-limited' },
          }
        : { status: 201, body: { id: `id-${n}` } },
    );
    try {
      const report = await importRows(rowKinds.leads, 'personName,source\nJaan,fair\n', {
        commandApiUrl: api.url,
        token: 't',
        file: 'f.csv',
      });
      expect(report).toMatchObject({ rows: 1, imported: 1, refused: 0 });
      expect(report.outcomes).toEqual([{ row: 2, name: 'Jaan', id: 'id-2' }]);
      expect(api.seen).toHaveLength(2);
      expect(api.seen[1]).toEqual(api.seen[0]);
      expect(api.seen[0]).toMatchObject({
        path: '/leads',
        body: { personName: 'Jaan', source: 'fair' },
      });
    } finally {
      await api.close();
    }
  });

  it('given an API that stops answering, then the rows from there on are reported as not sent', async () => {
    const api = await fakeApi((n) => ({ status: 201, body: { id: `id-${n}` } }));
    const url = api.url;
    const report = await importRows(rowKinds.leads, 'personName,source\nJaan,fair\nEva,fair\n', {
      commandApiUrl: url,
      token: 't',
      file: 'f.csv',
    });
    expect(report.outcomes).toHaveLength(2);
    await api.close();
    const stopped = await importRows(rowKinds.leads, 'personName,source\nJaan,fair\nEva,fair\n', {
      commandApiUrl: url,
      token: 't',
      file: 'f.csv',
    });
    expect(stopped).toMatchObject({ rows: 2, imported: 0, refused: 0, outcomes: [] });
    expect(stopped.stopped?.row).toBe(2);
    expect(stopped.stopped?.error).toContain('fetch failed');
  });

  it('given a header, then columns are matched in any case and spelling, and defaults fill empty cells', () => {
    expect(
      readRows(
        'Person Name;COMPANY_NAME;e-mail;Source\n"Mari; Maasikas";;m@x.example;\n',
        rowKinds.leads,
        {
          source: 'fair',
        },
      ),
    ).toEqual([
      { number: 2, cells: { personName: 'Mari; Maasikas', email: 'm@x.example', source: 'fair' } },
    ]);
    // trailing separators, as spreadsheets save them, name no column
    expect(readRows('name;kind;;\nAcme;company;;\n', rowKinds.customers)).toEqual([
      { number: 2, cells: { name: 'Acme', kind: 'company' } },
    ]);
    expect(() => readRows('name;kind;\nAcme;company;x\n', rowKinds.customers)).toThrow(
      'row 2 has a value in a column whose header is empty',
    );
    expect(() => readRows('name,name\nA,B\n', rowKinds.customers)).toThrow(UnreadableFile);
    expect(() => readRows('name,kind\nA\n', rowKinds.customers)).toThrow(UnreadableFile);
    expect(() => readRows('', rowKinds.customers)).toThrow('empty');
    expect(() => readRows('email\nx@y.example\n', rowKinds.customers)).toThrow('no "name" column');
  });

  it('given empty lines and a cell over two lines, then rows are numbered as a spreadsheet shows them', async () => {
    const text = 'name,city\nKask OÜ,Tartu\n\n\n"Mänd\nAS",Pärnu\n\nPaju,"Võru"\n';
    expect(readRows(text, rowKinds.customers).map((r) => [r.number, r.cells['name']])).toEqual([
      [2, 'Kask OÜ'],
      [5, 'Mänd\nAS'],
      [7, 'Paju'],
    ]);
    expect(() => readRows('name;kind;\nA;company;\n\nB;company;x\n', rowKinds.customers)).toThrow(
      'row 4 has a value',
    );
    const api = await fakeApi((n) =>
      n === 2
        ? { status: 400, body: { type: 'urn:kroonika:problem:invalid-input', detail: 'no' } }
        : { status: 201, body: { id: `id-${n}` } },
    );
    try {
      const report = await importRows(rowKinds.customers, text, {
        commandApiUrl: api.url,
        token: 't',
        file: 'f.csv',
      });
      expect(report.outcomes.map((o) => [o.row, 'status' in o ? o.status : o.id])).toEqual([
        [2, 'id-1'],
        [5, 400],
        [7, 'id-3'],
      ]);
    } finally {
      await api.close();
    }
  });
});
