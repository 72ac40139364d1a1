/** A stream that holds events concerning a customer: the index the audit history starts from. */
export type AuditStreamDoc = {
  _id: string;
  customerId: string;
  streamId: string;
  firstPosition: number;
};

/** One audit read: who read what, when. */
export type AuditTrailDoc = {
  _id: string;
  staffId: string;
  kind: string;
  subjectCustomerId: string | null;
  streamId: string | null;
  query: string | null;
  readAt: string;
  position: number;
};
