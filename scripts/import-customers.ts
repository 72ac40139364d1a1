import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';

/**
 * Customers from a spreadsheet, registered through the command API as any app would: each row
 * is RegisterCustomer, then CategorizeCustomer and TagCustomer when it has them. Every request
 * carries an Idempotency-Key derived from the row's content, so importing the same file again
 * (after a stop, or by mistake) registers no customer twice; a row the API refuses is reported
 * with its problem and the others go on.
 */

/** The columns a file may have (header row, any case and order); `name` is required. */
export const COLUMNS = [
  'kind',
  'name',
  'registryCode',
  'email',
  'phone',
  'street',
  'city',
  'county',
  'postalCode',
  'country',
  'preferredLanguage',
  'source',
  'ownerId',
  'category',
  'tags',
] as const;
type Column = (typeof COLUMNS)[number];
const ADDRESS: Column[] = ['street', 'city', 'county', 'postalCode', 'country'];

/** A file that cannot be imported as a whole: nothing was sent. */
export class UnreadableFile extends Error {}

export type RowOutcome =
  | { row: number; name: string; customerId: string }
  | { row: number; name: string; status: number; type: string; detail: string };

export type ImportReport = {
  rows: number;
  imported: number;
  refused: number;
  outcomes: RowOutcome[];
};

/** The rows of a CSV file (comma or semicolon separated, as spreadsheets write), by column. */
export const readRows = (text: string): Partial<Record<Column, string>>[] => {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0);
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      delimiter: delimiter ? ';' : ',',
      skip_empty_lines: true,
      trim: true,
      relax_column_count: false,
    });
  } catch (error) {
    throw new UnreadableFile(`not a CSV file this reads: ${(error as Error).message}`);
  }
  const [header, ...rows] = records;
  if (!header) throw new UnreadableFile('the file is empty: a header row names the columns');
  const byName = new Map(COLUMNS.map((c) => [c.toLowerCase(), c]));
  const columns = header.map((h) => byName.get(h.toLowerCase().replace(/[\s_-]/g, '')));
  const unknown = header.filter((_, i) => columns[i] === undefined);
  if (unknown.length > 0)
    throw new UnreadableFile(
      `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}; known: ${COLUMNS.join(', ')}`,
    );
  if (!columns.includes('name')) throw new UnreadableFile('the header row has no "name" column');
  if (new Set(columns).size !== columns.length)
    throw new UnreadableFile('a column is named twice in the header row');
  return rows.map((cells) =>
    Object.fromEntries(
      cells.flatMap((cell, i) => (cell === '' ? [] : [[columns[i]!, cell] as const])),
    ),
  );
};

/** The RegisterCustomer body of a row: empty cells left out; a company unless it says. */
const registration = (row: Partial<Record<Column, string>>) => {
  const address = Object.fromEntries(
    ADDRESS.flatMap((c) => (row[c] ? [[c, c === 'country' ? row[c].toUpperCase() : row[c]]] : [])),
  );
  return {
    kind: row.kind?.toLowerCase() ?? 'company',
    name: row.name ?? '',
    ...(row.registryCode ? { registryCode: row.registryCode } : {}),
    ...(row.email ? { email: row.email } : {}),
    ...(row.phone ? { phone: row.phone } : {}),
    ...(Object.keys(address).length > 0 ? { address } : {}),
    ...(row.preferredLanguage ? { preferredLanguage: row.preferredLanguage.toLowerCase() } : {}),
    ...(row.source ? { source: row.source } : {}),
    ...(row.ownerId ? { ownerId: row.ownerId } : {}),
  };
};

type Problem = { type?: string; detail?: string; title?: string };

/** Imports the rows one after another; `file` names the source in the category's reason. */
export const importCustomers = async (
  text: string,
  options: { commandApiUrl: string; token: string; file: string },
): Promise<ImportReport> => {
  const rows = readRows(text);
  const send = async (path: string, body: object, key: string) => {
    const res = await fetch(`${options.commandApiUrl}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.token}`,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Problem & { id?: string } };
  };
  const outcomes: RowOutcome[] = [];
  for (const [i, row] of rows.entries()) {
    // Row numbers as a spreadsheet shows them: the header is row 1.
    const at = { row: i + 2, name: row.name ?? '' };
    const register = registration(row);
    // The row's content names its requests: the same row again is the same customer.
    const key = `import-customers-${createHash('sha256')
      .update(JSON.stringify([register, row.category, row.tags]))
      .digest('hex')
      .slice(0, 40)}`;
    const steps: [string, object][] = [];
    const registered = await send('/customers', register, key);
    if (registered.status !== 201 || !registered.body.id) {
      outcomes.push(refusal(at, registered));
      continue;
    }
    const customerId = registered.body.id;
    if (row.category)
      steps.push([
        `/customers/${customerId}/category`,
        { category: row.category.toLowerCase(), reason: `Imported from ${options.file}` },
      ]);
    const tags = row.tags
      ?.split(/[;|]/)
      .map((t) => t.trim())
      .filter((t) => t !== '');
    if (tags?.length) steps.push([`/customers/${customerId}/tags`, { add: tags }]);
    let refused: RowOutcome | undefined;
    for (const [n, [path, body]] of steps.entries()) {
      const done = await send(path, body, `${key}-${n + 1}`);
      if (done.status >= 300) {
        refused = refusal(at, done, `registered as ${customerId}, but `);
        break;
      }
    }
    outcomes.push(refused ?? { ...at, customerId });
  }
  const refused = outcomes.filter((o) => 'status' in o).length;
  return { rows: rows.length, imported: rows.length - refused, refused, outcomes };
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
