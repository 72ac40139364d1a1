import { Body, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsUUID } from 'class-validator';
import {
  type AssignInboundEmail,
  type DismissInboundEmail,
  inboundEmailDecider,
  knownContact,
  heldContent,
} from '#domain';
import { type KeyStore } from '#event-store';
import { inboundEmailKeySubject, type InboundEmailReceived } from '#events';
import { IsOmittable, uuidParam } from '#platform';
import {
  AggregateRepository,
  type CommandMeta,
  KEY_STORE,
  logInboundEmail,
  requireActiveCustomer,
} from '#commands';
import { CommandController } from '../command-handling/command-controller';
import { answer, type CommandResult } from '../command-handling/command-result';
import { IsText } from '../command-handling/dto';
import { Meta } from '../command-handling/request-meta';

export class AssignInboundEmailDto {
  @IsUUID() customerId!: string;
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: 20,
    description: "The customer's contact persons the message is from or to",
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  contactIds?: string[];
}

export class DismissInboundEmailDto {
  @ApiPropertyOptional({ description: 'Why, e.g. spam' })
  @IsOmittable()
  @IsText(500)
  reason?: string;
}

/** AssignInboundEmail naming the contacts it involves, less the interaction it is logged as. */
export type AssignRequest = Omit<AssignInboundEmail, 'activityId'> & { contactIds: string[] };

export class InboundEmailCommandMessage extends Command<CommandResult> {
  constructor(
    readonly command: AssignRequest | DismissInboundEmail,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/**
 * The review list's decisions on a held message: assigned, it is logged on the customer (with
 * its attachments as documents, for the member who assigned it); dismissed, it is dropped.
 * Either way its own key is destroyed afterwards: its content then lives only where it was
 * logged, sealed with that customer's key, or nowhere.
 */
@CommandHandler(InboundEmailCommandMessage)
export class InboundEmailHandler implements ICommandHandler<InboundEmailCommandMessage> {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly commands: CommandBus,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
  ) {}

  async execute({ command, meta: request }: InboundEmailCommandMessage): Promise<CommandResult> {
    const { inboundEmailId } = command;
    const stream = `inboundEmail-${inboundEmailId}`;
    // An If-Match names the message's revision, not those of the documents and activity it makes.
    const meta = await this.repository.pin(request, stream, inboundEmailDecider);
    let decided: AssignInboundEmail | DismissInboundEmail;
    let logged = 0;
    if (command.type === 'AssignInboundEmail') {
      const { contactIds, ...assign } = command;
      const loaded = await this.repository.load(stream, inboundEmailDecider);
      if (!loaded.commands.has(meta.commandId))
        inboundEmailDecider.decide({ ...assign, activityId: '' }, loaded.state);
      const customer = await requireActiveCustomer(this.repository, command.customerId);
      for (const contactId of contactIds) knownContact(customer, contactId);
      const received = (await this.repository.events(stream)).find(
        (e) => e.type === 'InboundEmailReceived',
      )?.data as InboundEmailReceived['data'] | undefined;
      const r = await logInboundEmail(
        this.repository,
        this.commands,
        {
          inboundEmailId,
          ...heldContent(received, inboundEmailId),
          ...(received?.inReplyTo ? { inReplyTo: received.inReplyTo } : {}),
        },
        { customerId: command.customerId, contactIds, staffId: meta.actorId },
        meta,
      );
      decided = { ...assign, activityId: r.id };
      logged = r.position;
    } else decided = command;
    const r = await this.repository.execute(stream, inboundEmailDecider, meta, (s) =>
      inboundEmailDecider.decide(decided, s),
    );
    await this.keys.destroy(inboundEmailKeySubject(inboundEmailId));
    return {
      id: inboundEmailId,
      revision: r.revision,
      position: Math.max(r.position, logged),
      ...(decided.type === 'AssignInboundEmail' ? { activityId: decided.activityId } : {}),
    };
  }
}

@CommandController('inbound-emails')
export class InboundEmailsController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({
    summary: 'Assign a received e-mail held for review to a customer',
    description:
      "AssignInboundEmail: a message from an unknown sender is logged on the customer's timeline (kind `email`, its attachments as the customer's documents), for the member who assigns it.",
  })
  @Post(':id/assign')
  @HttpCode(200)
  async assign(
    @Param('id', uuidParam()) id: string,
    @Body() body: AssignInboundEmailDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = new InboundEmailCommandMessage(
      {
        type: 'AssignInboundEmail',
        inboundEmailId: id,
        customerId: body.customerId,
        contactIds: [...new Set(body.contactIds ?? [])],
        now: meta.now,
      },
      meta,
    );
    return answer(await this.commands.execute(command), false);
  }

  @ApiOperation({
    summary: 'Dismiss a received e-mail held for review',
    description:
      'DismissInboundEmail: spam, or nothing for the CRM; its content is destroyed, the record that it came stays.',
  })
  @Post(':id/dismiss')
  @HttpCode(200)
  async dismiss(
    @Param('id', uuidParam()) id: string,
    @Body() body: DismissInboundEmailDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command = new InboundEmailCommandMessage(
      {
        type: 'DismissInboundEmail',
        inboundEmailId: id,
        ...(body.reason ? { reason: body.reason } : {}),
        now: meta.now,
      },
      meta,
    );
    return answer(await this.commands.execute(command), false);
  }
}
