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
  pipelineInUse,
  staffDecider,
  activeCustomer,
  contactJoining,
  type ConvertLead,
  type JoinLead,
  type LeadState,
  type OpenDeal,
  type RegisterCustomer,
} from '#domain';
import { requireActiveStaff } from '#commands';
import { type CommandResult } from '../command-handling/command-result';
import { ConvertLeadCommand, LeadCommandMessage } from './leads.commands';
import { KEY_STORE, AggregateRepository, deterministicId, newId } from '#commands';

/**
 * A lead's own commands. A new lead's owner must be an active member; an erasure destroys the
 * lead's key first, then records the fact (a retry finds nothing left to destroy), and a
 * converted lead is refused before anything is destroyed: it is erased with its customer.
 */
@CommandHandler(LeadCommandMessage)
export class LeadHandler implements ICommandHandler<LeadCommandMessage> {
  constructor(
    private readonly repository: AggregateRepository,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
  ) {}

  async execute({ command, meta }: LeadCommandMessage): Promise<CommandResult> {
    const { leadId } = command;
    // The actor creating a lead for themselves is the authenticated, active member already.
    if (command.type === 'CreateLead' && command.ownerId !== meta.actorId)
      await requireActiveStaff(this.repository, command.ownerId);
    if (command.type === 'EraseLeadPersonalData') {
      const { state } = await this.repository.load(`lead-${leadId}`, leadDecider);
      leadDecider.decide(command, state);
      await this.keys.destroy(leadKeySubject(leadId));
      this.repository.forgetAll();
    }
    const r = await this.repository.execute(`lead-${leadId}`, leadDecider, meta, (state) =>
      leadDecider.decide(command, state),
    );
    return { id: leadId, revision: r.revision, position: r.position };
  }
}

/**
 * Converting appends LeadConverted first (the lead decides), then registers the customer — or,
 * for an existing customer, records that the lead joined it — adds the lead's person as a
 * contact, and opens the deal. Every step is idempotent by command id, so a retry after an
 * interruption completes the conversion without creating anything twice.
 */
@CommandHandler(ConvertLeadCommand)
export class ConvertLeadHandler implements ICommandHandler<ConvertLeadCommand> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({ request: body, meta: request }: ConvertLeadCommand): Promise<CommandResult> {
    const { leadId, customerId, dealId } = body;
    // An If-Match names the lead's revision, not those of the customer and deal it becomes.
    const meta = await this.repository.pin(request, `lead-${leadId}`, leadDecider);
    const pipeline = await this.repository.load(`pipeline-${body.pipelineId}`, pipelineDecider);
    const stageIds = pipelineInUse(pipeline.state, body.pipelineId).stages.map((s) => s.stageId);
    const convert: ConvertLead = {
      type: 'ConvertLead',
      leadId,
      customerId,
      dealId,
      pipelineId: body.pipelineId,
      now: meta.now,
    };
    // The customer step and the deal the lead becomes, from what the lead holds.
    const becomes = async (lead: Exclude<LeadState, { status: 'none' }>) => {
      // A lead whose owner has left becomes the converting member's customer and deal.
      const leadOwner = await this.repository.load(`staff-${lead.ownerId}`, staffDecider);
      const ownerId = leadOwner.state.status === 'active' ? lead.ownerId : meta.actorId;
      const customerStep: RegisterCustomer | JoinLead = body.existing
        ? { type: 'JoinLead', customerId, leadId, now: meta.now }
        : {
            type: 'RegisterCustomer',
            customerId,
            kind: body.customerKind ?? (lead.companyName ? 'company' : 'person'),
            name: lead.companyName ?? lead.personName,
            ...(lead.email ? { email: lead.email } : {}),
            ...(lead.phone ? { phone: lead.phone } : {}),
            ownerId,
            sourceLeadId: leadId,
            source: lead.source,
            now: meta.now,
          };
      const open: OpenDeal = {
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
      };
      return { customerStep, open };
    };
    // Nothing is appended unless every step can be taken: before the lead records its
    // conversion, each step is decided on what the lead, the customer and the deal hold now
    // (a customer or deal id already taken, an existing customer unknown or archived, a stage
    // not in the pipeline). A retry of a conversion that was interrupted finds its own
    // LeadConverted and completes the rest.
    const before = await this.repository.load(`lead-${leadId}`, leadDecider);
    if (!before.commands.has(meta.commandId)) {
      leadDecider.decide(convert, before.state);
      if (before.state.status !== 'none') {
        const { customerStep, open } = await becomes(before.state);
        const { state } = await this.repository.load(`customer-${customerId}`, customerDecider);
        if (body.existing) activeCustomer(state, customerId);
        customerDecider.decide(customerStep, state);
        dealDecider.decide(open, (await this.repository.load(`deal-${dealId}`, dealDecider)).state);
      }
    }
    const converted = await this.repository.execute(`lead-${leadId}`, leadDecider, meta, (state) =>
      leadDecider.decide(convert, state),
    );
    const from = converted.state;
    if (from.status === 'none') throw notFound('lead', leadId);
    const { customerStep, open } = await becomes(from);
    await this.repository.execute(`customer-${customerId}`, customerDecider, meta, (state) =>
      customerDecider.decide(customerStep, state),
    );
    // The person the lead named becomes the company's contact, unless the company has them
    // already (a step of its own, by its own id).
    const contactId = newId(meta, 'contact');
    const customer = await this.repository.execute(
      `customer-${customerId}`,
      customerDecider,
      { ...meta, commandId: deterministicId(`${meta.commandId}\ncontact`) },
      (state) => {
        const contact =
          state.status === 'none' ? undefined : contactJoining(from, state, contactId);
        return contact
          ? customerDecider.decide(
              { type: 'AddContactPerson', customerId, contact, now: meta.now },
              state,
            )
          : [];
      },
    );
    const deal = await this.repository.execute(`deal-${dealId}`, dealDecider, meta, (state) =>
      dealDecider.decide(open, state),
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

export const leadHandlers = [LeadHandler, ConvertLeadHandler];
