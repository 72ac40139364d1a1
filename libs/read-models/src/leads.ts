import { type LeadCreated } from '#events';
import { type From } from './from';

export type LeadDoc = From<LeadCreated['data'], 'leadId'> & {
  status: 'new' | 'qualified' | 'disqualified' | 'converted';
  updatedAt: string;
  customerId?: string;
  dealId?: string;
  disqualifiedReason?: string;
  /** The routing rule that chose its owner (and the team whose turn it was). */
  routedBy?: { ruleId: string; teamId: string | null };
};

/** A team leads are routed to in turn. */
export type TeamDoc = {
  _id: string;
  name: string;
  memberIds: string[];
  turns: number;
  definedAt: string;
};
/** A lead routing rule, in the order rules were defined. */
export type RoutingRuleDoc = {
  _id: string;
  name: string;
  sources: string[];
  assignTo: { staffId: string } | { teamId: string };
  definedAt: string;
};
/** A web form feeding leads. */
export type WebFormDoc = {
  _id: string;
  name: string;
  source: string;
  ownerId: string;
  active: boolean;
  definedAt: string;
};
