import { upcast, UnknownSchemaVersionError } from './upcasting';

describe('upcasting', () => {
  it('lifts a LeadCreated v1 payload to v2 on read', () => {
    const v1 = {
      leadId: 'l-1',
      name: 'Mari Maasikas',
      company: 'Maasikas OÜ',
      source: 'web',
      ownerId: 's-1',
      createdAt: '2026-01-02T10:00:00.000Z',
    };
    expect(upcast('LeadCreated', 1, v1)).toEqual({
      schemaVersion: 2,
      data: {
        leadId: 'l-1',
        personName: 'Mari Maasikas',
        companyName: 'Maasikas OÜ',
        source: 'web',
        ownerId: 's-1',
        createdAt: '2026-01-02T10:00:00.000Z',
      },
    });
  });

  it('leaves a current payload untouched', () => {
    const v2 = { leadId: 'l-1', personName: 'Jaan' };
    expect(upcast('LeadCreated', 2, v2)).toEqual({ schemaVersion: 2, data: v2 });
  });

  it('refuses a version no upcaster knows', () => {
    expect(() => upcast('LeadCreated', 1, {}, [])).toThrow(UnknownSchemaVersionError);
  });

  it('passes foreign event types through', () => {
    expect(upcast('$metadata', 1, { a: 1 })).toEqual({ schemaVersion: 1, data: { a: 1 } });
  });
});
