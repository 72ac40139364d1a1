import { type StoredEvent } from '#event-store';
import { auditEntry, csvColumns, csvLine } from './customer-history';

const stored = (data: Record<string, unknown>, actorId?: string): StoredEvent =>
  ({
    position: 7,
    streamId: 'customer-c1',
    revision: 2,
    type: 'CustomerRenamed',
    data,
    metadata: {
      eventId: 'e1',
      occurredAt: '2026-12-06T08:00:00.000Z',
      schemaVersion: 1,
      ...(actorId ? { actorId } : {}),
    },
  }) as unknown as StoredEvent;

describe('a customer history line as CSV', () => {
  it('holds one cell per column, the payload as JSON quoted, an absent value empty', () => {
    const line = csvLine(auditEntry(stored({ name: 'Kalle "Kala", OÜ' })));
    const cells = line.split(',');
    expect(cells.slice(0, 7)).toEqual([
      '7',
      '2026-12-06T08:00:00.000Z',
      'customer-c1',
      '2',
      'CustomerRenamed',
      '1',
      '',
    ]);
    expect(line.endsWith('"{""name"":""Kalle \\""Kala\\"", OÜ""}"')).toBe(true);
    expect(line).not.toContain('\n');
  });

  it('keeps a value a spreadsheet would run as a formula as text, and the payload on one line', () => {
    const line = csvLine(auditEntry(stored({ note: 'two\nlines' }, '=HYPERLINK("x")')));
    expect(line).toContain(`,"'=HYPERLINK(""x"")",`);
    expect(line).toContain('"{""note"":""two\\nlines""}"');
    expect(csvColumns).toHaveLength(14);
  });
});
