import { type BusinessDay, type Event } from '../envelope';

/**
 * An agreement made with a customer: what was agreed, by whom on both sides, when, until when
 * it holds (none: until terminated), and what it rests on (the deal, signed documents).
 */
export type AgreementRecorded = Event<
  'AgreementRecorded',
  {
    agreementId: string;
    customerId: string;
    title: string;
    terms: string;
    /** The member who made it, and the customer's contact persons who agreed. */
    staffId: string;
    contactIds: string[];
    agreedOn: BusinessDay;
    validUntil?: BusinessDay;
    dealId?: string;
    documentIds: string[];
    recordedAt: string;
  }
>;
/** The agreement holds longer: a new end day (or none). */
export type AgreementRenewed = Event<
  'AgreementRenewed',
  {
    agreementId: string;
    customerId: string;
    previousValidUntil: BusinessDay | null;
    validUntil: BusinessDay | null;
    renewedAt: string;
  }
>;
/** Ended before its end day, from `endsOn`. */
export type AgreementTerminated = Event<
  'AgreementTerminated',
  {
    agreementId: string;
    customerId: string;
    endsOn: BusinessDay;
    reason: string;
    terminatedAt: string;
  }
>;

export type AgreementEvent = AgreementRecorded | AgreementRenewed | AgreementTerminated;
