import { MemoryEventStore } from '#event-store';
import { type Event } from '#events';
import { SqliteReadStore } from '#read-store';
import { portfolioProjection } from '../../../projector/src/portfolio/portfolio.projection';
import { HandOver, type PortfolioSource } from './hand-over';
import { ReadModelPortfolio } from './read-model-portfolio';
import { AggregateRepository, CommandReads } from '#commands';
import { adminMeta } from '../command-handling/testing';

/** In Tallinn, where a day starts two or three hours before UTC's. */
const projection = portfolioProjection({ timeZone: 'Europe/Tallinn' });

const now = '2026-03-01T09:00:00.000Z';
const meta = adminMeta(now);

/** The real portfolio projection, applied on demand up to the requested position. */
const projectingPortfolio = (events: MemoryEventStore, reads: SqliteReadStore): PortfolioSource => {
  const source = new ReadModelPortfolio(new CommandReads(reads, 1000));
  let applied = 0;
  return {
    caughtUp: async (position) => {
      const batch = await events.readAll(applied, { limit: 100_000 });
      const ops = batch.flatMap((e) => projection.project(e, () => undefined));
      applied = batch.at(-1)?.position ?? applied;
      await reads.apply(ops, [{ name: projection.name, position: applied }]);
      await source.caughtUp(position);
    },
    openItems: (staffId) => source.openItems(staffId),
  };
};

describe('HandOver', () => {
  let events: MemoryEventStore;
  let reads: SqliteReadStore;
  let repository: AggregateRepository;
  let seq = 0;
  const put = (stream: string, event: Event) =>
    events.append(
      stream,
      [
        {
          eventId: `e${++seq}`,
          type: event.type,
          data: event.data,
          metadata: {
            eventId: `e${seq}`,
            schemaVersion: 1,
            occurredAt: now,
            actorId: 'admin',
            commandId: `c${seq}`,
            correlationId: `c${seq}`,
            causationId: `c${seq}`,
          },
        },
      ],
      'any',
    );

  beforeEach(async () => {
    events = new MemoryEventStore();
    reads = new SqliteReadStore(':memory:');
    repository = new AggregateRepository(events);
    for (let l = 0; l < 3; l++) {
      await put(`lead-l${l}`, {
        type: 'LeadCreated',
        data: {
          leadId: `l${l}`,
          personName: `L${l}`,
          source: 'web',
          ownerId: 's1',
          createdAt: now,
        },
      });
      if (l === 1)
        await put(`lead-l${l}`, {
          type: 'LeadQualified',
          data: { leadId: `l${l}`, qualifiedAt: now },
        });
      if (l === 2)
        await put(`lead-l${l}`, {
          type: 'LeadDisqualified',
          data: { leadId: `l${l}`, reason: 'spam', disqualifiedAt: now },
        });
    }
    for (let c = 0; c < 3; c++)
      await put(`customer-c${c}`, {
        type: 'CustomerRegistered',
        data: {
          customerId: `c${c}`,
          kind: 'company',
          name: `C${c}`,
          ownerId: 's1',
          registeredAt: now,
        },
      });
    await put('customer-other', {
      type: 'CustomerRegistered',
      data: {
        customerId: 'other',
        kind: 'company',
        name: 'Other',
        ownerId: 's3',
        registeredAt: now,
      },
    });
    for (let d = 0; d < 5; d++) {
      await put(`deal-d${d}`, {
        type: 'DealOpened',
        data: {
          dealId: `d${d}`,
          customerId: 'c0',
          pipelineId: 'p',
          stageId: 'st',
          title: `D${d}`,
          value: { amount: 1, currency: 'EUR' },
          ownerId: 's1',
          openedAt: now,
        },
      });
      if (d < 2)
        await put(`deal-d${d}`, {
          type: 'DealWon',
          data: {
            dealId: `d${d}`,
            customerId: 'c0',
            value: { amount: 1, currency: 'EUR' },
            wonAt: now,
          },
        });
    }
    for (let a = 0; a < 10; a++)
      await put(`activity-a${a}`, {
        type: 'ActivityScheduled',
        data: {
          activityId: `a${a}`,
          customerId: 'c1',
          kind: 'call',
          title: `A${a}`,
          timing: { dueOn: '2026-03-02' },
          assigneeId: 's1',
          scheduledAt: now,
        },
      });
    for (let t = 0; t < 2; t++)
      await put(`ticket-t${t}`, {
        type: 'TicketOpened',
        data: {
          ticketId: `t${t}`,
          customerId: 'c2',
          channel: 'email',
          subject: `T${t}`,
          priority: 'normal',
          assigneeId: 's1',
          openedAt: now,
        },
      });
  });
  afterEach(() => reads.close());

  const reassignments = async () =>
    (await events.readAll(0, { limit: 100_000 })).filter((e) => e.type.endsWith('Reassigned'));

  it('moves every open item once, with one correlation id, and leaves closed ones', async () => {
    const result = await new HandOver(repository, projectingPortfolio(events, reads)).run(
      's1',
      's2',
      0,
      meta('h1'),
    );
    expect(result.reassigned).toEqual({ lead: 2, customer: 3, deal: 3, activity: 10, ticket: 2 });
    const moves = await reassignments();
    expect(moves).toHaveLength(20);
    expect(new Set(moves.map((e) => e.metadata.correlationId))).toEqual(
      new Set([HandOver.correlationOf('s1')]),
    );
    expect(moves.map((e) => e.streamId)).not.toContain('deal-d0');
    expect(moves.map((e) => e.streamId)).not.toContain('customer-other');
    expect(moves.map((e) => e.streamId)).not.toContain('lead-l2');
  });

  it('completes an interrupted hand-over on retry without moving anything twice', async () => {
    let calls = 0;
    const flaky = new AggregateRepository(events);
    const execute = flaky.execute.bind(flaky);
    flaky.execute = ((...args: Parameters<typeof execute>) => {
      if (++calls === 7) throw new Error('process died');
      return execute(...args);
    }) as typeof execute;
    const portfolio = projectingPortfolio(events, reads);
    await expect(new HandOver(flaky, portfolio).run('s1', 's2', 0, meta('h1'))).rejects.toThrow(
      'process died',
    );
    expect(await reassignments()).toHaveLength(6);

    const retried = await new HandOver(repository, portfolio).run('s1', 's2', 0, meta('h2'));
    const total = Object.values(retried.reassigned).reduce((a, b) => a + b, 0);
    expect(total).toBe(14);
    const moves = await reassignments();
    expect(moves).toHaveLength(20);
    expect(new Set(moves.map((e) => e.streamId)).size).toBe(20);

    const again = await new HandOver(repository, portfolio).run('s1', 's2', 0, meta('h3'));
    expect(again.reassigned).toEqual({ lead: 0, customer: 0, deal: 0, activity: 0, ticket: 0 });
    expect(await reassignments()).toHaveLength(20);
  });
});
