import { createHash } from 'node:crypto';
import { type Info, parse } from 'csv-parse/sync';

/**
 * Customers or leads from a spreadsheet, sent to the command API as any app would send them:
 * each row is one command (RegisterCustomer, CreateLead), then the commands that complete it
 * (a customer's category and tags). Every request carries an Idempotency-Key derived from the
 * row's content, so importing the same file again (after a stop, or by mistake) makes nothing
 * twice; a row the API refuses is reported with its problem and the others go on.
 */

type Cells = Record<string, string>;
type Request = [path: string, body: object];

/** What one kind of row becomes. */
export type RowKind = {
  /** The columns a file may have (header row, any case and order). */
  columns: readonly string[];
  required: readonly string[];
  /** The command that makes the row's record. */
  first: (row: Cells) => Request;
  /** The commands that complete it, once it has an id. */
  then: (row: Cells, id: string, file: string) => Request[];
};

const ADDRESS = ['street', 'city', 'county', 'postalCode', 'country'];
/** A company's contact person on the customer's row: its columns and AddContactPerson's fields. */
const CONTACT = {
  contactName: 'name',
  contactRole: 'role',
  contactEmail: 'email',
  contactPhone: 'phone',
} as const;

/** The row's non-empty cells of `fields`. */
const present = (row: Cells, fields: readonly string[]): Cells =>
  Object.fromEntries(fields.flatMap((f) => (row[f] ? [[f, row[f]]] : [])));

const customers: RowKind = {
  columns: [
    'kind',
    'name',
    'registryCode',
    'email',
    'phone',
    ...ADDRESS,
    'preferredLanguage',
    'source',
    'ownerId',
    'category',
    'tags',
    ...Object.keys(CONTACT),
  ],
  required: ['name'],
  first: (row) => {
    const address = present(row, ADDRESS);
    if (address['country']) address['country'] = address['country'].toUpperCase();
    return [
      '/customers',
      {
        kind: row['kind']?.toLowerCase() ?? 'company',
        ...present(row, ['name', 'registryCode', 'email', 'phone', 'source', 'ownerId']),
        ...(Object.keys(address).length > 0 ? { address } : {}),
        ...(row['preferredLanguage']
          ? { preferredLanguage: row['preferredLanguage'].toLowerCase() }
          : {}),
      },
    ];
  },
  then: (row, id, file) => {
    const tags = (row['tags'] ?? '')
      .split(/[;|]/)
      .map((t) => t.trim())
      .filter((t) => t !== '');
    const category: Request[] = row['category']
      ? [
          [
            `/customers/${id}/category`,
            { category: row['category'].toLowerCase(), reason: `Imported from ${file}` },
          ],
        ]
      : [];
    const person: Request[] = row['contactName']
      ? [
          [
            `/customers/${id}/contacts`,
            Object.fromEntries(
              Object.entries(CONTACT).flatMap(([column, field]) =>
                row[column] ? [[field, row[column]]] : [],
              ),
            ),
          ],
        ]
      : [];
    return [
      ...category,
      ...(tags.length > 0 ? [[`/customers/${id}/tags`, { add: tags }] as Request] : []),
      ...person,
    ];
  },
};

const leads: RowKind = {
  columns: ['personName', 'companyName', 'email', 'phone', 'source', 'ownerId', 'message'],
  required: ['personName', 'source'],
  first: (row) => [
    '/leads',
    present(row, ['personName', 'companyName', 'email', 'phone', 'source', 'ownerId', 'message']),
  ],
  then: () => [],
};

export const rowKinds = { customers, leads } as const;

/** A file that cannot be imported as a whole: nothing was sent. */
export class UnreadableFile extends Error {}

export type RowOutcome =
  | { row: number; name: string; id: string }
  | { row: number; name: string; status: number; type: string; detail: string };

export type ImportReport = {
  rows: number;
  imported: number;
  refused: number;
  outcomes: RowOutcome[];
  /** The command API could not be reached at this row: the rows from it on were not sent. */
  stopped?: { row: number; error: string };
};

/** A row of the file: its number as a spreadsheet shows it (the header is row 1), its cells. */
export type Row = { number: number; cells: Cells };

/**
 * The rows of a CSV file (comma or semicolon separated, as spreadsheets write), by column;
 * `defaults` fill the cells a row leaves empty (a fair's name as every lead's source). Empty
 * lines are no rows to import, but a spreadsheet shows them, so they count in the numbers; a
 * quoted cell's line breaks do not.
 */
export const readRows = (text: string, kind: RowKind, defaults: Cells = {}): Row[] => {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const semicolons = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0);
  let records: { record: string[]; info: Info }[];
  try {
    // With `info`, each record comes with where it stood; the typings know only the records.
    records = parse(text, {
      bom: true,
      delimiter: semicolons ? ';' : ',',
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as { record: string[]; info: Info }[];
  } catch (error) {
    throw new UnreadableFile(`not a CSV file this reads: ${(error as Error).message}`);
  }
  const [first, ...rest] = records;
  const header = first?.record;
  if (!header) throw new UnreadableFile('the file is empty: a header row names the columns');
  const rows = rest.map(({ record, info }) => ({
    number: info.records + info.empty_lines,
    cells: record,
  }));
  const byName = new Map(kind.columns.map((c) => [c.toLowerCase(), c]));
  const columns = header.map((h) => byName.get(h.toLowerCase().replace(/[\s_-]/g, '')));
  // A header cell left empty (spreadsheets save trailing separators) names no column.
  const unknown = header.filter((h, i) => h !== '' && columns[i] === undefined);
  if (unknown.length > 0)
    throw new UnreadableFile(
      `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}; known: ${kind.columns.join(', ')}`,
    );
  const named = columns.filter((c) => c !== undefined);
  if (new Set(named).size !== named.length)
    throw new UnreadableFile('a column is named twice in the header row');
  const missing = kind.required.filter((c) => !columns.includes(c) && !defaults[c]);
  if (missing.length > 0)
    throw new UnreadableFile(
      `the header row has no ${missing.map((m) => `"${m}"`).join(', ')} column`,
    );
  const stray = rows.find(({ cells }) => cells.some((cell, i) => cell !== '' && !columns[i]));
  if (stray)
    throw new UnreadableFile(`row ${stray.number} has a value in a column whose header is empty`);
  return rows.map(({ number, cells }) => ({
    number,
    cells: {
      ...defaults,
      ...Object.fromEntries(
        cells.flatMap((cell, i) => (cell === '' || !columns[i] ? [] : [[columns[i], cell]])),
      ),
    },
  }));
};

type Problem = { type?: string; detail?: string; title?: string };

/** Imports the rows one after another; `file` names the source in what the rows record. */
export const importRows = async (
  kind: RowKind,
  text: string,
  options: { commandApiUrl: string; token: string; file: string; defaults?: Cells },
): Promise<ImportReport> => {
  const rows = readRows(text, kind, options.defaults);
  const send = async ([path, body]: Request, key: string) => {
    for (;;) {
      const res = await fetch(`${options.commandApiUrl}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${options.token}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify(body),
      });
      const answer = (await res.json()) as Problem & { id?: string };
      // The member's rate limit: the same request again (its key makes that safe) when it says.
      if (res.status !== 429) return { status: res.status, body: answer };
      const after = Number(res.headers.get('retry-after'));
      await new Promise((r) =>
        setTimeout(r, Math.min(Number.isFinite(after) && after > 0 ? after : 1, 60) * 1000),
      );
    }
  };
  const outcomes: RowOutcome[] = [];
  let stopped: ImportReport['stopped'];
  for (const row of rows) {
    try {
      outcomes.push(await importRow(kind, row, send, options.file));
    } catch (error) {
      // Not an answer but no answer (the API stopped, the network failed): the rows from here
      // on wait for the same file to be imported again, which repeats nothing done.
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      stopped = {
        row: row.number,
        error: `${(error as Error).message}${cause ? ` (${cause})` : ''}`,
      };
      break;
    }
  }
  const refused = outcomes.filter((o) => 'status' in o).length;
  return {
    rows: rows.length,
    imported: outcomes.length - refused,
    refused,
    outcomes,
    ...(stopped ? { stopped } : {}),
  };
};

type Send = (
  request: Request,
  key: string,
) => Promise<{ status: number; body: Problem & { id?: string } }>;

/** One row: its first command, then those that complete it. */
const importRow = async (
  kind: RowKind,
  { number, cells: row }: Row,
  send: Send,
  file: string,
): Promise<RowOutcome> => {
  const at = { row: number, name: row[kind.required[0]!] ?? '' };
  const first = kind.first(row);
  // The row's content names its requests: the same row again is the same record.
  const key = `import-${createHash('sha256')
    .update(`${first[0]}\n${JSON.stringify(row)}`)
    .digest('hex')
    .slice(0, 40)}`;
  const made = await send(first, key);
  if (made.status !== 201 || !made.body.id) return refusal(at, made);
  const id = made.body.id;
  for (const [n, next] of kind.then(row, id, file).entries()) {
    const done = await send(next, `${key}-${n + 1}`);
    if (done.status >= 300) return refusal(at, done, `saved as ${id}, but `);
  }
  return { ...at, id };
};

const refusal = (
  at: { row: number; name: string },
  answer: { status: number; body: Problem },
  before = '',
): RowOutcome => ({
  ...at,
  status: answer.status,
  type: answer.body.type ?? 'about:blank',
  detail: `${before}${answer.body.detail ?? answer.body.title ?? `the command API answered ${answer.status}`}`,
});
