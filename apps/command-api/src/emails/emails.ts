import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsString, IsUUID, MaxLength } from 'class-validator';
import {
  amountDue,
  emailDecider,
  invoiceDecider,
  type KnownCustomer,
  sendableInvoice,
} from '#domain';
import { type EmailQueued } from '#events';
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

/** Where a message to the customer goes when no address is given. */
const defaultRecipients = (customer: KnownCustomer): string[] => {
  const own = customer.profile.emails[0];
  if (own) return [own];
  const contact = Object.values(customer.contacts).find((c) => c.email)?.email;
  return contact ? [contact] : [];
};

/** A message to a customer: its recipients default to the customer's addresses. */
type SendEmail = {
  emailId: string;
  customerId: string;
  to?: string[];
  subject: string;
  text: string;
};

export class SendEmailCommand extends Command<CommandResult> {
  constructor(
    readonly request: SendEmail,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/** An invoice by e-mail: the text and attachment follow from the invoice, in its language. */
type EmailInvoice = { emailId: string; invoiceId: string; to?: string[]; message?: string };

export class EmailInvoiceCommand extends Command<CommandResult> {
  constructor(
    readonly request: EmailInvoice,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/** What a queued message says: EmailQueued less its id and time. */
type Message = Omit<EmailQueued['data'], 'emailId' | 'queuedAt'>;

const queue = async (
  repository: AggregateRepository,
  meta: CommandMeta,
  emailId: string,
  message: Message,
): Promise<CommandResult> => {
  const r = await repository.execute(`email-${emailId}`, emailDecider, meta, (state) =>
    emailDecider.decide({ type: 'QueueEmail', emailId, ...message, now: meta.now }, state),
  );
  return { id: emailId, revision: r.revision, position: r.position };
};

@CommandHandler(SendEmailCommand)
export class SendEmailHandler implements ICommandHandler<SendEmailCommand> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({ request: body, meta }: SendEmailCommand): Promise<CommandResult> {
    const customer = await requireActiveCustomer(this.repository, body.customerId);
    return queue(this.repository, meta, body.emailId, {
      customerId: body.customerId,
      to: body.to ?? defaultRecipients(customer),
      subject: body.subject,
      text: body.text,
      attachments: [],
    });
  }
}

@CommandHandler(EmailInvoiceCommand)
export class EmailInvoiceHandler implements ICommandHandler<EmailInvoiceCommand> {
  private readonly defaultLanguage = readConfig().defaultLanguage;

  constructor(private readonly repository: AggregateRepository) {}

  async execute({ request: body, meta }: EmailInvoiceCommand): Promise<CommandResult> {
    const { invoiceId } = body;
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
    return queue(this.repository, meta, body.emailId, {
      customerId: state.customerId,
      to: body.to ?? defaultRecipients(customer),
      subject: t.emailSubject(state.number),
      text: `${body.message ? `${body.message}\n\n` : ''}${details}`,
      attachments: [{ kind: 'invoice-pdf', invoiceId, filename: `invoice-${state.number}.pdf` }],
      invoiceId,
    });
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
    const request = { ...message, emailId: newId(meta, 'email', emailId) };
    return answer(await this.commands.execute(new SendEmailCommand(request, meta)), true);
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
    const request = { ...rest, invoiceId: id, emailId: newId(meta, 'email', emailId) };
    return answer(await this.commands.execute(new EmailInvoiceCommand(request, meta)), true);
  }
}

export const emailHandlers = [SendEmailHandler, EmailInvoiceHandler];
