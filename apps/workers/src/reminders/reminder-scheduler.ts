import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { localDay, localHour } from '#domain';
import { logFailure, Poller, readConfig } from '#platform';
import { type ActivityDoc, type StaffDoc } from '#read-models';
import { digestKey, dueNotices, type Notice, type ReminderRules } from './reminder-rules';
import { DutyLeases } from '../stores.module';
import { AggregateRepository, queueOnce } from '#commands';
import { WorkerReads } from '../worker-reads';

const DAY = 86_400_000;

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Reminds staff of their activities by e-mail, through the outbox: a reminder a set time
 * before an activity starts, a notice when it is overdue, and each morning a digest of the
 * day's and the overdue ones. Each message's id is derived from what it is about (activity,
 * time, kind; or member and day), so queuing it again — after a restart, or from a second
 * command API — finds it already queued: every notice goes out once.
 */
@Injectable()
export class ReminderScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly rules: ReminderRules;
  private readonly enabled: boolean;
  private readonly poller: Poller;
  private readonly clock: Intl.DateTimeFormat;
  private readonly agreementDays: number;

  constructor(
    private readonly repository: AggregateRepository,
    private readonly reads: WorkerReads,
    leases: DutyLeases,
  ) {
    const config = readConfig();
    // A task's due day is counted in the business calendar's zone and starts with its hours.
    const { timeZone, startHour } = config.sla.calendar;
    this.rules = { ...config.reminders, timeZone, startHour };
    this.agreementDays = config.reminders.agreementDays;
    // Reminders are e-mail: without a mail server there is nobody to tell.
    this.enabled = config.mail.smtpUrl !== undefined && config.reminders.enabled;
    this.clock = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      dateStyle: 'medium',
      timeStyle: 'short',
    });
    this.poller = new Poller(
      'reminders',
      () => this.remind(Date.now()),
      config.reminders.pollMs,
      logFailure('reminders'),
      leases.for('reminders'),
    );
  }

  onApplicationBootstrap(): void {
    if (this.enabled) this.poller.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.poller.stop();
  }

  /** One round: every notice due at `now`, then the digests whose hour has come. */
  async remind(now: number): Promise<void> {
    const today = localDay(now, this.rules.timeZone);
    // Planned activities from a week back (overdue) to tomorrow (a reminder before midnight).
    const planned = await this.reads.plannedActivities(dayOf(now - 8 * DAY), dayOf(now + DAY));
    const staff = new Map<string, StaffDoc | undefined>();
    const member = async (id: string) => {
      if (!staff.has(id)) staff.set(id, await this.reads.staffMember(id));
      const found = staff.get(id);
      return found?.status === 'active' ? found : undefined;
    };
    for (const activity of planned) {
      if (this.poller.stopping) return;
      for (const notice of dueNotices(activity, now, this.rules)) {
        const to = await member(activity.assigneeId);
        if (to) await this.notify(activity, notice, to);
      }
    }
    await this.agreementsLapsing(now, member);
    if (localHour(now, this.rules.timeZone) < this.rules.digestHour) return;
    const byMember = new Map<string, ActivityDoc[]>();
    for (const a of planned)
      if (a.day <= today) byMember.set(a.assigneeId, [...(byMember.get(a.assigneeId) ?? []), a]);
    for (const [staffId, activities] of byMember) {
      const key = digestKey(staffId, today, now, this.rules);
      const to = await member(staffId);
      if (key && to) await this.digest(key, to, today, activities);
    }
  }

  /**
   * Once per last day: the member who made an agreement in force hears `agreementDays` before
   * it lapses (the customer's owner, when that member left), through the outbox.
   */
  private async agreementsLapsing(
    now: number,
    member: (id: string) => Promise<StaffDoc | undefined>,
  ): Promise<void> {
    const today = localDay(now, this.rules.timeZone);
    const by = dayOf(now + this.agreementDays * DAY);
    for (const agreement of await this.reads.agreementsLapsing(today, by)) {
      if (this.poller.stopping) return;
      const owner = await this.reads.customerOwner(agreement.customerId);
      const to =
        (await member(agreement.staffId)) ??
        (owner !== undefined ? await member(owner) : undefined);
      if (!to || agreement.validUntil === null) continue;
      const who = (await this.reads.customerName(agreement.customerId)) || 'a customer';
      await queueOnce(
        this.repository,
        `agreement-lapse\n${agreement._id}\n${agreement.validUntil}`,
        {
          customerId: agreement.customerId,
          to: [to.email],
          subject: `Agreement ends on ${agreement.validUntil}: ${agreement.title}`,
          text: [
            `Hello ${to.name},`,
            '',
            `the agreement "${agreement.title}" with ${who} holds until ${agreement.validUntil}.`,
            'Renew it, or let it lapse.',
          ].join('\n'),
        },
      );
    }
  }

  private when(at: number) {
    return this.clock.format(at);
  }

  private async notify(activity: ActivityDoc, notice: Notice, to: StaffDoc) {
    const who = (await this.reads.customerName(activity.customerId)) || 'a customer';
    const what = `${activity.kind} "${activity.title}" with ${who}`;
    await queueOnce(this.repository, notice.key, {
      customerId: activity.customerId,
      to: [to.email],
      ...(notice.kind === 'reminder'
        ? {
            subject: `Reminder: ${activity.title} at ${this.when(notice.at)}`,
            text: `Hello ${to.name},\n\nyour ${what} starts at ${this.when(notice.at)}.`,
          }
        : {
            subject: `Overdue: ${activity.title}`,
            text: `Hello ${to.name},\n\nyour ${what} was due by ${this.when(notice.at)} and is not done yet. Complete, reschedule or cancel it.`,
          }),
    });
  }

  /** The day's plan without customers' names: the digest concerns no one customer. */
  private async digest(key: string, to: StaffDoc, today: string, activities: ActivityDoc[]) {
    const line = (a: ActivityDoc) =>
      `- ${a.startsAt ? this.when(Date.parse(a.startsAt)) : a.day} ${a.kind}: ${a.title}`;
    const due = activities.filter((a) => a.day === today);
    const overdue = activities.filter((a) => a.day < today);
    await queueOnce(this.repository, key, {
      to: [to.email],
      subject: `Your day ${today}: ${due.length} planned, ${overdue.length} overdue`,
      text: [
        `Hello ${to.name},`,
        '',
        ...(due.length > 0 ? ['Today:', ...due.map(line), ''] : []),
        ...(overdue.length > 0 ? ['Overdue:', ...overdue.map(line), ''] : []),
      ].join('\n'),
    });
  }
}
