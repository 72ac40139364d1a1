import { ERASED, type Event } from '#events';
import { collections } from '#read-models';
import { projectAll, storedEvents } from '../projection-testing';
import { agreementsProjection } from './agreements.projection';

const at = '2026-03-01T09:00:00.000Z';
const recorded: Event = {
  type: 'AgreementRecorded',
  data: {
    agreementId: 'a1',
    customerId: 'c1',
    title: 'Hooldusleping',
    terms: 'Kaks hooldust aastas',
    staffId: 's1',
    contactIds: ['k1'],
    agreedOn: '2026-03-01',
    validUntil: '2027-02-28',
    documentIds: ['d1'],
    recordedAt: at,
  },
};

describe('agreements projection', () => {
  it('given an agreement renewed and terminated, then its end day and how it ended, replay-safe', async () => {
    const { once } = await projectAll(
      agreementsProjection,
      storedEvents([
        recorded,
        {
          type: 'AgreementRenewed',
          data: {
            agreementId: 'a1',
            customerId: 'c1',
            previousValidUntil: '2027-02-28',
            validUntil: '2028-02-29',
            renewedAt: at,
          },
        },
        {
          type: 'AgreementTerminated',
          data: {
            agreementId: 'a1',
            customerId: 'c1',
            endsOn: '2026-06-30',
            reason: 'Klient loobus',
            terminatedAt: at,
          },
        },
      ]),
      collections.agreements,
    );
    expect(once).toEqual([
      expect.objectContaining({
        _id: 'a1',
        title: 'Hooldusleping',
        validUntil: '2028-02-29',
        dealId: null,
        status: 'terminated',
        endsOn: '2026-06-30',
        terminationReason: 'Klient loobus',
      }),
    ]);
  });
  it("given the customer's personal data erased, then what was agreed reads as erased", async () => {
    const { once } = await projectAll(
      agreementsProjection,
      storedEvents([
        recorded,
        {
          type: 'CustomerPersonalDataErased',
          data: { customerId: 'c1', leadIds: [], reason: 'request', erasedAt: at },
        },
      ]),
      collections.agreements,
    );
    expect(once).toEqual([expect.objectContaining({ title: ERASED, terms: ERASED })]);
  });
});
