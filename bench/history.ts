import { randomUUID } from 'node:crypto';
import { type EventStore, type NewEvent } from '#event-store';
import { currentSchemaVersion, type KroonikaEvent } from '#events';

type Append = { stream: string; event: KroonikaEvent; customerId?: string; actorId: string };

const at = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();

const record = ({ event, customerId, actorId }: Append, n: number): NewEvent => {
  const eventId = randomUUID();
  return {
    eventId,
    type: event.type,
    data: event.data,
    metadata: {
      eventId,
      schemaVersion: currentSchemaVersion[event.type],
      occurredAt: at(n),
      actorId,
      commandId: eventId,
      correlationId: eventId,
      causationId: eventId,
      ...(customerId ? { customerId } : {}),
    },
  };
};

/**
 * A realistic history written straight to the event store: pipelines, leads (some
 * converted), customers, deals moving through stages with next actions, won or lost, and
 * invoices. `scale` 1 gives about 14k events; 4 gives about 57k.
 */
export const writeHistory = async (store: EventStore, scale: number): Promise<number> => {
  const appends: Append[] = [];
  const staff = ['staff-a', 'staff-b', 'staff-c', 'staff-d'];
  const pipelines = Array.from({ length: 3 }, (_, p) => ({
    pipelineId: randomUUID(),
    stages: Array.from({ length: 4 }, (_, s) => ({
      stageId: randomUUID(),
      name: `Stage ${s + 1}`,
      probability: 20 * (s + 1),
    })),
    name: `Pipeline ${p + 1}`,
  }));
  for (const p of pipelines)
    appends.push({
      stream: `pipeline-${p.pipelineId}`,
      actorId: 'staff-a',
      event: { type: 'PipelineDefined', data: { ...p, definedAt: at(0) } },
    });
  for (let c = 0; c < 1000 * scale; c++) {
    const actorId = staff[c % staff.length]!;
    const leadId = randomUUID();
    const customerId = randomUUID();
    const lead = `lead-${leadId}`;
    appends.push({
      stream: lead,
      actorId,
      event: {
        type: 'LeadCreated',
        data: {
          leadId,
          personName: `Person ${c}`,
          companyName: `Company ${c}`,
          source: 'web',
          ownerId: actorId,
          createdAt: at(c),
        },
      },
    });
    appends.push({
      stream: lead,
      actorId,
      event: { type: 'LeadQualified', data: { leadId, qualifiedAt: at(c) } },
    });
    const pipeline = pipelines[c % pipelines.length]!;
    const dealIds = [randomUUID(), randomUUID()];
    appends.push({
      stream: lead,
      actorId,
      customerId,
      event: {
        type: 'LeadConverted',
        data: {
          leadId,
          customerId,
          dealId: dealIds[0]!,
          pipelineId: pipeline.pipelineId,
          convertedAt: at(c),
        },
      },
    });
    appends.push({
      stream: `customer-${customerId}`,
      actorId,
      customerId,
      event: {
        type: 'CustomerRegistered',
        data: {
          customerId,
          kind: 'company',
          name: `Company ${c}`,
          ownerId: actorId,
          sourceLeadId: leadId,
          registeredAt: at(c),
        },
      },
    });
    dealIds.forEach((dealId, d) => {
      const deal = `deal-${dealId}`;
      const [s1, s2, s3] = pipeline.stages;
      const value = { amount: 10_000 * (c % 17) + d, currency: 'EUR' };
      appends.push({
        stream: deal,
        actorId,
        customerId,
        event: {
          type: 'DealOpened',
          data: {
            dealId,
            customerId,
            pipelineId: pipeline.pipelineId,
            stageId: s1!.stageId,
            title: `Deal ${c}/${d}`,
            value,
            ownerId: actorId,
            openedAt: at(c),
          },
        },
      });
      appends.push({
        stream: deal,
        actorId,
        customerId,
        event: {
          type: 'DealStageMoved',
          data: {
            dealId,
            customerId,
            fromStageId: s1!.stageId,
            toStageId: s2!.stageId,
            movedAt: at(c + 1),
          },
        },
      });
      appends.push({
        stream: deal,
        actorId,
        customerId,
        event: {
          type: 'DealNextActionScheduled',
          data: { dealId, customerId, dueOn: `2026-0${1 + (c % 9)}-1${d}`, description: 'Call' },
        },
      });
      appends.push({
        stream: deal,
        actorId,
        customerId,
        event: {
          type: 'DealStageMoved',
          data: {
            dealId,
            customerId,
            fromStageId: s2!.stageId,
            toStageId: s3!.stageId,
            movedAt: at(c + 2),
          },
        },
      });
      if ((c + d) % 3 === 0)
        appends.push({
          stream: deal,
          actorId,
          customerId,
          event: { type: 'DealWon', data: { dealId, customerId, value, wonAt: at(c + 3) } },
        });
      else if ((c + d) % 3 === 1)
        appends.push({
          stream: deal,
          actorId,
          customerId,
          event: {
            type: 'DealLost',
            data: { dealId, customerId, reason: 'price', lostAt: at(c + 3) },
          },
        });
    });
    const invoiceId = randomUUID();
    const gross = 1240 * (1 + (c % 50));
    appends.push({
      stream: `invoice-${invoiceId}`,
      actorId,
      customerId,
      event: {
        type: 'InvoiceIssued',
        data: {
          invoiceId,
          number: `2026-${String(c + 1).padStart(6, '0')}`,
          kind: c % 4 === 0 ? 'prepayment' : 'standard',
          customerId,
          currency: 'EUR',
          issuedOn: '2026-02-01',
          dueOn: '2026-02-15',
          lines: [],
          totals: { net: gross - 240, vat: 240, gross },
          issuedAt: at(c),
        },
      },
    });
  }
  const revisions = new Map<string, number>();
  for (let i = 0; i < appends.length; i += 500) {
    const chunk = appends.slice(i, i + 500);
    // Streams are appended in order: one stream's events never share a group-commit chunk out of order.
    const byStream = new Map<string, { append: Append; n: number }[]>();
    chunk.forEach((append, j) =>
      byStream.set(append.stream, [...(byStream.get(append.stream) ?? []), { append, n: i + j }]),
    );
    await Promise.all(
      [...byStream].map(async ([stream, items]) => {
        const current = revisions.get(stream) ?? -1;
        await store.append(
          stream,
          items.map((it) => record(it.append, it.n)),
          current === -1 ? 'no_stream' : current,
        );
        revisions.set(stream, current + items.length);
      }),
    );
  }
  return appends.length;
};
