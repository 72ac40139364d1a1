import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { campaignDecider, DomainError } from '#domain';
import { type CampaignStarted, MAILER } from '#events';
import { logFailure, Poller, readConfig, unsubscribeToken, webhookKey } from '#platform';
import { type CustomerDoc, operational, projections } from '#read-models';
import { AggregateRepository, systemMeta, queueOnce } from '#commands';
import { type LeaseKeeper } from '#read-store';
import { DutyLeases } from '../stores.module';
import { DutyRecords, type SendingCampaign, WorkerReads } from '../worker-reads';

type CursorDoc = { _id: string; after: string | null };

/** `{{name}}` and `{{unsubscribeUrl}}` filled in; the link added at the end when left out. */
export const personalise = (template: string, name: string, unsubscribeUrl: string) =>
  template.replaceAll('{{name}}', name).replaceAll('{{unsubscribeUrl}}', unsubscribeUrl);

export const withUnsubscribe = (text: string, template: string, unsubscribeUrl: string) =>
  template.includes('{{unsubscribeUrl}}')
    ? text
    : `${text}\n\n--\nTo stop receiving these e-mails: ${unsubscribeUrl}`;

/**
 * Sends campaigns: walks each running campaign's segment in customer-id order and queues one
 * message per member who consents to e-mail then, at most `ratePerSecond`. A message's id is
 * derived from the campaign and the customer, so a member reached again (after a restart, or
 * from a second command API) finds it queued: nobody gets two, and since the walk resumes
 * from its saved place — or starts over, harmlessly — nobody is skipped.
 */
@Injectable()
export class CampaignDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly config = readConfig();
  private readonly key: Buffer;
  private readonly poller: Poller;
  private readonly lease: LeaseKeeper;

  constructor(
    private readonly repository: AggregateRepository,
    private readonly reads: WorkerReads,
    private readonly records: DutyRecords,
    leases: DutyLeases,
  ) {
    this.key = webhookKey(this.config);
    this.lease = leases.for('campaigns');
    this.poller = new Poller(
      'campaigns',
      () => this.dispatch(),
      this.config.campaigns.pollMs,
      logFailure('campaigns'),
      this.lease,
    );
  }

  onApplicationBootstrap(): void {
    // Without a mail server the messages would only pile up: campaigns wait for one.
    if (this.config.mail.smtpUrl) this.poller.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.poller.stop();
  }

  async dispatch(): Promise<void> {
    const running = await this.reads.sendingCampaigns();
    let budget = Math.max(
      1,
      Math.floor((this.config.campaigns.ratePerSecond * this.config.campaigns.pollMs) / 1000),
    );
    for (const campaign of running) {
      if (this.poller.stopping || budget <= 0) return;
      budget = await this.walk(campaign, budget);
    }
  }

  /** Queues up to `budget` messages of one campaign; returns what is left of the budget. */
  private async walk(campaign: SendingCampaign, budget: number): Promise<number> {
    const event = (await this.repository.events(`campaign-${campaign._id}`)).find(
      (e) => e.type === 'CampaignStarted',
    );
    // The members are found in read models projected apart from the campaigns: one behind the
    // campaign's start would miss a customer tagged (or consenting) just before it. The
    // campaign waits for the next round until they have applied its start.
    if (!event || !(await this.reads.segmentReadyAt(event.position))) return budget;
    const started = event.data as CampaignStarted['data'];
    const rules = await this.reads.segmentRules(campaign.segmentId);
    if (!rules) return budget;
    const cursor = await this.records.get<CursorDoc>(operational.campaignCursors, campaign._id);
    let after = cursor?.after ?? undefined;
    for await (const member of this.reads.segmentMembers(rules, after)) {
      if (this.poller.stopping) return budget;
      if (budget <= 0) {
        await this.save(campaign._id, after);
        return 0;
      }
      after = member._id;
      if (await this.queue(started, member)) budget -= 1;
    }
    await this.save(campaign._id, after);
    // Every member reached: the count is what the outbox holds for the campaign.
    await this.reads.caughtUp(projections.emails, await this.repository.headPosition());
    const recipients = await this.reads.campaignRecipients(campaign._id);
    try {
      await this.repository.execute(
        `campaign-${campaign._id}`,
        campaignDecider,
        systemMeta(MAILER, `campaign\n${campaign._id}\ncomplete`),
        (s) =>
          campaignDecider.decide(
            {
              type: 'CompleteCampaign',
              campaignId: campaign._id,
              recipients,
              now: new Date().toISOString(),
            },
            s,
          ),
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
    return budget;
  }

  private async save(campaignId: string, after: string | undefined) {
    await this.records.put(
      [{ collection: operational.campaignCursors, id: campaignId, set: { after: after ?? null } }],
      this.lease.fence(),
    );
  }

  /** One member's message, if they consent to e-mail now; true when it was newly queued. */
  private async queue(campaign: CampaignStarted['data'], member: CustomerDoc) {
    const to = member.emails?.[0] ?? member.email;
    const consent = member.consents?.email;
    if (!consent || !to) return false;
    // The link acts on this consent only: withdrawn and given again, it is another one.
    const url = `${this.config.campaigns.publicUrl}/unsubscribe/${unsubscribeToken(this.key, campaign.campaignId, member._id, consent.givenAt)}`;
    return queueOnce(this.repository, `campaign\n${campaign.campaignId}\n${member._id}`, {
      customerId: member._id,
      to: [to],
      subject: personalise(campaign.subject, member.name, url),
      text: withUnsubscribe(personalise(campaign.text, member.name, url), campaign.text, url),
      campaignId: campaign.campaignId,
      unsubscribeUrl: url,
    });
  }
}
