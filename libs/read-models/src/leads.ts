import { type LeadCreated } from '#events';
import { type From } from './from';

export type LeadDoc = From<LeadCreated['data'], 'leadId'> & {
  status: 'new' | 'qualified' | 'disqualified' | 'converted';
  updatedAt: string;
  customerId?: string;
  dealId?: string;
  disqualifiedReason?: string;
};
