import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsString, IsUUID, MaxLength } from 'class-validator';
import {
  amountDue,
  emailDecider,
  invoiceDecider,
  type QueueEmail,
  recipientsFor,
  sendableInvoice,
} from '#domain';
import { formatDay, formatMoney, textsFor } from '#documents';
import { IsOmittable, readConfig, uuidParam } from '#platform';
import { CommandController } from '../command-handling/command-controller';
import { answer, type CommandResult } from '../command-handling/command-result';
import { IsText } from '../command-handling/dto';
import { Meta } from '../command-handling/request-meta';
import { AggregateRepository, type CommandMeta, newId, requireActiveCustomer } from '#commands';

const Recipients = () => (target: object, key: string) => {
  ApiPropertyOptional({
    type: [String],
    maxItems: 20,
    description: "Addresses; the customer's first e-mail (or a contact's) when left out",
  })(target, key);
  IsOmittable()(target, key);
  IsArray()(target, key);
  ArrayMaxSize(20)(target, key);
  IsEmail({}, { each: true })(target, key);
  MaxLength(254, { each: true })(target, key);
};

export class SendEmailDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() emailId?: string;
  @IsUUID() customerId!: string;
  @Recipients() to?: string[];
  @IsText(300) subject!: string;
  @IsText(20_000) text!: string;
}

export class EmailInvoiceDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() emailId?: string;
  @Recipients() to?: string[];
  @ApiPropertyOptional({ maxLength: 5000, description: 'The message above the invoice details' })
  @IsOmittable()
  @IsString()
  @MaxLength(5000)
  message?: string;
}

/**
 * QueueEmail as the request gives it: the recipients, when none are given, are the
 * customer's (loaded before deciding).
 */
export type SendEmailRequest = Omit<QueueEmail, 'to' | 'customerId'> & {
  customerId: string;
  to?: string[];
};

/**
 * An invoice by e-mail: the subject, text and attachment follow from the invoice, in the
 * customer's language, when both are loaded.
 */
export type EmailInvoiceRequest = {
  type: 'EmailInvoice';
  emailId: string;
  invoiceId: string;
  to?: string[];
  message?: string;
  now: string;
};

export class EmailCommandMessage extends Command<CommandResult> {
  constructor(
    readonly command: SendEmailRequest | EmailInvoiceRequest,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/** Messages to customers, through the outbox: the sender delivers what is queued. */
@CommandHandler(EmailCommandMessage)
export class EmailHandler implements ICommandHandler<EmailCommandMessage> {
  private readonly defaultLanguage = readConfig().defaultLanguage;

  constructor(private readonly repository: AggregateRepository) {}

  async execute({ command: request, meta }: EmailCommandMessage): Promise<CommandResult> {
    const command =
      request.type === 'QueueEmail'
        ? await this.message(request)
        : await this.invoiceMessage(request);
    const { emailId } = command;
    const r = await this.repository.execute(`email-${emailId}`, emailDecider, meta, (state) =>
      emailDecider.decide(command, state),
    );
    return { id: emailId, revision: r.revision, position: r.position };
  }

  private async message(request: SendEmailRequest): Promise<QueueEmail> {
    const customer = await requireActiveCustomer(this.repository, request.customerId);
    return { ...request, to: recipientsFor(request.to, customer) };
  }

  private async invoiceMessage(request: EmailInvoiceRequest): Promise<QueueEmail> {
    const { invoiceId } = request;
    const loaded = await this.repository.load(`invoice-${invoiceId}`, invoiceDecider);
    const state = sendableInvoice(loaded.state, invoiceId);
    const customer = await requireActiveCustomer(this.repository, state.customerId);
    // In the customer's language, like the PDF it carries.
    const language = customer.profile.preferredLanguage ?? this.defaultLanguage;
    const t = textsFor(language);
    const details = t.emailBody(
      state.number,
      formatMoney(amountDue(state), state.currency, language),
      formatDay(state.dueOn, language),
      state.paymentReference,
    );
    return {
      type: 'QueueEmail',
      emailId: request.emailId,
      customerId: state.customerId,
      to: recipientsFor(request.to, customer),
      subject: t.emailSubject(state.number),
      text: `${request.message ? `${request.message}\n\n` : ''}${details}`,
      attachments: [{ kind: 'invoice-pdf', invoiceId, filename: `invoice-${state.number}.pdf` }],
      invoiceId,
      now: request.now,
    };
  }
}

@CommandController('emails')
export class EmailsController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({
    summary: 'Send an e-mail to a customer',
    description:
      "SendEmail: the message is recorded in the outbox (EmailQueued, on the customer's timeline) and delivered by the sender through SMTP, with retries: 201 means queued, not sent.",
  })
  @Post()
  @HttpCode(201)
  async send(@Body() body: SendEmailDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    const { emailId, ...message } = body;
    const command = new EmailCommandMessage(
      {
        type: 'QueueEmail',
        ...message,
        emailId: newId(meta, 'email', emailId),
        attachments: [],
        now: meta.now,
      },
      meta,
    );
    return answer(await this.commands.execute(command), true);
  }
}

@CommandController('invoices')
export class InvoiceEmailController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({
    summary: 'E-mail an invoice as PDF and e-invoice',
    description: 'Sends an issued invoice by e-mail with its PDF; recorded as sent once delivered.',
  })
  @Post(':id/email')
  @HttpCode(201)
  async email(
    @Param('id', uuidParam()) id: string,
    @Body() body: EmailInvoiceDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const { emailId, ...rest } = body;
    const command = new EmailCommandMessage(
      {
        type: 'EmailInvoice',
        ...rest,
        invoiceId: id,
        emailId: newId(meta, 'email', emailId),
        now: meta.now,
      },
      meta,
    );
    return answer(await this.commands.execute(command), true);
  }
}

export const emailHandlers = [EmailHandler];
