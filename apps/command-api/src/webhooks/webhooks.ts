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
import { type WebhookCommand, webhookDecider } from '#domain';
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

export class WebhookCommandMessage extends Command<CommandResult> {
  constructor(
    readonly command: WebhookCommand,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/** Subscriptions: a new one is answered with its signing secret, once. */
@CommandHandler(WebhookCommandMessage)
export class WebhookHandler implements ICommandHandler<WebhookCommandMessage> {
  private readonly key = webhookKey(readConfig());

  constructor(private readonly repository: AggregateRepository) {}

  async execute({ command, meta }: WebhookCommandMessage): Promise<CommandResult> {
    const { subscriptionId } = command;
    const r = await this.repository.execute(
      `webhook-${subscriptionId}`,
      webhookDecider,
      meta,
      (s) => webhookDecider.decide(command, s),
    );
    return {
      id: subscriptionId,
      revision: r.revision,
      position: r.position,
      ...(command.type === 'SubscribeWebhook'
        ? { secret: webhookSecret(this.key, subscriptionId) }
        : {}),
    };
  }
}

@CommandController('webhooks')
export class WebhooksController {
  private readonly targets = new TargetPolicy(readConfig().webhooks.allowedTargets);

  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({
    summary: 'Subscribe a webhook to events',
    description:
      'SubscribeWebhook (admins): events of these types are POSTed to the URL as JSON, signed (`Kroonika-Signature: t=…,v1=…`, HMAC-SHA256 of `t.body` with the `secret` answered here, once), with the event id as `Kroonika-Event-Id`; retried with backoff until accepted.',
  })
  @Post()
  @HttpCode(201)
  async subscribe(@Body() body: SubscribeWebhookDto, @Meta() meta: CommandMeta) {
    try {
      this.targets.checkUrl(body.url);
    } catch (error) {
      if (!(error instanceof TargetRefusedError)) throw error;
      throw problem(400, 'webhook-target-refused', 'Webhook target refused', error.message);
    }
    const command: WebhookCommand = {
      type: 'SubscribeWebhook',
      subscriptionId: newId(meta, 'webhook', body.subscriptionId),
      url: body.url,
      eventTypes: body.eventTypes,
      ...(body.description ? { description: body.description } : {}),
      now: meta.now,
    };
    return answer(await this.commands.execute(new WebhookCommandMessage(command, meta)), true);
  }

  @ApiOperation({ summary: 'Unsubscribe a webhook' })
  @Post(':id/unsubscribe')
  @HttpCode(200)
  async unsubscribe(
    @Param('id', uuidParam()) id: string,
    @Body() body: UnsubscribeWebhookDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command: WebhookCommand = {
      type: 'UnsubscribeWebhook',
      subscriptionId: id,
      ...(body.reason ? { reason: body.reason } : {}),
      now: meta.now,
    };
    return answer(await this.commands.execute(new WebhookCommandMessage(command, meta)), false);
  }
}

export const webhookHandlers = [WebhookHandler];
