import { Get, Header, HttpCode, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiResponse } from '@nestjs/swagger';
import escapeHtml from 'escape-html';
import { type FastifyReply } from 'fastify';
import { customerDecider, DomainError } from '#domain';
import { formatInstant, textsFor, type Texts } from '#documents';
import { type CustomerLanguage, type TicketEvent } from '#events';
import { readConfig, readLinkToken, webhookKey } from '#platform';
import { AggregateRepository, systemMeta } from '#commands';
import { CommandController } from '../command-handling/command-controller';
import { TicketCommandMessage } from './tickets.commands';

/** The actor of what the customer's own opening of the page records. */
export const CUSTOMER_LINK = 'customer-link';

const htmlPage = (description: string) => ({
  description,
  content: { 'text/html': { schema: { type: 'string' as const } } },
});

const page = (language: CustomerLanguage, title: string, body: string) =>
  `<!doctype html><html lang="${language}"><head><meta charset="utf-8">` +
  `<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">` +
  `<title>${escapeHtml(title)}</title></head>` +
  `<body style="font-family:sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">${body}</body></html>`;

type View = {
  subject: string;
  status: 'open' | 'resolved' | 'closed';
  openedAt: string;
  resolutionDue: string;
  replies: { message: string; at: string }[];
  resolution: string | null;
};

/** What the customer may see of a ticket: subject, status, target date and the replies. */
const viewOf = (events: { type: string; data: unknown }[]): View | undefined => {
  let view: View | undefined;
  for (const event of events as TicketEvent[]) {
    if (event.type === 'TicketOpened') {
      view = {
        subject: event.data.subject,
        status: 'open',
        openedAt: event.data.openedAt,
        resolutionDue: event.data.sla.resolutionDue,
        replies: [],
        resolution: null,
      };
      continue;
    }
    if (!view) continue;
    switch (event.type) {
      case 'TicketReclassified':
        view.resolutionDue = event.data.sla.resolutionDue;
        break;
      case 'TicketDetailsChanged':
        view.subject = event.data.subject;
        break;
      case 'TicketResponded':
        view.replies.push({ message: event.data.message, at: event.data.respondedAt });
        break;
      case 'TicketResolved':
        view.status = 'resolved';
        view.resolution = event.data.resolution;
        break;
      case 'TicketReopened':
        view.status = 'open';
        view.resolution = null;
        break;
      case 'TicketClosed':
        view.status = 'closed';
        break;
      // Who handles it, and the link's own history, are not the customer's to see.
      case 'TicketReassigned':
      case 'TicketShared':
      case 'TicketShareRevoked':
      case 'TicketStatusViewed':
        break;
    }
  }
  return view;
};

const paragraphs = (text: string) => escapeHtml(text).split(/\r?\n/).join('<br>');

/**
 * A ticket's status page for its customer: no login, the signed link shared from
 * POST /tickets/{id}/share is the credential, good until it expires, is revoked or replaced.
 * It shows the request's subject, status, the target date for its resolution and the replies
 * sent — nothing else of the customer — in the customer's language; each opening is recorded
 * (TicketStatusViewed, at most once an hour).
 */
@CommandController('ticket-status')
export class TicketStatusController {
  private readonly key: Buffer;
  private readonly defaultLanguage: CustomerLanguage;
  private readonly timeZone: string;

  constructor(
    private readonly repository: AggregateRepository,
    private readonly commands: CommandBus,
  ) {
    const config = readConfig();
    this.key = webhookKey(config);
    this.defaultLanguage = config.defaultLanguage;
    this.timeZone = config.sla.calendar.timeZone;
  }

  @ApiOperation({ summary: "A ticket's status page for its customer (HTML)" })
  @ApiOkResponse(htmlPage("The request's status, target date and replies"))
  @ApiResponse({ status: 404, ...htmlPage('The link is not valid (any more)') })
  @Get(':token')
  @HttpCode(200)
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async show(
    @Param('token') token: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const [ticketId, shareId] = readLinkToken(this.key, 'ticket-share', token, 2) ?? [];
    const invalid = (language: CustomerLanguage) => {
      void reply.status(404);
      const t = textsFor(language);
      return page(language, t.ticketStatusTitle, `<p>${escapeHtml(t.ticketLinkInvalid)}</p>`);
    };
    if (!ticketId || !shareId) return invalid(this.defaultLanguage);
    try {
      const meta = systemMeta(CUSTOMER_LINK);
      await this.commands.execute(
        new TicketCommandMessage(
          { type: 'ViewTicketStatus', ticketId, shareId, now: meta.now },
          meta,
        ),
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // A genuine link that ran out: said in the customer's language.
      return invalid(await this.languageOf(await this.repository.events(`ticket-${ticketId}`)));
    }
    const events = await this.repository.events(`ticket-${ticketId}`);
    const view = viewOf(events);
    if (!view) return invalid(this.defaultLanguage);
    const language = await this.languageOf(events);
    return page(
      language,
      `${textsFor(language).ticketStatusTitle}: ${view.subject}`,
      this.body(view, language),
    );
  }

  private async languageOf(events: { data: unknown }[]): Promise<CustomerLanguage> {
    const customerId = (events[0]?.data as { customerId?: string } | undefined)?.customerId;
    if (!customerId) return this.defaultLanguage;
    const { state } = await this.repository.load(`customer-${customerId}`, customerDecider);
    return state.status === 'none'
      ? this.defaultLanguage
      : (state.profile.preferredLanguage ?? this.defaultLanguage);
  }

  private body(view: View, language: CustomerLanguage): string {
    const t: Texts = textsFor(language);
    const when = (at: string) => escapeHtml(formatInstant(at, language, this.timeZone));
    const replies =
      view.replies.length === 0
        ? `<p>${escapeHtml(t.ticketNoReplies)}</p>`
        : view.replies
            .map(
              (r) =>
                `<article><p><small>${when(r.at)}</small></p><p>${paragraphs(r.message)}</p></article>`,
            )
            .join('');
    return [
      `<h1>${escapeHtml(t.ticketStatusTitle)}: ${escapeHtml(view.subject)}</h1>`,
      '<dl>',
      `<dt>${escapeHtml(t.ticketStatus)}</dt><dd data-status="${view.status}">${escapeHtml(t.ticketStatuses[view.status])}</dd>`,
      `<dt>${escapeHtml(t.ticketReceived)}</dt><dd>${when(view.openedAt)}</dd>`,
      ...(view.status === 'open'
        ? [`<dt>${escapeHtml(t.ticketResolutionTarget)}</dt><dd>${when(view.resolutionDue)}</dd>`]
        : []),
      '</dl>',
      ...(view.resolution
        ? [`<h2>${escapeHtml(t.ticketResolution)}</h2><p>${paragraphs(view.resolution)}</p>`]
        : []),
      `<h2>${escapeHtml(t.ticketReplies)}</h2>`,
      replies,
    ].join('');
  }
}
