import { type Event } from '#events';
import { collections } from '#read-models';
import { projectAll, storedEvents } from '../projection-testing';
import { leadSourcesProjection } from './lead-sources.projection';

const projection = leadSourcesProjection({ timeZone: 'Europe/Tallinn' });
const day = (month: number, d: number, hour = 9) =>
  new Date(Date.UTC(2026, month - 1, d, hour)).toISOString();

const created = (leadId: string, source: string, at: string): Event => ({
  type: 'LeadCreated',
  data: { leadId, personName: leadId, source, ownerId: 'anna', createdAt: at },
});
const qualified = (leadId: string, at: string): Event => ({
  type: 'LeadQualified',
  data: { leadId, qualifiedAt: at },
});
const disqualified = (leadId: string, at: string): Event => ({
  type: 'LeadDisqualified',
  data: { leadId, reason: 'No budget', disqualifiedAt: at },
});
const converted = (leadId: string, dealId: string, at: string): Event => ({
  type: 'LeadConverted',
  data: { leadId, customerId: `c-${leadId}`, dealId, pipelineId: 'p', convertedAt: at },
});
const won = (dealId: string, amount: number, at: string, currency = 'EUR'): Event => ({
  type: 'DealWon',
  data: { dealId, customerId: 'c', value: { amount, currency }, wonAt: at },
});
const lost = (dealId: string, at: string): Event => ({
  type: 'DealLost',
  data: { dealId, customerId: 'c', reason: 'Price', lostAt: at },
});
const reopened = (dealId: string, at: string): Event => ({
  type: 'DealReopened',
  data: { dealId, customerId: 'c', stageId: 's', reopenedAt: at },
});

/** The counts per cohort, without the fields every document has. */
const cohorts = async (events: Event[]) => {
  const { once } = await projectAll(projection, storedEvents(events), collections.leadSourceMonths);
  return Object.fromEntries(
    once.map(({ _id, sourceKey: _k, month: _m, _position: _p, ...counts }) => [_id, counts]),
  );
};

describe('lead sources projection: what became of the leads of each source and month', () => {
  it('given leads from a fair qualified, disqualified and converted into deals won and lost, then their month counts each outcome', async () => {
    expect(
      await cohorts([
        created('l1', 'Fair', day(3, 2)),
        created('l2', 'fair ', day(3, 3)),
        created('l3', 'FAIR', day(3, 4)),
        created('l4', 'Fair', day(3, 5)),
        qualified('l1', day(3, 4)),
        converted('l1', 'd1', day(3, 6)),
        disqualified('l2', day(3, 7)),
        converted('l3', 'd3', day(3, 8)),
        won('d1', 500_000, day(4, 2)),
        lost('d3', day(4, 3)),
        // A deal no lead made counts nowhere; a second close changes nothing.
        won('d9', 100, day(4, 4)),
        lost('d1', day(4, 5)),
      ]),
    ).toEqual({
      '2026-03:fair': {
        source: 'Fair',
        created: 4,
        qualified: 1,
        disqualified: 1,
        converted: 2,
        // l1: 4 days, l3: 4 days
        msToConvert: 8 * 86_400_000,
        won: 1,
        lost: 1,
        wonValue: { EUR: 500_000 },
      },
    });
  });

  it('given outcomes in later months, then they count for the month the lead came in', async () => {
    const docs = await cohorts([
      created('l1', 'Web form', day(1, 10)),
      created('l2', 'Phone', day(2, 10)),
      converted('l1', 'd1', day(2, 10)),
      won('d1', 1_000, day(5, 10)),
    ]);
    expect(Object.keys(docs)).toEqual(['2026-01:web form', '2026-02:phone']);
    expect(docs['2026-01:web form']).toMatchObject({ created: 1, converted: 1, won: 1 });
    expect(docs['2026-02:phone']).toEqual({ source: 'Phone', created: 1 });
  });

  it('given a lead created at 00:30 in Tallinn on 1 April, then it is of April there, not of March as in UTC', async () => {
    expect(Object.keys(await cohorts([created('l1', 'fair', '2026-03-31T21:30:00.000Z')]))).toEqual(
      ['2026-04:fair'],
    );
  });

  it('given won and lost deals reopened, then they count as neither until they close again', async () => {
    expect(
      await cohorts([
        created('l1', 'fair', day(3, 1)),
        created('l2', 'fair', day(3, 1)),
        converted('l1', 'd1', day(3, 2)),
        converted('l2', 'd2', day(3, 2)),
        won('d1', 1_000, day(3, 3)),
        lost('d2', day(3, 3)),
        reopened('d1', day(3, 4)),
        reopened('d2', day(3, 4)),
        won('d2', 300, day(3, 5), 'USD'),
      ]),
    ).toEqual({
      '2026-03:fair': {
        source: 'fair',
        created: 2,
        converted: 2,
        msToConvert: 2 * 86_400_000,
        won: 1,
        lost: 0,
        wonValue: { EUR: 0, USD: 300 },
      },
    });
  });

  it('given customers registered with a source, not from a lead, then the month they were registered in counts them', async () => {
    const registered = (customerId: string, at: string, extra: Record<string, string>): Event => ({
      type: 'CustomerRegistered',
      data: {
        customerId,
        kind: 'company',
        name: customerId,
        ownerId: 'anna',
        registeredAt: at,
        ...extra,
      },
    });
    expect(
      await cohorts([
        created('l1', 'Fair', day(3, 1)),
        registered('c1', day(3, 2), { source: 'fair' }),
        registered('c2', day(4, 2), { source: 'Referral' }),
        // converted from a lead (counted there), or registered with no source: not counted
        registered('c3', day(3, 3), { source: 'Fair', sourceLeadId: 'l1' }),
        registered('c4', day(3, 4), {}),
      ]),
    ).toEqual({
      '2026-03:fair': { source: 'Fair', created: 1, registeredDirectly: 1 },
      '2026-04:referral': { source: 'Referral', registeredDirectly: 1 },
    });
  });
});
