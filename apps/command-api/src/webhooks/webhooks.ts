import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiOperation, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { webhookDecider } from '#domain';
import { currentSchemaVersion } from '#events';
import {
  IsOmittable,
  IsWebAddress,
  problem,
  readConfig,
  TargetPolicy,
  TargetRefusedError,
  uuidParam,
  webhookKey,
  webhookSecret,
} from '#platform';
import { CommandController } from '../command-handling/command-controller';
import { answer, type CommandResult } from '../command-handling/command-result';
import { Meta } from '../command-handling/request-meta';
import { AggregateRepository, type CommandMeta, newId } from '#commands';

const eventTypes = ['*', ...Object.keys(currentSchemaVersion)];

export class SubscribeWebhookDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() subscriptionId?: string;
  @ApiProperty({ example: 'https://erp.internal/kroonika-events' })
  @IsWebAddress()
  @MaxLength(2000)
  url!: string;
  @ApiProperty({ type: [String], example: ['DealWon', 'InvoiceIssued'], description: 'or ["*"]' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsIn(eventTypes, { each: true })
  eventTypes!: string[];
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(300) description?: string;
}

export class UnsubscribeWebhookDto {
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(300) reason?: string;
}

export class SubscribeWebhookCommand extends Command<CommandResult & { secret: string }> {
  constructor(
    readonly body: SubscribeWebhookDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

export class UnsubscribeWebhookCommand extends Command<CommandResult> {
  constructor(
    readonly subscriptionId: string,
    readonly body: UnsubscribeWebhookDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(SubscribeWebhookCommand)
export class SubscribeWebhookHandler implements ICommandHandler<SubscribeWebhookCommand> {
  private readonly key: Buffer;
  private readonly targets: TargetPolicy;

  constructor(private readonly repository: AggregateRepository) {
    const config = readConfig();
    this.key = webhookKey(config);
    this.targets = new TargetPolicy(config.webhooks.allowedTargets);
  }

  async execute({ body, meta }: SubscribeWebhookCommand) {
    try {
      this.targets.checkUrl(body.url);
    } catch (error) {
      if (!(error instanceof TargetRefusedError)) throw error;
      throw problem(400, 'webhook-target-refused', 'Webhook target refused', error.message);
    }
    const subscriptionId = newId(meta, 'webhook', body.subscriptionId);
    const r = await this.repository.execute(
      `webhook-${subscriptionId}`,
      webhookDecider,
      meta,
      (s) =>
        webhookDecider.decide(
          {
            type: 'SubscribeWebhook',
            subscriptionId,
            url: body.url,
            eventTypes: body.eventTypes,
            ...(body.description ? { description: body.description } : {}),
            now: meta.now,
          },
          s,
        ),
    );
    return {
      id: subscriptionId,
      revision: r.revision,
      position: r.position,
      secret: webhookSecret(this.key, subscriptionId),
    };
  }
}

@CommandHandler(UnsubscribeWebhookCommand)
export class UnsubscribeWebhookHandler implements ICommandHandler<UnsubscribeWebhookCommand> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({ subscriptionId, body, meta }: UnsubscribeWebhookCommand) {
    const r = await this.repository.execute(
      `webhook-${subscriptionId}`,
      webhookDecider,
      meta,
      (s) =>
        webhookDecider.decide(
          {
            type: 'UnsubscribeWebhook',
            subscriptionId,
            ...(body.reason ? { reason: body.reason } : {}),
            now: meta.now,
          },
          s,
        ),
    );
    return { id: subscriptionId, revision: r.revision, position: r.position };
  }
}

@CommandController('webhooks')
export class WebhooksController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({
    summary: 'Subscribe a webhook to events',
    description:
      'SubscribeWebhook (admins): events of these types are POSTed to the URL as JSON, signed (`Kroonika-Signature: t=…,v1=…`, HMAC-SHA256 of `t.body` with the `secret` answered here, once), with the event id as `Kroonika-Event-Id`; retried with backoff until accepted.',
  })
  @Post()
  @HttpCode(201)
  async subscribe(@Body() body: SubscribeWebhookDto, @Meta() meta: CommandMeta) {
    const result = await this.commands.execute(new SubscribeWebhookCommand(body, meta));
    answer(result, true);
    return result;
  }

  @ApiOperation({ summary: 'Unsubscribe a webhook' })
  @Post(':id/unsubscribe')
  @HttpCode(200)
  async unsubscribe(
    @Param('id', uuidParam()) id: string,
    @Body() body: UnsubscribeWebhookDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return answer(
      await this.commands.execute(new UnsubscribeWebhookCommand(id, body, meta)),
      false,
    );
  }
}

export const webhookHandlers = [SubscribeWebhookHandler, UnsubscribeWebhookHandler];
