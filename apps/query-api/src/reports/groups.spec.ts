import { type CustomerDoc } from '#read-models';
import { ageBand } from '#read-models';
import { groupFields, groupings, groupOf } from './groups';

const customer = (fields: Partial<CustomerDoc>) =>
  ({ _id: 'c', kind: 'person', name: 'X', ownerId: 's', ...fields }) as unknown as CustomerDoc;

describe('report groups', () => {
  it('counts age in whole years on the day, in bands', () => {
    expect(ageBand('2000-06-15', '2025-06-14')).toBe('under 25');
    expect(ageBand('2000-06-15', '2025-06-15')).toBe('25–34');
    expect(ageBand('1960-01-01', '2026-01-01')).toBe('65 and over');
  });
  it('takes the county of the first address, the home city before the address city, unknown when not said', () => {
    const c = customer({
      addresses: [{ city: 'Tartu', county: 'Tartumaa' }],
      demographic: { homeCity: 'Elva', familyStatus: 'married' },
    });
    expect(groupOf(c, 'county', '2026-01-01')).toBe('Tartumaa');
    expect(groupOf(c, 'city', '2026-01-01')).toBe('Elva');
    expect(groupOf(c, 'familyStatus', '2026-01-01')).toBe('married');
    expect(groupOf(c, 'ageBand', '2026-01-01')).toBe('unknown');
    expect(groupOf(customer({ address: { city: 'Pärnu' } }), 'city', '2026-01-01')).toBe('Pärnu');
    expect(groupOf(customer({}), 'county', '2026-01-01')).toBe('unknown');
  });
  it('groups a customer read with only the fields the report reads as the whole document', () => {
    const customers = [
      customer({
        addresses: [{ city: 'Tartu', county: 'Tartumaa' }],
        demographic: { homeCity: 'Elva', familyStatus: 'married', birthDate: '1980-02-29' },
      }),
      customer({ address: { city: 'Pärnu', county: 'Pärnumaa' }, status: 'archived' }),
      customer({ demographic: { birthDate: '2001-12-31' } }),
    ];
    for (const c of customers) {
      const read = Object.fromEntries(
        Object.entries(c).filter(([field]) => field === '_id' || groupFields.includes(field)),
      ) as CustomerDoc;
      expect(read.status).toBe(c.status);
      for (const by of groupings)
        expect(groupOf(read, by, '2026-02-28')).toBe(groupOf(c, by, '2026-02-28'));
    }
  });
});
