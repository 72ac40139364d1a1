import { AggregateRepository } from '#commands';
import { MemoryEventStore } from '#event-store';
import { type KroonikaEvent } from '#events';
import { SqliteReadStore } from '#read-store';
import { appendAll } from '../../../../libs/event-store/src/personal-data/personal-data-fixture';
import { campaignsProjection } from '../../../projector/src/campaigns/campaigns.projection';
import { customer360Projection } from '../../../projector/src/customer-360/customer-360.projection';
import { customFieldsProjection } from '../../../projector/src/custom-fields/custom-fields.projection';
import { emailsProjection } from '../../../projector/src/emails/emails.projection';
import { purchasesProjection } from '../../../projector/src/purchases/purchases.projection';
import { ProjectionRunner } from '../../../projector/src/runner/projection-runner';
import { segmentsProjection } from '../../../projector/src/segments/segments.projection';
import { DutyLeases } from '../stores.module';
import { DutyRecords, WorkerReads } from '../worker-reads';
import { CampaignDispatcher } from './campaign-dispatcher';

const at = '2026-03-01T09:00:00.000Z';

describe('CampaignDispatcher', () => {
  const signingKey = process.env['WEBHOOK_SIGNING_KEY'];
  beforeAll(() => {
    // The unsubscribe links are signed; a key given keeps the test from writing one to disk.
    process.env['WEBHOOK_SIGNING_KEY'] = 'campaign-dispatcher-spec';
  });
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  });
  afterAll(() => {
    if (signingKey === undefined) delete process.env['WEBHOOK_SIGNING_KEY'];
    else process.env['WEBHOOK_SIGNING_KEY'] = signingKey;
  });

  it('waits for the customers of a campaign read as of its start before it walks them', async () => {
    const events = new MemoryEventStore();
    const reads = new SqliteReadStore(':memory:');
    stops.push(() => reads.close());
    // Given a customer tagged and consenting just before a campaign to the tag's segment
    const started = (await appendAll(
      events,
      [
        [
          'customer-c1',
          {
            type: 'CustomerRegistered',
            data: {
              customerId: 'c1',
              kind: 'person',
              name: 'Kai Kuusk',
              email: 'kai@kuusk.ee',
              ownerId: 'admin',
              registeredAt: at,
            },
          },
        ],
        [
          'customer-c1',
          { type: 'CustomerTagged', data: { customerId: 'c1', tags: ['replies'], taggedAt: at } },
        ],
        [
          'customer-c1',
          {
            type: 'MarketingConsentRecorded',
            data: {
              customerId: 'c1',
              channel: 'email',
              source: 'web form',
              givenAt: at,
              recordedAt: at,
            },
          },
        ],
        [
          'segment-g1',
          {
            type: 'SegmentDefined',
            data: {
              segmentId: 'g1',
              name: 'Replies',
              rules: { tagsAll: ['replies'] },
              definedAt: at,
            },
          },
        ],
        [
          'campaign-k1',
          {
            type: 'CampaignStarted',
            data: {
              campaignId: 'k1',
              name: 'Spring offer',
              segmentId: 'g1',
              subject: 'Spring offer for {{name}}',
              text: 'Tere, {{name}}!',
              startedAt: at,
            },
          },
        ],
      ] satisfies [string, KroonikaEvent][],
      'admin',
    ))!;
    // … and read models where the campaign is already sending but the customers are behind
    const campaigns = new ProjectionRunner(events, reads, [
      campaignsProjection,
      segmentsProjection,
      emailsProjection,
    ]);
    stops.push(() => campaigns.stop());
    await campaigns.start();
    await campaigns.caughtUp(started.position, 10_000);
    const leases = new DutyLeases(reads);
    stops.push(() => leases.stop());
    await leases.for('campaigns').acquired();
    const dispatcher = new CampaignDispatcher(
      new AggregateRepository(events),
      new WorkerReads(reads),
      new DutyRecords(reads),
      leases,
    );
    const logged = async () => (await events.readAll(0, { limit: 1000 })).map((e) => e.type);

    // When a round runs then, nobody is skipped and the campaign is not completed
    await dispatcher.dispatch();
    expect(await logged()).toEqual([
      'CustomerRegistered',
      'CustomerTagged',
      'MarketingConsentRecorded',
      'SegmentDefined',
      'CampaignStarted',
    ]);

    // Then, once the customers have caught up, the next round reaches the member and completes
    const rest = new ProjectionRunner(events, reads, [
      customer360Projection,
      purchasesProjection,
      customFieldsProjection,
    ]);
    stops.push(() => rest.stop());
    await rest.start();
    await rest.caughtUp(started.position, 10_000);
    await dispatcher.dispatch();
    const after = await events.readAll(started.position, { limit: 1000 });
    expect(after.map((e) => e.type)).toEqual(['EmailQueued', 'CampaignCompleted']);
    expect(after[0]!.data).toMatchObject({
      to: ['kai@kuusk.ee'],
      subject: 'Spring offer for Kai Kuusk',
      campaignId: 'k1',
    });
    expect(after[1]!.data).toMatchObject({ campaignId: 'k1', recipients: 1 });
  });
});
