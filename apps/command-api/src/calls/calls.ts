import { ApiOperation, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Body, HttpCode, Post } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { callRecording, customerDecider, documentDecider, phoneParties } from '#domain';
import { type CallRecord } from '#events';
import { IsOmittable, IsTimestamp, problem, readConfig } from '#platform';
import { projections } from '#read-models';
import {
  ActivityCommandMessage,
  AggregateRepository,
  type CommandMeta,
  CommandReads,
  deterministicId,
  requireActiveStaff,
} from '#commands';
import { CommandController } from '../command-handling/command-controller';
import { answer, type CommandResult } from '../command-handling/command-result';
import { IsStaffId, IsText } from '../command-handling/dto';
import { Meta } from '../command-handling/request-meta';

export class LogCallDto {
  @ApiProperty({
    description:
      "The other party's number in any format (`+372 5551 2345`, `5551 2345`, `0037255512345`); without a country code it is read as SELLER_COUNTRY's",
    example: '+372 5551 2345',
    pattern: '^\\+?[0-9][0-9 ().-]{2,39}$',
  })
  @IsString()
  @Matches(/^\+?[0-9][0-9 ().-]{2,39}$/, {
    message: 'number must be digits, with spaces, dots, dashes or parentheses and an optional +',
  })
  number!: string;
  @ApiProperty({ enum: ['inbound', 'outbound'] })
  @IsIn(['inbound', 'outbound'])
  direction!: 'inbound' | 'outbound';
  @ApiProperty({ format: 'date-time' }) @IsTimestamp() startedAt!: string;
  @ApiProperty({ minimum: 0, maximum: 86_400, description: 'Length of the talk in seconds' })
  @IsInt()
  @Min(0)
  @Max(86_400)
  durationSeconds!: number;
  /** The staff member on the call. */
  @IsStaffId(true)
  staffId!: string;
  @ApiPropertyOptional({
    description:
      "The telephony system's id of the call: the same call sent again is answered as before",
    maxLength: 200,
  })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  callId?: string;
  @ApiPropertyOptional({ description: 'What was said, as the caller noted it' })
  @IsOmittable()
  @IsText(5000)
  summary?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The recording, uploaded before with POST /documents for the same customer',
  })
  @IsOmittable()
  @IsUUID()
  recordingDocumentId?: string;
}

/** A call as a telephony system reports it, with the number read as E.164. */
export type CallRequest = CallRecord & {
  startedAt: string;
  staffId: string;
  summary?: string;
  /** The digits a stored number ends with when it is this one (the national number). */
  nationalDigits: string;
};

export class LogCallCommand extends Command<CommandResult> {
  constructor(
    readonly call: CallRequest,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

let region: CountryCode | undefined;

/** The number as E.164, read with the seller's country when it has no country code. */
const parsed = (number: string) => {
  region ??= readConfig().seller.address.country as CountryCode;
  const phone = parsePhoneNumberFromString(number, region);
  return phone?.isPossible() ? phone : undefined;
};

/** Two numbers are the same when both read as the same E.164 number. */
const samePhone = (e164: string) => (stored: string) => parsed(stored)?.number === e164;

const minutesOf = (seconds: number) => Math.ceil(seconds / 60);

/**
 * LogCall: the call is logged as an interaction (kind `call`, the minutes it took) on every
 * customer at whom the number is found — the customer's own phones or a contact person's,
 * compared as E.164 numbers — with the contact as a participant. A number nobody has is
 * refused (404 caller-unknown), as is a recording of another customer (409).
 */
@CommandHandler(LogCallCommand)
export class LogCallHandler implements ICommandHandler<LogCallCommand> {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly reads: CommandReads,
    private readonly commands: CommandBus,
  ) {}

  async execute({ call, meta }: LogCallCommand): Promise<CommandResult> {
    await requireActiveStaff(this.repository, call.staffId, 'staff member on the call');
    await this.reads.caughtUp(projections.search, await this.repository.headPosition());
    const found: { customerId: string; contactIds: string[] }[] = [];
    for (const customerId of await this.reads.customersWithPhoneEnding(call.nationalDigits)) {
      const { state } = await this.repository.load(`customer-${customerId}`, customerDecider);
      if (state.status !== 'active') continue;
      const parties = phoneParties(state, samePhone(call.number));
      if (parties.customer || parties.contactIds.length > 0)
        found.push({ customerId, contactIds: parties.contactIds });
    }
    if (found.length === 0)
      throw problem(
        404,
        'caller-unknown',
        'Not found',
        `No active customer or contact person has the number ${call.number}`,
      );
    if (call.recordingDocumentId) await this.recording(call.recordingDocumentId, found);
    let result: CommandResult | undefined;
    const logged: string[] = [];
    for (const { customerId, contactIds } of found) {
      const activityId = deterministicId(`${meta.commandId}\ncall\n${customerId}`);
      const step = { ...meta, commandId: deterministicId(`${meta.commandId}\n${customerId}`) };
      const r = await this.commands.execute(
        new ActivityCommandMessage(
          {
            type: 'LogInteraction',
            activityId,
            customerId,
            kind: 'call',
            summary:
              call.summary ??
              `${call.direction === 'inbound' ? 'Inbound' : 'Outbound'} call, ${minutesOf(call.durationSeconds)} min`,
            minutesSpent: minutesOf(call.durationSeconds),
            occurredAt: call.startedAt,
            staffId: call.staffId,
            ...(contactIds.length > 0
              ? { participants: contactIds.map((id) => ({ kind: 'contact' as const, id })) }
              : {}),
            call: {
              direction: call.direction,
              number: call.number,
              durationSeconds: call.durationSeconds,
              ...(call.callId ? { callId: call.callId } : {}),
              ...(call.recordingDocumentId
                ? { recordingDocumentId: call.recordingDocumentId }
                : {}),
            },
            now: meta.now,
          },
          step,
        ),
      );
      logged.push(activityId);
      result = result ? { ...r, position: Math.max(r.position, result.position) } : r;
    }
    return {
      ...result!,
      id: logged[0]!,
      activityIds: logged,
      customerIds: found.map((f) => f.customerId),
    };
  }

  /** The recording is a document attached to (one of) the customers the call is logged on. */
  private async recording(documentId: string, found: { customerId: string }[]) {
    const { state } = await this.repository.load(`document-${documentId}`, documentDecider);
    callRecording(
      state,
      documentId,
      found.map((f) => f.customerId),
    );
  }
}

@CommandController('calls')
export class CallsController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({
    summary: 'Log a call from a telephony system (LogCall)',
    description:
      "Matches the number, in any format, to customers' and contact persons' phones as E.164 numbers and logs the call as an interaction of kind `call` on each customer found (minutes rounded up), with the contact person as a participant. 404 caller-unknown when nobody has the number. With `callId`, the same call sent again answers as the first time.",
  })
  @Post()
  @HttpCode(201)
  async log(@Body() body: LogCallDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    const phone = parsed(body.number);
    // Written like a number but none that can be dialled: nobody has it.
    if (!phone)
      throw problem(
        404,
        'caller-unknown',
        'Not found',
        `${body.number} is not a number any customer or contact person can have`,
      );
    // The telephony system's id makes a resend the same command, whatever its Idempotency-Key.
    const command = body.callId
      ? { ...meta, commandId: deterministicId(`call\n${body.callId}`), idempotent: true }
      : meta;
    const { number: _n, ...rest } = body;
    return answer(
      await this.commands.execute(
        new LogCallCommand(
          { ...rest, number: phone.number, nationalDigits: phone.nationalNumber },
          command,
        ),
      ),
      true,
    );
  }
}
