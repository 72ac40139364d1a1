import { type AgreementEvent } from '#events';
import { specFor } from '../testing';
import { agreementDecider, type RecordAgreement } from './agreement.decider';

const now = '2026-03-01T09:00:00.000Z';
const given = specFor(agreementDecider);
const record: RecordAgreement = {
  type: 'RecordAgreement',
  agreementId: 'a1',
  customerId: 'c1',
  title: 'Hooldusleping',
  terms: 'Kaks hooldust aastas, reageerimine 24 tunni jooksul',
  staffId: 's1',
  contactIds: ['k1'],
  agreedOn: '2026-03-01',
  validUntil: '2027-02-28',
  dealId: 'd1',
  documentIds: ['doc1'],
  today: '2026-03-01',
  now,
};
const { type: _type, today: _today, now: _now, ...data } = record;
const recorded: AgreementEvent = { type: 'AgreementRecorded', data: { ...data, recordedAt: now } };

describe('agreements', () => {
  it('given nothing, when an agreement is recorded, then it is, with what was agreed and its end day', () => {
    given([]).when(record).then([recorded]);
    given([recorded]).when(record).thenRejectedWith('agreement-exists');
    given([])
      .when({ ...record, terms: ' ' })
      .thenRejectedWith('agreement-terms-required');
    given([])
      .when({ ...record, validUntil: '2026-02-01' })
      .thenRejectedWith('valid-before-agreed');
  });
  it('given today, when an agreement made on a day still to come is recorded, then it is refused', () => {
    given([])
      .when({ ...record, agreedOn: '2026-03-02' })
      .thenRejectedWith('agreed-in-future');
    given([])
      .when({ ...record, agreedOn: '2025-11-15' })
      .then([{ ...recorded, data: { ...recorded.data, agreedOn: '2025-11-15' } }]);
  });
  it('given an agreement, when renewed to a later day (or without end), then renewed; never shortened', () => {
    const renew = (validUntil: string | null) => ({
      type: 'RenewAgreement' as const,
      agreementId: 'a1',
      validUntil,
      now,
    });
    given([recorded])
      .when(renew('2028-02-29'))
      .then([
        {
          type: 'AgreementRenewed',
          data: {
            agreementId: 'a1',
            customerId: 'c1',
            previousValidUntil: '2027-02-28',
            validUntil: '2028-02-29',
            renewedAt: now,
          },
        },
      ]);
    given([recorded]).when(renew('2027-02-28')).thenNothingHappened();
    given([recorded]).when(renew('2026-12-31')).thenRejectedWith('renewal-shortens');
    given([recorded])
      .when(renew(null))
      .then([
        {
          type: 'AgreementRenewed',
          data: {
            agreementId: 'a1',
            customerId: 'c1',
            previousValidUntil: '2027-02-28',
            validUntil: null,
            renewedAt: now,
          },
        },
      ]);
  });
  it('given an agreement, when terminated with a reason, then it ends; a terminated one is not renewed', () => {
    const terminate = {
      type: 'TerminateAgreement' as const,
      agreementId: 'a1',
      endsOn: '2026-06-30',
      reason: 'Klient loobus',
      now,
    };
    const terminated: AgreementEvent = {
      type: 'AgreementTerminated',
      data: {
        agreementId: 'a1',
        customerId: 'c1',
        endsOn: '2026-06-30',
        reason: 'Klient loobus',
        terminatedAt: now,
      },
    };
    given([recorded]).when(terminate).then([terminated]);
    given([recorded, terminated]).when(terminate).thenRejectedWith('agreement-terminated');
    given([recorded, terminated])
      .when({ type: 'RenewAgreement', agreementId: 'a1', validUntil: '2030-01-01', now })
      .thenRejectedWith('agreement-terminated');
    given([recorded])
      .when({ ...terminate, endsOn: '2025-12-31' })
      .thenRejectedWith('ends-before-agreed');
    // Its last day ends it anyway: notice ends it on that day at the latest.
    given([recorded])
      .when({ ...terminate, endsOn: '2027-03-01' })
      .thenRejectedWith('ends-after-last-day');
    given([recorded])
      .when({ ...terminate, endsOn: '2027-02-28' })
      .then([{ ...terminated, data: { ...terminated.data, endsOn: '2027-02-28' } }]);
    given([]).when(terminate).thenRejectedWith('agreement-not-found');
  });
});
