import { Command } from '@nestjs/cqrs';
import { type LeadCommand } from '#domain';
import { type Money } from '#events';
import { type CommandResult } from '../command-handling/command-result';
import {
  type ChangeLeadDetailsDto,
  type ConvertLeadDto,
  type CreateLeadDto,
  type DisqualifyLeadDto,
  type EraseLeadDto,
  type QualifyLeadDto,
} from './leads.dto';
import { type CommandMeta, newId } from '#commands';
import { type IntakeLead } from './lead-intake';

/** A lead's own commands as the domain takes them (converting is a process of its own). */
export type LeadRequest = Exclude<LeadCommand, { type: 'ConvertLead' } | { type: 'Reassign' }>;

export class LeadCommandMessage extends Command<CommandResult> {
  constructor(
    readonly command: LeadRequest,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/**
 * Converting a lead: the ids of what it becomes (`existing`: the customer is one the lead
 * joins, not a new one), the deal's pipeline and its terms.
 */
export type ConvertLeadRequest = {
  leadId: string;
  customerId: string;
  existing?: true;
  dealId: string;
  pipelineId: string;
  stageId?: string;
  customerKind?: 'company' | 'person';
  dealTitle?: string;
  value: Money;
};

export class ConvertLeadCommand extends Command<CommandResult> {
  constructor(
    readonly request: ConvertLeadRequest,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/** The requests as the domain's commands: the one shape handled. */
export const createLead = (body: CreateLeadDto, meta: CommandMeta): IntakeLead => {
  const { leadId, ownerId, ...rest } = body;
  return {
    type: 'CreateLead',
    ...rest,
    leadId: newId(meta, 'lead', leadId),
    ...(ownerId ? { ownerId } : {}),
    fallbackOwnerId: meta.actorId,
    now: meta.now,
  };
};

export const changeLeadDetails = (
  leadId: string,
  body: ChangeLeadDetailsDto,
  meta: CommandMeta,
): LeadRequest => ({ type: 'ChangeLeadDetails', leadId, changes: { ...body }, now: meta.now });

export const qualifyLead = (
  leadId: string,
  body: QualifyLeadDto,
  meta: CommandMeta,
): LeadRequest => ({
  type: 'QualifyLead',
  leadId,
  ...(body.note ? { note: body.note } : {}),
  now: meta.now,
});

export const disqualifyLead = (
  leadId: string,
  body: DisqualifyLeadDto,
  meta: CommandMeta,
): LeadRequest => ({ type: 'DisqualifyLead', leadId, reason: body.reason, now: meta.now });

export const eraseLead = (leadId: string, body: EraseLeadDto, meta: CommandMeta): LeadRequest => ({
  type: 'EraseLeadPersonalData',
  leadId,
  reason: body.reason,
  now: meta.now,
});

export const convertLead = (
  leadId: string,
  body: ConvertLeadDto,
  meta: CommandMeta,
): ConvertLeadRequest => {
  return {
    leadId,
    ...(body.existingCustomerId
      ? { customerId: body.existingCustomerId, existing: true as const }
      : { customerId: newId(meta, 'customer', body.customerId) }),
    dealId: newId(meta, 'deal', body.dealId),
    pipelineId: body.pipelineId,
    ...(body.stageId ? { stageId: body.stageId } : {}),
    ...(body.customerKind ? { customerKind: body.customerKind } : {}),
    ...(body.dealTitle ? { dealTitle: body.dealTitle } : {}),
    value: body.value,
  };
};
