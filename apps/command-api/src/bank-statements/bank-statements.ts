import {
  createParamDecorator,
  type ExecutionContext,
  Body,
  HttpCode,
  Param,
  Post,
} from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOperation,
  ApiProperty,
  ApiResponse,
} from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { type FastifyRequest } from 'fastify';
import {
  type AssignStatementEntry,
  bankStatementDecider,
  invoiceDecider,
  issuedOf,
  matchLine,
  notFound,
  type PayableInvoice,
  referencesIn,
  statementAccount,
} from '#domain';
import { type StatementLine } from '#events';
import {
  type BankStatement,
  parseCamt,
  problem,
  readConfig,
  StatementFormatError,
  uuidParam,
} from '#platform';
import { CommandController } from '../command-handling/command-controller';
import { answer, type CommandResult } from '../command-handling/command-result';
import { Meta } from '../command-handling/request-meta';
import { InvoiceLookup } from '../invoices/invoice-lookup';
import { AggregateRepository, type CommandMeta, deterministicId } from '#commands';

export class AssignStatementEntryDto {
  @ApiProperty({ format: 'uuid', description: 'The invoice the transaction pays' })
  @IsUUID()
  invoiceId!: string;
}

/**
 * ImportBankStatement as the file gives it: the parsed statement, before its account is
 * checked against the seller's and its lines are matched to invoices (loaded by the handler).
 */
export type ImportStatementRequest = {
  type: 'ImportBankStatement';
  statement: BankStatement;
  now: string;
};

/** AssignStatementEntry naming the invoice, which the handler loads before deciding. */
export type AssignEntryRequest = Omit<AssignStatementEntry, 'invoice'> & { invoiceId: string };

export class ImportBankStatementCommand extends Command<CommandResult> {
  constructor(
    readonly command: ImportStatementRequest,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

export class AssignStatementEntryCommand extends Command<CommandResult> {
  constructor(
    readonly command: AssignEntryRequest,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/** The statement file as the domain reads it; a file that is none is a 400. */
const parseStatement = (xml: string): BankStatement => {
  try {
    return parseCamt(xml);
  } catch (error) {
    if (error instanceof StatementFormatError)
      throw problem(
        400,
        error.kind,
        error.kind === 'malformed-xml' ? 'Malformed XML' : 'Not a supported bank statement',
        error.message,
      );
    throw error;
  }
};

type Summary = Record<'matched' | 'unmatched' | 'ambiguous' | 'duplicate' | 'ignored', number>;

const summary = (lines: StatementLine[]): Summary => {
  const out: Summary = { matched: 0, unmatched: 0, ambiguous: 0, duplicate: 0, ignored: 0 };
  for (const line of lines) out[line.match.status] += 1;
  return out;
};

/** The id of the n-th event a command appended to a stream (as the repository derives it). */
const eventIdOf = (meta: CommandMeta, streamId: string, index: number) =>
  deterministicId(`${meta.commandId}\n${streamId}\n${index}`);

/**
 * Records a payment a statement line makes, caused by the statement's event. The bank's
 * transaction id is the payment id, so a line recorded before (from a camt.054 notification,
 * say) is recorded once; money above what is owed is kept as a credit, because it arrived.
 */
const recordPayment = async (
  repository: AggregateRepository,
  meta: CommandMeta,
  causationId: string,
  statementId: string,
  line: Pick<
    StatementLine,
    'entryId' | 'amount' | 'currency' | 'bookedOn' | 'reference' | 'remittance'
  >,
  invoiceId: string,
) => {
  const reference = line.reference ?? line.remittance;
  return repository.execute(
    `invoice-${invoiceId}`,
    invoiceDecider,
    { ...meta, causationId },
    (state) =>
      invoiceDecider.decide(
        {
          type: 'RecordPayment',
          invoiceId,
          paymentId: line.entryId,
          amount: line.amount,
          currency: line.currency,
          paidOn: line.bookedOn,
          ...(reference ? { reference: reference.slice(0, 200) } : {}),
          allowOverpayment: true,
          statement: { statementId, entryId: line.entryId },
          now: meta.now,
        },
        state,
      ),
  );
};

/**
 * Imports a camt.053 statement or camt.054 notification of one of the seller's accounts:
 * each credit is matched to an open invoice by its payment reference, then by amount and the
 * payer's name, and recorded as a payment caused by the statement; the rest is kept for
 * review. The statement's id derives from the account and the bank's statement id, so
 * importing the same file again records nothing new (it completes an import that stopped
 * part-way: the payments its matched lines still lack).
 */
@CommandHandler(ImportBankStatementCommand)
export class ImportBankStatementHandler implements ICommandHandler<ImportBankStatementCommand> {
  private readonly accounts = readConfig().seller.bankAccounts;

  constructor(
    private readonly repository: AggregateRepository,
    private readonly lookup: InvoiceLookup,
  ) {}

  async execute({ command, meta }: ImportBankStatementCommand): Promise<CommandResult> {
    const { statement } = command;
    const statementId = deterministicId(
      `bank-statement\n${statement.account}\n${statement.statementId}`,
    );
    const stream = `bankStatement-${statementId}`;
    const existing = await this.repository.load(stream, bankStatementDecider);
    if (existing.state.status === 'imported') {
      // An import that stopped after recording the statement (the process died, the store
      // failed) left some of its matched payments unrecorded: the same file again records them.
      const { lines, position } = await this.recordMatched(meta, stream, existing.position);
      return {
        id: statementId,
        revision: existing.revision,
        position,
        status: 'already-imported',
        ...summary(lines),
      };
    }
    const account = statementAccount(this.accounts, statement);
    await this.lookup.caughtUp(await this.repository.headPosition());
    const lines: StatementLine[] = [];
    for (const entry of statement.entries) {
      const byReference = await this.candidates(
        (await Promise.all(referencesIn(entry).map((r) => this.lookup.byReference(r)))).flat(),
        entry.entryId,
        account.currency,
      );
      const byAmount =
        byReference.length === 0 && entry.direction === 'credit'
          ? await this.candidates(
              (await this.lookup.owing(entry.amount, account.currency)).map((o) => o.invoiceId),
              entry.entryId,
              account.currency,
            )
          : [];
      lines.push({ ...entry, match: matchLine(entry, byReference, byAmount) });
    }
    const r = await this.repository.execute(stream, bankStatementDecider, meta, (state) =>
      bankStatementDecider.decide(
        {
          type: 'ImportBankStatement',
          statement: {
            statementId,
            format: statement.format,
            version: statement.version,
            messageId: statement.messageId,
            bankStatementId: statement.statementId,
            account: statement.account,
            currency: account.currency,
            ...(statement.from ? { from: statement.from } : {}),
            ...(statement.to ? { to: statement.to } : {}),
            lines,
          },
          now: command.now,
        },
        state,
      ),
    );
    const { lines: final, position } = await this.recordMatched(meta, stream, r.position);
    return {
      id: statementId,
      revision: r.revision,
      position,
      status: 'imported',
      ...summary(final),
    };
  }

  /**
   * Records the payment of every line the recorded statement matched, caused by its event; a
   * payment recorded before (the same bank transaction id) is not recorded again. Answers the
   * statement's lines as recorded and the position that covers them and their payments.
   */
  private async recordMatched(meta: CommandMeta, stream: string, from: number) {
    const recorded = (await this.repository.events(stream)).find(
      (e) => e.type === 'BankStatementImported',
    );
    if (!recorded) return { lines: [], position: from };
    const { statementId, lines } = recorded.data as { statementId: string; lines: StatementLine[] };
    let position = Math.max(from, recorded.position);
    for (const line of lines)
      if (line.match.status === 'matched') {
        const paid = await recordPayment(
          this.repository,
          meta,
          recorded.eventId,
          statementId,
          line,
          line.match.invoice.invoiceId,
        );
        position = Math.max(position, paid.position);
      }
    return { lines, position };
  }

  /** The invoices found, judged from their own streams and with their customers' names. */
  private async candidates(ids: string[], entryId: string, currency: string) {
    const out: PayableInvoice[] = [];
    for (const invoiceId of [...new Set(ids)]) {
      const { state } = await this.repository.load(`invoice-${invoiceId}`, invoiceDecider);
      if (state.status === 'none' || state.status === 'draft' || state.status === 'discarded')
        continue;
      const invoice = issuedOf(state, invoiceId);
      const named = await this.lookup.customerName(invoice.customerId);
      out.push({
        invoiceId,
        number: invoice.number,
        customerId: invoice.customerId,
        customerName: named,
        payable: invoice.status !== 'void' && invoice.currency === currency,
        alreadyPaidBy: invoice.payments.has(entryId),
      });
    }
    return out;
  }
}

/** An unmatched or ambiguous line assigned by hand: recorded, then paid on the invoice. */
@CommandHandler(AssignStatementEntryCommand)
export class AssignStatementEntryHandler implements ICommandHandler<AssignStatementEntryCommand> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({ command, meta: request }: AssignStatementEntryCommand): Promise<CommandResult> {
    const { statementId, entryId, invoiceId } = command;
    const stream = `bankStatement-${statementId}`;
    // An If-Match names the statement's revision, not the invoice's it pays.
    const meta = await this.repository.pin(request, stream, bankStatementDecider);
    const loaded = await this.repository.load(stream, bankStatementDecider);
    if (loaded.state.status === 'none') throw notFound('bank-statement', statementId);
    const events = await this.repository.events(stream);
    const imported = events.find((e) => e.type === 'BankStatementImported');
    const line = (imported?.data as { lines: StatementLine[] } | undefined)?.lines.find(
      (l) => l.entryId === entryId,
    );
    if (!line) throw notFound('statement-entry', entryId);
    const { state } = await this.repository.load(`invoice-${invoiceId}`, invoiceDecider);
    const invoice = issuedOf(state, invoiceId);
    const payment = {
      type: 'RecordPayment' as const,
      invoiceId,
      paymentId: line.entryId,
      amount: line.amount,
      currency: line.currency,
      paidOn: line.bookedOn,
      allowOverpayment: true,
      now: command.now,
    };
    // The payment must be possible before the assignment is recorded.
    invoiceDecider.decide(payment, state);
    const assigned = {
      invoiceId,
      number: invoice.number,
      customerId: invoice.customerId,
    };
    const { invoiceId: _named, ...assign } = command;
    const r = await this.repository.execute(stream, bankStatementDecider, meta, (s) =>
      bankStatementDecider.decide({ ...assign, invoice: assigned }, s),
    );
    const causationId = r.appended > 0 ? eventIdOf(meta, stream, 0) : meta.causationId;
    const paid = await recordPayment(
      this.repository,
      meta,
      causationId,
      statementId,
      line,
      invoiceId,
    );
    return {
      id: statementId,
      revision: r.revision,
      position: Math.max(r.position, paid.position),
      invoiceId,
    };
  }
}

/** The statement file as text: the body of an XML request (anything else is 415). */
const StatementFile = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const { body } = context.switchToHttp().getRequest<FastifyRequest>();
  if (!Buffer.isBuffer(body))
    throw problem(
      415,
      'unsupported-media-type',
      'Unsupported media type',
      'Send the statement file as application/xml',
    );
  return body.toString('utf8');
});

@CommandController('bank-statements')
export class BankStatementsController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({
    summary: 'Import a bank statement (ISO 20022 camt.053/camt.054) and match its entries',
    description:
      'ImportBankStatement: an ISO 20022 camt.053 statement or camt.054 notification as the request body (application/xml). 201 with what was matched; the same file again is 200 and records nothing new (an import that stopped part-way gets the payments its matched lines still lack).',
  })
  @ApiCreatedResponse({ description: 'Imported: what was matched, assigned and left open' })
  @ApiResponse({
    status: 200,
    description: 'The statement was imported before: nothing new recorded',
  })
  @Post()
  @HttpCode(201)
  @ApiConsumes('application/xml', 'text/xml')
  @ApiBody({
    description: 'The camt.053 or camt.054 file as the bank exported it',
    schema: { type: 'string', format: 'binary' },
  })
  async import(@StatementFile() file: string, @Meta() meta: CommandMeta): Promise<CommandResult> {
    const command = {
      type: 'ImportBankStatement' as const,
      statement: parseStatement(file),
      now: meta.now,
    };
    const result = await this.commands.execute(new ImportBankStatementCommand(command, meta));
    return answer(result, result['status'] === 'imported');
  }

  @ApiOperation({
    summary: 'Assign a statement entry to an invoice by hand',
    description:
      'Assigns an unmatched or ambiguous transaction to the invoice it pays, and records the payment.',
  })
  @Post(':id/entries/:entryId/assign')
  @HttpCode(200)
  async assign(
    @Param('id', uuidParam()) statementId: string,
    @Param('entryId') entryId: string,
    @Body() body: AssignStatementEntryDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    if (entryId.length === 0 || entryId.length > 140)
      throw problem(400, 'invalid-input', 'Invalid input', 'entryId is the bank transaction id');
    const command = new AssignStatementEntryCommand(
      {
        type: 'AssignStatementEntry',
        statementId,
        entryId,
        invoiceId: body.invoiceId,
        now: meta.now,
      },
      meta,
    );
    return answer(await this.commands.execute(command), false);
  }
}

export const bankStatementHandlers = [ImportBankStatementHandler, AssignStatementEntryHandler];
