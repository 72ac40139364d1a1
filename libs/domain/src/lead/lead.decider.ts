import { ERASED, type LeadDetail, leadDetails, type LeadEvent } from '#events';
import { changedDetails, corrected } from '../corrections';
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
      /** Where it came from: a fair, the web site's form, a campaign. */
      source: string;
      /** Its personal data was erased on request. */
      erased?: true;
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
/**
 * Corrects a lead's details: a given one replaces what the lead has, `null` removes an
 * optional one (the person's name cannot be removed), a left-out one stays.
 */
export type ChangeLeadDetails = {
  type: 'ChangeLeadDetails';
  leadId: string;
  changes: {
    personName?: string | null;
    companyName?: string | null;
    email?: string | null;
    phone?: string | null;
  };
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
  | ChangeLeadDetails
  | QualifyLead
  | DisqualifyLead
  | ConvertLead
  | Reassign
  | EraseLeadPersonalData;

const existing = (state: LeadState, leadId: string) => {
  if (state.status === 'none') throw notFound('lead', leadId);
  return state;
};

type Details = { personName: string } & Partial<Record<Exclude<LeadDetail, 'personName'>, string>>;

/** The details a lead has, the absent ones left out. */
const detailsOf = (lead: Details): Details => ({
  personName: lead.personName,
  ...(lead.companyName !== undefined ? { companyName: lead.companyName } : {}),
  ...(lead.email !== undefined ? { email: lead.email } : {}),
  ...(lead.phone !== undefined ? { phone: lead.phone } : {}),
});

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
    case 'ChangeLeadDetails': {
      const lead = existing(state, command.leadId);
      if (lead.erased)
        throw violated('lead-erased', "The lead's personal data was erased; it has no details");
      if (lead.status === 'converted')
        throw violated(
          'lead-converted',
          "A converted lead's details are its customer's now: change the customer",
        );
      const { changes } = command;
      if (changes.personName === null)
        throw violated('person-name-required', "A lead's person's name cannot be removed");
      const next = detailsOf({
        personName: changes.personName ?? lead.personName,
        companyName: corrected(changes.companyName, lead.companyName),
        email: corrected(changes.email, lead.email),
        phone: corrected(changes.phone, lead.phone),
      });
      const changed = changedDetails(leadDetails, detailsOf(lead), next);
      if (changed.length === 0) return [];
      return [
        {
          type: 'LeadDetailsChanged',
          data: { leadId: lead.leadId, ...next, changed, changedAt: command.now },
        },
      ];
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
      const { leadId, personName, companyName, email, phone, ownerId, source } = event.data;
      return { status: 'new', leadId, personName, companyName, email, phone, ownerId, source };
    }
    case 'LeadDetailsChanged': {
      if (state.status === 'none') return state;
      const { personName, companyName, email, phone } = event.data;
      const { companyName: _c, email: _e, phone: _p, ...rest } = state;
      return {
        ...rest,
        personName,
        ...(companyName !== undefined ? { companyName } : {}),
        ...(email !== undefined ? { email } : {}),
        ...(phone !== undefined ? { phone } : {}),
      };
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
        // Not personal data: the source stays, as on the event.
        source: state.source,
        erased: true,
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
