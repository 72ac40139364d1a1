import { type Event } from '#events';
import { collections, phoneTerms, words } from '#read-models';
import { projectAll, storedEvents } from '../projection-testing';
import { searchProjection } from './search.projection';

const events: Event[] = [
  {
    type: 'CustomerRegistered',
    data: {
      customerId: 'c1',
      kind: 'company',
      name: 'Õismäe Kaubandus OÜ',
      email: 'info@oismae.ee',
      ownerId: 's1',
      registeredAt: '2026-03-01T09:00:00.000Z',
    },
  },
  {
    type: 'CustomerProfileUpdated',
    data: {
      customerId: 'c1',
      changes: { name: 'Mustamäe Kaubandus OÜ' },
      updatedAt: '2026-03-02T09:00:00.000Z',
    },
  },
];

describe('search projection', () => {
  it('normalises words: case, diacritics, e-mail parts', () => {
    expect(words('Õismäe Kaubandus OÜ')).toEqual(['oismae', 'kaubandus', 'ou']);
    expect(words('Info@Oismae.ee')).toEqual([
      'info@oismae.ee',
      'oismae.ee',
      'info',
      'oismae',
      'ee',
    ]);
  });

  it('indexes a phone number by every run of its digits from a position on', () => {
    expect(phoneTerms('+372 5551 2345')).toEqual([
      '37255512345',
      '7255512345',
      '255512345',
      '55512345',
      '5512345',
      '512345',
      '12345',
      '2345',
    ]);
  });

  it('finds a lead until it becomes a customer; an erased lead leaves no word', async () => {
    const lead = (id: string): Event => ({
      type: 'LeadCreated',
      data: {
        leadId: id,
        personName: 'Mari Maasikas',
        companyName: 'Maasikas OÜ',
        email: 'mari@maasikas.ee',
        phone: '+372 5551 2345',
        source: 'fair',
        ownerId: 's1',
        createdAt: '2026-03-01T09:00:00.000Z',
      },
    });
    const stored = storedEvents([
      lead('l1'),
      lead('l2'),
      {
        type: 'LeadConverted',
        data: {
          leadId: 'l1',
          customerId: 'c9',
          dealId: 'd9',
          pipelineId: 'p1',
          convertedAt: '2026-03-02T09:00:00.000Z',
        },
      },
      {
        type: 'LeadPersonalDataErased',
        data: { leadId: 'l2', reason: 'asked', erasedAt: '2026-03-03T09:00:00.000Z' },
      },
    ]);
    const before = await projectAll(
      searchProjection,
      stored.slice(0, 2),
      collections.searchEntities,
    );
    expect(before.once).toEqual([
      expect.objectContaining({ _id: 'lead:l1', kind: 'lead', leadId: 'l1', hidden: false }),
      expect.objectContaining({ _id: 'lead:l2', kind: 'lead', leadId: 'l2', hidden: false }),
    ]);
    const terms = await projectAll(searchProjection, stored.slice(0, 2), collections.searchTerms);
    expect(terms.once.map((t) => t['term'])).toEqual(
      expect.arrayContaining(['maasikas', 'maasikas.ee', '55512345']),
    );
    const after = await projectAll(searchProjection, stored, collections.searchEntities);
    expect(after.once).toEqual([
      expect.objectContaining({ _id: 'lead:l1', hidden: true, customerId: 'c9' }),
      expect.objectContaining({ _id: 'lead:l2', name: '[erased]' }),
    ]);
    const left = await projectAll(searchProjection, stored, collections.searchTerms);
    expect(new Set(left.once.map((t) => t['customerId']))).toEqual(new Set(['c9']));
  });

  it('versions each field, so a renamed customer’s old words go stale; replay-safe', async () => {
    const stored = storedEvents(events);
    const entities = await projectAll(searchProjection, stored, collections.searchEntities);
    expect(entities.once).toEqual([
      expect.objectContaining({
        _id: 'customer:c1',
        name: 'Mustamäe Kaubandus OÜ',
        versions: { name: 2, registry: 1, emails: 1, phones: 1 },
      }),
    ]);
    const terms = await projectAll(searchProjection, stored, collections.searchTerms);
    const nameTerms = (version: number) =>
      terms.once
        .filter((t) => t['field'] === 'name' && t['version'] === version)
        .map((t) => t['term'] as string)
        .sort();
    expect(nameTerms(2)).toEqual(['kaubandus', 'mustamae', 'ou']);
    expect(nameTerms(1)).toEqual(['oismae']);
  });
});
