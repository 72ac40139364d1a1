import { Body, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import {
  activeSegment,
  campaignDecider,
  customerDecider,
  DomainError,
  segmentDecider,
  type StartCampaign,
} from '#domain';
import { type CustomerLanguage } from '#events';
import { textsFor } from '#documents';
import { IsOmittable, readConfig, readUnsubscribeToken, webhookKey } from '#platform';
import { CommandController } from '../command-handling/command-controller';
import { answer, type CommandResult } from '../command-handling/command-result';
import { IsText } from '../command-handling/dto';
import { Meta } from '../command-handling/request-meta';
import { AggregateRepository, type CommandMeta, commandMeta, newId } from '#commands';

export class StartCampaignDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() campaignId?: string;
  @IsText(200) name!: string;
  @IsUUID() segmentId!: string;
  @IsText(300) subject!: string;
  @IsText(20_000) text!: string;
}

export class StartCampaignCommand extends Command<CommandResult> {
  constructor(
    readonly command: StartCampaign,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/** A campaign starts for a segment that exists; the command is the domain's own. */
@CommandHandler(StartCampaignCommand)
export class StartCampaignHandler implements ICommandHandler<StartCampaignCommand> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({ command, meta }: StartCampaignCommand): Promise<CommandResult> {
    const { campaignId, segmentId } = command;
    const segment = await this.repository.load(`segment-${segmentId}`, segmentDecider);
    activeSegment(segment.state, segmentId);
    const r = await this.repository.execute(`campaign-${campaignId}`, campaignDecider, meta, (s) =>
      campaignDecider.decide(command, s),
    );
    return { id: campaignId, revision: r.revision, position: r.position };
  }
}

@CommandController('campaigns')
export class CampaignsController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({
    summary: "Start an e-mail campaign to a segment's consenting members",
    description:
      'StartCampaign: the text goes to every member of the segment who consents to e-mail, each message personal (`{{name}}`) with its own unsubscribe link (`{{unsubscribeUrl}}`), queued at `CAMPAIGN_RATE_PER_SECOND` and delivered through the outbox.',
  })
  @Post()
  @HttpCode(201)
  async start(@Body() body: StartCampaignDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    const command: StartCampaign = {
      type: 'StartCampaign',
      campaignId: newId(meta, 'campaign', body.campaignId),
      name: body.name,
      segmentId: body.segmentId,
      subject: body.subject,
      text: body.text,
      now: meta.now,
    };
    return answer(await this.commands.execute(new StartCampaignCommand(command, meta)), true);
  }
}

const page = (language: CustomerLanguage, title: string, body: string) =>
  `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body style="font-family:sans-serif;max-width:32rem;margin:4rem auto">${body}</body></html>`;

/** The page the recipient sees, in their language. */
const htmlPage = {
  description: 'An HTML page for the recipient',
  content: { 'text/html': { schema: { type: 'string' as const } } },
};

/**
 * The unsubscribe link of a campaign message: no login, the signed token says who. Opening it
 * shows a button (link scanners that open it change nothing); pressing it — or a mail
 * client's one-click unsubscribe (RFC 8058) — records WithdrawMarketingConsent for e-mail.
 */
@CommandController('unsubscribe')
export class UnsubscribeController {
  private readonly key: Buffer;
  private readonly defaultLanguage: CustomerLanguage;

  constructor(private readonly repository: AggregateRepository) {
    const config = readConfig();
    this.key = webhookKey(config);
    this.defaultLanguage = config.defaultLanguage;
  }

  /** The page is in the recipient's language; a link that names no one, in the default one. */
  private async languageOf(customerId: string | undefined): Promise<CustomerLanguage> {
    if (!customerId) return this.defaultLanguage;
    const { state } = await this.repository.load(`customer-${customerId}`, customerDecider);
    return state.status === 'none'
      ? this.defaultLanguage
      : (state.profile.preferredLanguage ?? this.defaultLanguage);
  }

  private invalid(language: CustomerLanguage) {
    const t = textsFor(language);
    return page(language, t.unsubscribeTitle, `<p>${t.unsubscribeFailed}</p>`);
  }

  @ApiOperation({ summary: 'The unsubscribe page of a campaign message (HTML)' })
  @ApiOkResponse(htmlPage)
  @Get(':token')
  @Header('content-type', 'text/html; charset=utf-8')
  async confirm(@Param('token') token: string): Promise<string> {
    const who = readUnsubscribeToken(this.key, token);
    const language = await this.languageOf(who?.customerId);
    if (!who) return this.invalid(language);
    const t = textsFor(language);
    return page(
      language,
      t.unsubscribeTitle,
      `<form method="post"><p>${t.unsubscribeQuestion}</p><button type="submit">${t.unsubscribeButton}</button></form>`,
    );
  }

  @ApiOperation({ summary: 'Unsubscribe from campaign messages (one-click)' })
  @ApiOkResponse(htmlPage)
  @Post(':token')
  @HttpCode(200)
  @Header('content-type', 'text/html; charset=utf-8')
  async unsubscribe(@Param('token') token: string): Promise<string> {
    const who = readUnsubscribeToken(this.key, token);
    const language = await this.languageOf(who?.customerId);
    if (!who) return this.invalid(language);
    // The recipient acts, without an account: the command is named after the link.
    const meta = commandMeta({}, `recipient:${who.customerId}`, 'POST /unsubscribe', new Date());
    try {
      // Without consent (already withdrawn) the decider records nothing.
      await this.repository.execute(`customer-${who.customerId}`, customerDecider, meta, (state) =>
        customerDecider.decide(
          {
            type: 'WithdrawMarketingConsent',
            customerId: who.customerId,
            channel: 'email',
            source: `campaign:${who.campaignId}`,
            ...(who.consentGivenAt !== undefined ? { consentGivenAt: who.consentGivenAt } : {}),
            now: meta.now,
          },
          state,
        ),
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
    const t = textsFor(language);
    return page(language, t.unsubscribed, `<p>${t.unsubscribedDetail}</p>`);
  }
}

export const campaignHandlers = [StartCampaignHandler];
