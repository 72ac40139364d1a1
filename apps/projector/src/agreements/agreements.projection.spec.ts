import { ERASED, type Event } from '#events';
import { collections, HOLDS_ON } from '#read-models';
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
        holdsThrough: '2026-06-29',
      }),
    ]);
  });
  it('given the last day it holds, then without one after every day; renewed, its new last day', async () => {
    const renewed = (validUntil: string | null): Event => ({
      type: 'AgreementRenewed',
      data: {
        agreementId: 'a1',
        customerId: 'c1',
        previousValidUntil: null,
        validUntil,
        renewedAt: at,
      },
    });
    const holds = async (events: Event[]) =>
      (await projectAll(agreementsProjection, storedEvents(events), collections.agreements))
        .once[0]?.['holdsThrough'];
    expect(await holds([recorded])).toBe('2027-02-28');
    expect(await holds([recorded, renewed(null)])).toBe(HOLDS_ON);
    expect(await holds([recorded, renewed(null), renewed('2029-12-31')])).toBe('2029-12-31');
    // Terminated from a day after its last day (recorded before that was refused): its last day.
    const late: Event = {
      type: 'AgreementTerminated',
      data: {
        agreementId: 'a1',
        customerId: 'c1',
        endsOn: '2027-06-30',
        reason: 'x',
        terminatedAt: at,
      },
    };
    expect(await holds([recorded, late])).toBe('2027-02-28');
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
