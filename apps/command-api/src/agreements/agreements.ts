import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiOperation, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsUUID, ValidateIf } from 'class-validator';
import {
  type AgreementCommand,
  agreementDecider,
  dealDecider,
  documentDecider,
  knownContact,
  ofTheCustomer,
} from '#domain';
import { IsDay, IsOmittable, uuidParam } from '#platform';
import {
  AggregateRepository,
  businessDay,
  type CommandMeta,
  newId,
  requireActiveCustomer,
  requireActiveStaff,
} from '#commands';
import { CommandController } from '../command-handling/command-controller';
import { answer, type CommandResult } from '../command-handling/command-result';
import { IsBusinessDay, IsStaffId, IsText } from '../command-handling/dto';
import { Meta } from '../command-handling/request-meta';

const Ids = (description: string) => (target: object, key: string) => {
  ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 20, description })(target, key);
  IsOmittable()(target, key);
  IsArray()(target, key);
  ArrayMaxSize(20)(target, key);
  IsUUID('all', { each: true })(target, key);
};

export class RecordAgreementDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() agreementId?: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() customerId!: string;
  @IsText(200) title!: string;
  @ApiProperty({ maxLength: 10_000, description: 'What was agreed' })
  @IsText(10_000)
  terms!: string;
  @IsBusinessDay() agreedOn!: string;
  @ApiPropertyOptional({ format: 'date', description: 'The last day it holds; none: until ended' })
  @IsOmittable()
  @IsDay()
  validUntil?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() dealId?: string;
  @IsOmittable() @IsStaffId() staffId?: string;
  @Ids("The customer's contact persons who agreed") contactIds?: string[];
  @Ids("The customer's documents it rests on (the signed copy)") documentIds?: string[];
}

export class RenewAgreementDto {
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The new last day; null or left out: it holds until ended',
  })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsDay()
  validUntil?: string | null;
}

export class TerminateAgreementDto {
  @IsText(500) reason!: string;
  @ApiPropertyOptional({ format: 'date', description: 'The day it ends from; today by default' })
  @IsOmittable()
  @IsDay()
  endsOn?: string;
}

export class AgreementCommandMessage extends Command<CommandResult> {
  constructor(
    readonly command: AgreementCommand,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/**
 * Agreements: a new one is with an active customer, made by an active member, agreed by the
 * customer's own contacts, resting on the customer's own deal and documents (all loaded
 * before deciding).
 */
@CommandHandler(AgreementCommandMessage)
export class AgreementHandler implements ICommandHandler<AgreementCommandMessage> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({ command, meta }: AgreementCommandMessage): Promise<CommandResult> {
    if (command.type === 'RecordAgreement') {
      const customer = await requireActiveCustomer(this.repository, command.customerId);
      if (command.staffId !== meta.actorId)
        await requireActiveStaff(this.repository, command.staffId, 'staff member');
      for (const contactId of command.contactIds) knownContact(customer, contactId);
      if (command.dealId) {
        const deal = await this.repository.load(`deal-${command.dealId}`, dealDecider);
        ofTheCustomer('deal', command.dealId, deal.state, command.customerId);
      }
      for (const documentId of command.documentIds) {
        const document = await this.repository.load(`document-${documentId}`, documentDecider);
        ofTheCustomer('document', documentId, document.state, command.customerId);
      }
    }
    const { agreementId } = command;
    const r = await this.repository.execute(
      `agreement-${agreementId}`,
      agreementDecider,
      meta,
      (s) => agreementDecider.decide(command, s),
    );
    return { id: agreementId, revision: r.revision, position: r.position };
  }
}

@CommandController('agreements')
export class AgreementsController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({
    summary: 'Record an agreement made with a customer',
    description:
      'RecordAgreement: what was agreed, by whom, when (`agreedOn`, today or earlier: 409 `agreed-in-future`) and until when, with the deal and signed documents it rests on. On the 360 and the timeline; its owner is reminded before it lapses.',
  })
  @Post()
  @HttpCode(201)
  async record(
    @Body() body: RecordAgreementDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const { agreementId, validUntil, dealId, staffId, contactIds, documentIds, ...rest } = body;
    const command = new AgreementCommandMessage(
      {
        type: 'RecordAgreement',
        ...rest,
        agreementId: newId(meta, 'agreement', agreementId),
        staffId: staffId ?? meta.actorId,
        contactIds: [...new Set(contactIds ?? [])],
        documentIds: [...new Set(documentIds ?? [])],
        ...(validUntil ? { validUntil } : {}),
        ...(dealId ? { dealId } : {}),
        today: businessDay(meta.now),
        now: meta.now,
      },
      meta,
    );
    return answer(await this.commands.execute(command), true);
  }

  @ApiOperation({
    summary: 'Renew an agreement: it holds longer',
    description: 'RenewAgreement: a later last day, or none (null); never an earlier one.',
  })
  @Post(':id/renew')
  @HttpCode(200)
  async renew(
    @Param('id', uuidParam()) agreementId: string,
    @Body() body: RenewAgreementDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = new AgreementCommandMessage(
      { type: 'RenewAgreement', agreementId, validUntil: body.validUntil ?? null, now: meta.now },
      meta,
    );
    return answer(await this.commands.execute(command), false);
  }

  @ApiOperation({
    summary: 'Terminate an agreement',
    description:
      'TerminateAgreement: it ends from `endsOn` (today by default; a later day gives notice, and it stays in force until then), with the reason; never before it was made (409 `ends-before-agreed`) nor after its last day (409 `ends-after-last-day`).',
  })
  @Post(':id/terminate')
  @HttpCode(200)
  async terminate(
    @Param('id', uuidParam()) agreementId: string,
    @Body() body: TerminateAgreementDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = new AgreementCommandMessage(
      {
        type: 'TerminateAgreement',
        agreementId,
        endsOn: body.endsOn ?? businessDay(meta.now),
        reason: body.reason,
        now: meta.now,
      },
      meta,
    );
    return answer(await this.commands.execute(command), false);
  }
}
