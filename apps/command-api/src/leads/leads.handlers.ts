import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type KeyStore } from '#event-store';
import { leadKeySubject } from '#events';
import {
  customerDecider,
  dealDecider,
  leadDecider,
  notFound,
  pipelineDecider,
  staffDecider,
  contactFromLead,
} from '#domain';
import { requireActiveStaff } from '#commands';
import { type CommandResult } from '../command-handling/command-result';
import {
  ConvertLeadCommand,
  CreateLeadCommand,
  DisqualifyLeadCommand,
  EraseLeadCommand,
  QualifyLeadCommand,
} from './leads.commands';
import { KEY_STORE, AggregateRepository, deterministicId, newId } from '#commands';

@CommandHandler(CreateLeadCommand)
export class CreateLeadHandler implements ICommandHandler<CreateLeadCommand> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({ body, meta }: CreateLeadCommand): Promise<CommandResult> {
    const leadId = newId(meta, 'lead', body.leadId);
    const { leadId: _id, ownerId, ...rest } = body;
    if (ownerId) await requireActiveStaff(this.repository, ownerId);
    const r = await this.repository.execute(`lead-${leadId}`, leadDecider, meta, (state) =>
      leadDecider.decide(
        { type: 'CreateLead', ...rest, leadId, ownerId: ownerId ?? meta.actorId, now: meta.now },
        state,
      ),
    );
    return { id: leadId, revision: r.revision, position: r.position };
  }
}

@CommandHandler(QualifyLeadCommand)
export class QualifyLeadHandler implements ICommandHandler<QualifyLeadCommand> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({ leadId, body, meta }: QualifyLeadCommand): Promise<CommandResult> {
    const r = await this.repository.execute(`lead-${leadId}`, leadDecider, meta, (state) =>
      leadDecider.decide(
        { type: 'QualifyLead', leadId, ...(body.note ? { note: body.note } : {}), now: meta.now },
        state,
      ),
    );
    return { id: leadId, revision: r.revision, position: r.position };
  }
}

@CommandHandler(DisqualifyLeadCommand)
export class DisqualifyLeadHandler implements ICommandHandler<DisqualifyLeadCommand> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({ leadId, body, meta }: DisqualifyLeadCommand): Promise<CommandResult> {
    const r = await this.repository.execute(`lead-${leadId}`, leadDecider, meta, (state) =>
      leadDecider.decide(
        { type: 'DisqualifyLead', leadId, reason: body.reason, now: meta.now },
        state,
      ),
    );
    return { id: leadId, revision: r.revision, position: r.position };
  }
}

/**
 * Converting appends LeadConverted first (the lead decides), then registers the customer and
 * opens the deal. Every step is idempotent by command id, so a retry after an interruption
 * completes the conversion without creating anything twice.
 */
@CommandHandler(ConvertLeadCommand)
export class ConvertLeadHandler implements ICommandHandler<ConvertLeadCommand> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({ leadId, body, meta }: ConvertLeadCommand): Promise<CommandResult> {
    const pipeline = await this.repository.load(`pipeline-${body.pipelineId}`, pipelineDecider);
    if (pipeline.state.status === 'none') throw notFound('pipeline', body.pipelineId);
    const stageIds = pipeline.state.stages.map((s) => s.stageId);
    const customerId = newId(meta, 'customer', body.customerId);
    const dealId = newId(meta, 'deal', body.dealId);
    const converted = await this.repository.execute(`lead-${leadId}`, leadDecider, meta, (state) =>
      leadDecider.decide(
        {
          type: 'ConvertLead',
          leadId,
          customerId,
          dealId,
          pipelineId: body.pipelineId,
          now: meta.now,
        },
        state,
      ),
    );
    const from = converted.state;
    if (from.status === 'none') throw notFound('lead', leadId);
    // A lead whose owner has left becomes the converting member's customer and deal.
    const leadOwner = await this.repository.load(`staff-${from.ownerId}`, staffDecider);
    const ownerId = leadOwner.state.status === 'active' ? from.ownerId : meta.actorId;
    const kind = body.customerKind ?? (from.companyName ? 'company' : 'person');
    const registered = await this.repository.execute(
      `customer-${customerId}`,
      customerDecider,
      meta,
      (state) =>
        customerDecider.decide(
          {
            type: 'RegisterCustomer',
            customerId,
            kind,
            name: from.companyName ?? from.personName,
            ...(from.email ? { email: from.email } : {}),
            ...(from.phone ? { phone: from.phone } : {}),
            ownerId,
            sourceLeadId: leadId,
            now: meta.now,
          },
          state,
        ),
    );
    // The person the lead named becomes the company's contact (a step of its own, by its own id).
    const contact = contactFromLead(from, kind, newId(meta, 'contact'));
    const customer = contact
      ? await this.repository.execute(
          `customer-${customerId}`,
          customerDecider,
          { ...meta, commandId: deterministicId(`${meta.commandId}\ncontact`) },
          (state) =>
            customerDecider.decide(
              { type: 'AddContactPerson', customerId, contact, now: meta.now },
              state,
            ),
        )
      : registered;
    const deal = await this.repository.execute(`deal-${dealId}`, dealDecider, meta, (state) =>
      dealDecider.decide(
        {
          type: 'OpenDeal',
          dealId,
          customerId,
          pipeline: { pipelineId: body.pipelineId, stageIds },
          ...(body.stageId ? { stageId: body.stageId } : {}),
          // Not the lead's names: a deal title is not personal data, and stays after an erasure.
          title: body.dealTitle ?? 'Deal from a converted lead',
          value: body.value,
          ownerId,
          sourceLeadId: leadId,
          now: meta.now,
        },
        state,
      ),
    );
    return {
      id: leadId,
      revision: converted.revision,
      position: Math.max(converted.position, customer.position, deal.position),
      customerId,
      dealId,
    };
  }
}

/**
 * Erasure of a lead that never became a customer: its key is destroyed first, then the fact
 * recorded (a retry finds nothing left to destroy). A converted lead is refused before
 * anything is destroyed: it is erased with its customer.
 */
@CommandHandler(EraseLeadCommand)
export class EraseLeadHandler implements ICommandHandler<EraseLeadCommand> {
  constructor(
    private readonly repository: AggregateRepository,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
  ) {}

  async execute({ leadId, body, meta }: EraseLeadCommand): Promise<CommandResult> {
    const command = {
      type: 'EraseLeadPersonalData' as const,
      leadId,
      reason: body.reason,
      now: meta.now,
    };
    const { state } = await this.repository.load(`lead-${leadId}`, leadDecider);
    leadDecider.decide(command, state);
    await this.keys.destroy(leadKeySubject(leadId));
    this.repository.forgetAll();
    const r = await this.repository.execute(`lead-${leadId}`, leadDecider, meta, (s) =>
      leadDecider.decide(command, s),
    );
    return { id: leadId, revision: r.revision, position: r.position };
  }
}

export const leadHandlers = [
  CreateLeadHandler,
  QualifyLeadHandler,
  DisqualifyLeadHandler,
  ConvertLeadHandler,
  EraseLeadHandler,
];
