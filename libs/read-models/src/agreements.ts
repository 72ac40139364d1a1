/** An agreement with a customer as recorded, renewed or terminated. */
export type AgreementDoc = {
  _id: string;
  customerId: string;
  title: string;
  terms: string;
  staffId: string;
  contactIds: string[];
  agreedOn: string;
  validUntil: string | null;
  dealId: string | null;
  documentIds: string[];
  status: 'active' | 'terminated';
  /** The day a terminated agreement ended from. */
  endsOn: string | null;
  terminationReason: string | null;
  recordedAt: string;
  /**
   * The last day it holds, for the store to compare: its last day ({@link HOLDS_ON} when it has
   * none), or, terminated, the day before its termination ends it, if earlier. Not answered.
   */
  holdsThrough: string;
};

/** `holdsThrough` of an agreement without a last day: after every day. */
export const HOLDS_ON = '9999-12-31';

/**
 * Where an agreement stands on `today`: terminated from the day its termination ends it (given
 * notice, it is in force until then), else lapsed past its last day, else in force.
 */
export const agreementStanding = (
  a: Pick<AgreementDoc, 'status' | 'validUntil' | 'endsOn'>,
  today: string,
): 'active' | 'lapsed' | 'terminated' => {
  if (a.status === 'terminated' && (a.endsOn === null || a.endsOn <= today)) return 'terminated';
  return a.validUntil !== null && a.validUntil < today ? 'lapsed' : 'active';
};
