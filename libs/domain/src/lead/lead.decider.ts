import { ERASED, type LeadEvent } from '#events';
import { alreadyExists, type Decider, notFound, unreachable, violated } from '../decider';
import { type Reassign, reassignment } from '../staff/reassignment';

export type LeadStatus = 'new' | 'qualified' | 'disqualified' | 'converted';

export type LeadState =
  | { status: 'none' }
  | {
      status: LeadStatus;
      leadId: string;
      personName: string;
      companyName?: string;
      email?: string;
      phone?: string;
      ownerId: string;
    };

export type CreateLead = {
  type: 'CreateLead';
  leadId: string;
  personName: string;
  companyName?: string;
  email?: string;
  phone?: string;
  source: string;
  ownerId: string;
  message?: string;
  now: string;
};
/** Records that a routing rule chose the new lead's owner (the lead was created with it). */
export type RecordLeadRouting = {
  type: 'RecordLeadRouting';
  leadId: string;
  ruleId: string;
  teamId?: string;
  ownerId: string;
  now: string;
};
export type QualifyLead = { type: 'QualifyLead'; leadId: string; note?: string; now: string };
export type DisqualifyLead = {
  type: 'DisqualifyLead';
  leadId: string;
  reason: string;
  now: string;
};
export type ConvertLead = {
  type: 'ConvertLead';
  leadId: string;
  customerId: string;
  dealId: string;
  pipelineId: string;
  now: string;
};

/** Erasure on request; the key is destroyed by the handler, the decider records the fact. */
export type EraseLeadPersonalData = {
  type: 'EraseLeadPersonalData';
  leadId: string;
  reason: string;
  now: string;
};

export type LeadCommand =
  | CreateLead
  | RecordLeadRouting
  | QualifyLead
  | DisqualifyLead
  | ConvertLead
  | Reassign
  | EraseLeadPersonalData;

const existing = (state: LeadState, leadId: string) => {
  if (state.status === 'none') throw notFound('lead', leadId);
  return state;
};

const decide = (command: LeadCommand, state: LeadState): LeadEvent[] => {
  switch (command.type) {
    case 'CreateLead': {
      if (state.status !== 'none') throw alreadyExists('lead', command.leadId);
      const { type: _type, now, ...data } = command;
      return [{ type: 'LeadCreated', data: { ...data, createdAt: now } }];
    }
    case 'RecordLeadRouting': {
      const lead = existing(state, command.leadId);
      if (lead.ownerId !== command.ownerId)
        throw violated('lead-owner-differs', 'The lead is owned by someone else by now');
      const { type: _type, now, ...data } = command;
      return [{ type: 'LeadRouted', data: { ...data, routedAt: now } }];
    }
    case 'QualifyLead': {
      const lead = existing(state, command.leadId);
      if (lead.status !== 'new')
        throw violated('lead-not-new', `A ${lead.status} lead cannot be qualified`);
      return [
        {
          type: 'LeadQualified',
          data: {
            leadId: command.leadId,
            ...(command.note ? { note: command.note } : {}),
            qualifiedAt: command.now,
          },
        },
      ];
    }
    case 'DisqualifyLead': {
      const lead = existing(state, command.leadId);
      if (lead.status === 'disqualified' || lead.status === 'converted')
        throw violated('lead-closed', `A ${lead.status} lead cannot be disqualified`);
      if (command.reason.trim() === '')
        throw violated('reason-required', 'Disqualifying a lead needs a reason');
      return [
        {
          type: 'LeadDisqualified',
          data: { leadId: command.leadId, reason: command.reason, disqualifiedAt: command.now },
        },
      ];
    }
    case 'ConvertLead': {
      const lead = existing(state, command.leadId);
      if (lead.status === 'disqualified' || lead.status === 'converted')
        throw violated('lead-closed', `A ${lead.status} lead cannot be converted`);
      return [
        {
          type: 'LeadConverted',
          data: {
            leadId: command.leadId,
            customerId: command.customerId,
            dealId: command.dealId,
            pipelineId: command.pipelineId,
            convertedAt: command.now,
          },
        },
      ];
    }
    case 'EraseLeadPersonalData': {
      const lead = existing(state, command.leadId);
      if (lead.status === 'converted')
        throw violated('lead-converted', 'A converted lead is erased with the customer it became');
      if (command.reason.trim() === '')
        throw violated('reason-required', 'An erasure records why it was done');
      return [
        {
          type: 'LeadPersonalDataErased',
          data: { leadId: command.leadId, reason: command.reason, erasedAt: command.now },
        },
      ];
    }
    case 'Reassign': {
      const lead = existing(state, command.itemId);
      const moved = reassignment(
        {
          what: 'lead',
          ownerId: lead.ownerId,
          open: lead.status === 'new' || lead.status === 'qualified',
        },
        command,
      );
      return moved ? [{ type: 'LeadReassigned', data: { leadId: lead.leadId, ...moved } }] : [];
    }
    default:
      return unreachable(command);
  }
};

const evolve = (state: LeadState, event: LeadEvent): LeadState => {
  switch (event.type) {
    case 'LeadCreated': {
      const { leadId, personName, companyName, email, phone, ownerId } = event.data;
      return { status: 'new', leadId, personName, companyName, email, phone, ownerId };
    }
    case 'LeadQualified':
      return state.status === 'none' ? state : { ...state, status: 'qualified' };
    case 'LeadDisqualified':
      return state.status === 'none' ? state : { ...state, status: 'disqualified' };
    case 'LeadConverted':
      return state.status === 'none' ? state : { ...state, status: 'converted' };
    case 'LeadReassigned':
      return state.status === 'none' ? state : { ...state, ownerId: event.data.toStaffId };
    case 'LeadRouted':
      return state.status === 'none' ? state : { ...state, ownerId: event.data.ownerId };
    case 'LeadPersonalDataErased':
      if (state.status === 'none') return state;
      return {
        status: state.status,
        leadId: state.leadId,
        personName: ERASED,
        ownerId: state.ownerId,
      };
    default:
      return unreachable(event);
  }
};

export const leadDecider: Decider<LeadCommand, LeadEvent, LeadState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
