import { type Event } from '#events';
import { collections, words } from '#read-models';
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
    expect(words('Info@Oismae.ee')).toEqual(['info@oismae.ee', 'info', 'oismae', 'ee']);
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
    expect(entities.twice).toEqual(entities.once);
    const terms = await projectAll(searchProjection, stored, collections.searchTerms);
    const nameTerms = (version: number) =>
      terms.once
        .filter((t) => t['field'] === 'name' && t['version'] === version)
        .map((t) => t['term'] as string)
        .sort();
    expect(nameTerms(2)).toEqual(['kaubandus', 'mustamae', 'ou']);
    expect(nameTerms(1)).toEqual(['oismae']);
    expect(terms.twice).toEqual(terms.once);
  });
});
