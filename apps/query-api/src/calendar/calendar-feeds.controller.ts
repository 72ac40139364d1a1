import { Controller, Get, Inject, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import ical, { ICalAttendeeRole, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { problem, readConfig, readLinkToken, webhookKey } from '#platform';
import { type CalendarFeedDoc, collections, type CustomerDoc, type StaffDoc } from '#read-models';
import { type ReadStore } from '#read-store';
import { calendarActivities } from '../activities/calendar';
import { FileAnswer } from '../openapi/answer';
import { READ_STORE } from '../shared/read-store.provider';

const DAY = 86_400_000;
/** How far back and ahead a feed reaches, and how many events it carries at most. */
const PAST_DAYS = 60;
const FUTURE_DAYS = 366;
const MAX_EVENTS = 2000;

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Members' calendars as iCalendar (RFC 5545) feeds that calendar applications subscribe to:
 * the signed URL from POST /staff/{id}/calendar-feed is the credential, and it stops working
 * when the member revokes it, takes a new one, or leaves. A feed has what the member is
 * assigned and takes part in, from two months back to a year ahead: meetings and calls at
 * their times, tasks on their days, with the customer, the participants and the status.
 */
@ApiTags('calendar')
@Controller('calendar-feeds')
export class CalendarFeedsController {
  private readonly key: Buffer;
  private readonly timeZone: string;

  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {
    const config = readConfig();
    this.key = webhookKey(config);
    this.timeZone = config.sla.calendar.timeZone;
  }

  @FileAnswer(
    ['text/calendar'],
    "A member's calendar as an iCalendar feed",
    'RFC 5545, for Outlook, Google Calendar and the like to subscribe to; the token in the URL is the credential (`.ics` may follow it).',
  )
  @Get(':token')
  async feed(
    @Param('token') token: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const ids = readLinkToken(this.key, 'calendar-feed', token.replace(/\.ics$/, ''), 2);
    const [staffId, feedId] = ids ?? [];
    const live =
      staffId && (await this.store.get<CalendarFeedDoc>(collections.calendarFeeds, staffId));
    const member = staffId && (await this.store.get<StaffDoc>(collections.staff, staffId));
    if (!staffId || !live || live.feedId !== feedId || !member || member.status !== 'active')
      throw problem(404, 'calendar-feed-not-found', 'Not found', 'No such calendar feed');
    const body = Buffer.from(await this.calendar(member), 'utf8');
    void reply.header('content-disposition', 'inline; filename="calendar.ics"');
    void reply.header('cache-control', 'private, max-age=300');
    return new StreamableFile(body, { type: 'text/calendar; charset=utf-8', length: body.length });
  }

  private async calendar(member: StaffDoc): Promise<string> {
    const now = Date.now();
    const activities = await calendarActivities(this.store, member._id, {
      day: { $gte: dayOf(now - PAST_DAYS * DAY), $lte: dayOf(now + FUTURE_DAYS * DAY) },
    });
    const staff = new Map<string, StaffDoc | undefined>();
    const customers = new Map<string, CustomerDoc | undefined>();
    const memo = async <T>(
      cache: Map<string, T | undefined>,
      id: string,
      load: () => Promise<T | undefined>,
    ) => {
      if (!cache.has(id)) cache.set(id, await load());
      return cache.get(id);
    };
    const staffMember = (id: string) =>
      memo(staff, id, () => this.store.get<StaffDoc>(collections.staff, id));
    const customer = (id: string) =>
      memo(customers, id, () => this.store.get<CustomerDoc>(collections.customers, id));

    const calendar = ical({
      name: `Kroonika — ${member.name}`,
      prodId: { company: 'Kroonika', product: 'CRM', language: 'EN' },
      method: ICalCalendarMethod.PUBLISH,
      ttl: 15 * 60,
    });
    // Times are written in UTC; the member's zone is named for applications that show it.
    calendar.x([{ key: 'X-WR-TIMEZONE', value: this.timeZone }]);
    for (const activity of activities.slice(0, MAX_EVENTS)) {
      const client = await customer(activity.customerId);
      const organizer = await staffMember(activity.assigneeId);
      const timed = activity.startsAt !== null;
      const event = calendar.createEvent({
        id: `${activity._id}@kroonika`,
        summary: `${activity.title}${client?.name ? ` — ${client.name}` : ''}`,
        description: [
          `${activity.kind}${activity.status !== 'planned' ? `, ${activity.status}` : ''}`,
          ...(activity.notes ? [activity.notes] : []),
          ...(activity.outcome && activity.status === 'completed' ? [activity.outcome] : []),
        ].join('\n'),
        ...(timed
          ? {
              start: new Date(activity.startsAt!),
              end: new Date(activity.endsAt ?? activity.startsAt!),
            }
          : { start: new Date(`${activity.day}T00:00:00.000Z`), allDay: true }),
        status:
          activity.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
        ...(organizer ? { organizer: { name: organizer.name, email: organizer.email } } : {}),
      });
      for (const p of activity.participants) {
        if (p.kind === 'staff') {
          const colleague = await staffMember(p.id);
          if (colleague)
            event.createAttendee({
              name: colleague.name,
              email: colleague.email,
              role: ICalAttendeeRole.REQ,
            });
        } else {
          const contact = client?.contacts?.[p.id];
          if (contact?.email)
            event.createAttendee({
              name: contact.name,
              email: contact.email,
              role: ICalAttendeeRole.REQ,
            });
        }
      }
    }
    return calendar.toString();
  }
}
