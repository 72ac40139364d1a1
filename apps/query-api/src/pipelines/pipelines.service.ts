import { Inject, Injectable } from '@nestjs/common';
import { orderLate } from '#domain';
import { problem } from '#platform';
import {
  type BoardStageDoc,
  collections,
  type CustomerDoc,
  type DealDoc,
  type PipelineDoc,
  type StageFlowMonthDoc,
  type StageFlowPipelineDoc,
} from '#read-models';
import { type Filter, findAll, InvalidCursorError, type ReadStore } from '#read-store';
import { inUse } from '../shared/query.dto';
import { READ_STORE } from '../shared/read-store.provider';
import { type NextActionColor, nextActionColor } from './next-action-color';
import { pipelineFlow } from '../reports/pipeline-flow';
import { monthsOf, periodsOf, type ReportQuery } from '../reports/reports';

const daysBetween = (fromInstant: string, now: Date) =>
  Math.max(0, Math.floor((now.getTime() - Date.parse(fromInstant)) / 86_400_000));

/** The colour groups in board order, each as a filter on the flattened due day. */
const colourGroups = (today: string): [NextActionColor, Filter][] => [
  ['red', { nextActionDueOn: { $lt: today } }],
  ['green', { nextActionDueOn: today }],
  ['none', { nextActionDueOn: null }],
  ['grey', { nextActionDueOn: { $gt: today } }],
];

/** Where a page of cards stops: the colour group, and the store's cursor inside it. */
type CardCursor = { g: number; c?: string };

const encode = (cursor: CardCursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

const decode = (cursor: string | undefined): CardCursor => {
  if (cursor === undefined) return { g: 0 };
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (value && typeof value === 'object') {
      const { g, c } = value as Record<string, unknown>;
      if (Number.isInteger(g) && (g as number) >= 0 && (g as number) < 4)
        if (c === undefined || typeof c === 'string')
          return { g: g as number, ...(c === undefined ? {} : { c }) };
    }
  } catch {
    // fall through
  }
  throw new InvalidCursorError();
};

export type CardsQuery = {
  today: string;
  now: Date;
  ownerId?: string;
  limit: number;
  cursor?: string;
};

const pipelineNotFound = (pipelineId: string) =>
  problem(404, 'pipeline-not-found', 'Not found', `pipeline ${pipelineId} does not exist`);

@Injectable()
export class PipelinesService {
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  /** By name; `active`: not archived (an earlier document has no `archivedAt`), `archived`. */
  async list(status?: 'active' | 'archived') {
    return findAll<PipelineDoc>(this.store, collections.pipelines, inUse('archivedAt', status), [
      ['name', 1],
    ]);
  }

  /**
   * How deals came into each stage of a pipeline and left it, in a period and the one before;
   * 404 when there is no such pipeline.
   */
  async flow(pipelineId: string, query: ReportQuery & { ownerId?: string }) {
    const periods = periodsOf(query);
    const [pipeline, months] = await Promise.all([
      this.store.get<StageFlowPipelineDoc>(collections.stageFlowPipelines, pipelineId),
      findAll<StageFlowMonthDoc>(this.store, collections.stageFlowMonths, {
        pipelineId,
        ...(query.ownerId ? { ownerId: query.ownerId } : {}),
        month: { $in: monthsOf(periods) },
      }),
    ]);
    if (!pipeline) throw pipelineNotFound(pipelineId);
    return {
      pipelineId,
      ownerId: query.ownerId ?? null,
      name: pipeline.name,
      period: periods.current.period,
      previousPeriod: periods.previous.period,
      ...pipelineFlow(pipeline, months, {
        current: periods.current.months,
        previous: periods.previous.months,
      }),
    };
  }

  /** One pipeline and its stages; 404 when there is none. */
  async pipeline(pipelineId: string) {
    const pipeline = await this.store.get<PipelineDoc>(collections.pipelines, pipelineId);
    if (!pipeline) throw pipelineNotFound(pipelineId);
    return pipeline;
  }

  /**
   * Stages in order, each with its count and value from the pre-aggregated stage totals and
   * the first page of its cards; the stage's `nextCursor` continues with `stageCards`.
   */
  async board(pipelineId: string, query: CardsQuery) {
    // What does not depend on another read is read together: on MongoDB each is a round trip.
    const [pipeline, totals] = await Promise.all([
      this.pipeline(pipelineId),
      findAll<BoardStageDoc>(this.store, collections.boardStages, {
        pipelineId,
        ...(query.ownerId ? { ownerId: query.ownerId } : {}),
      }),
    ]);
    const stagesRead = Promise.all(
      pipeline.stages.map(async (stage) => {
        const docs = totals.filter((t) => t.stageId === stage.stageId);
        const values: Record<string, number> = {};
        for (const doc of docs)
          for (const [currency, amount] of Object.entries(doc.totals))
            if (amount !== 0) values[currency] = (values[currency] ?? 0) + amount;
        const probability = stage.probability ?? null;
        const weightedTotals: Record<string, number> | null =
          probability === null
            ? null
            : Object.fromEntries(
                Object.entries(values).map(([c, v]) => [c, Math.round((v * probability) / 100)]),
              );
        return {
          stageId: stage.stageId,
          name: stage.name,
          probability,
          rottingDays: stage.rottingDays ?? null,
          count: docs.reduce((n, d) => n + d.count, 0),
          totals: values,
          weightedTotals,
          ...(await this.cards(pipeline, stage.stageId, query).then((page) => ({
            cards: page.items,
            ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
          }))),
        };
      }),
    );
    const [stages, delivery] = await Promise.all([stagesRead, this.delivery(pipelineId, query)]);
    return { pipelineId, name: pipeline.name, today: query.today, stages, delivery };
  }

  /**
   * The won deals whose orders are under way, soonest promised first: red when late (past the
   * promised day, like an overdue next action), green otherwise.
   */
  private async delivery(pipelineId: string, query: CardsQuery) {
    const base: Filter = {
      pipelineId,
      status: 'won',
      orderOpen: true,
      ...(query.ownerId ? { ownerId: query.ownerId } : {}),
    };
    const [late, count, page] = await Promise.all([
      this.store.count(collections.deals, { ...base, orderPromisedOn: { $lt: query.today } }),
      this.store.count(collections.deals, base),
      this.store.find<DealDoc>(collections.deals, base, {
        sort: [
          ['orderPromisedOn', 1],
          ['_id', 1],
        ],
        limit: query.limit,
      }),
    ]);
    const customers = await this.store.getMany<CustomerDoc>(
      collections.customers,
      page.items.map((d) => d.customerId),
    );
    return {
      count,
      late,
      cards: page.items.flatMap((d) =>
        d.order
          ? [
              {
                dealId: d._id,
                title: d.title,
                customer: { id: d.customerId, name: customers.get(d.customerId)?.name ?? null },
                value: d.value,
                ownerId: d.ownerId,
                order: d.order,
                late: orderLate(d.order, query.today),
                color: orderLate(d.order, query.today) ? ('red' as const) : ('green' as const),
              },
            ]
          : [],
      ),
    };
  }

  /** One page of a stage's cards: red, green, none, grey; the newest first in each. */
  async stageCards(pipelineId: string, stageId: string, query: CardsQuery) {
    const pipeline = await this.pipeline(pipelineId);
    if (!pipeline.stages.some((s) => s.stageId === stageId))
      throw problem(
        404,
        'stage-not-found',
        'Not found',
        `pipeline ${pipelineId} has no stage ${stageId}`,
      );
    return {
      pipelineId,
      stageId,
      today: query.today,
      ...(await this.cards(pipeline, stageId, query)),
    };
  }

  private async cards(pipeline: PipelineDoc, stageId: string, query: CardsQuery) {
    const stage = pipeline.stages.find((s) => s.stageId === stageId)!;
    const groups = colourGroups(query.today);
    const base: Filter = {
      pipelineId: pipeline._id,
      stageId,
      status: 'open',
      ...(query.ownerId ? { ownerId: query.ownerId } : {}),
    };
    const deals: DealDoc[] = [];
    let at = decode(query.cursor);
    let next: CardCursor | undefined;
    while (at.g < groups.length) {
      const page = await this.store.find<DealDoc>(
        collections.deals,
        { ...base, ...groups[at.g]![1] },
        {
          sort: [
            ['openedAt', -1],
            ['_id', -1],
          ],
          limit: query.limit - deals.length,
          ...(at.c ? { cursor: at.c } : {}),
        },
      );
      deals.push(...page.items);
      if (page.nextCursor) {
        next = { g: at.g, c: page.nextCursor };
        break;
      }
      at = { g: at.g + 1 };
      if (deals.length === query.limit) {
        if (at.g < groups.length) next = at;
        break;
      }
    }
    const customers = await this.store.getMany<CustomerDoc>(
      collections.customers,
      deals.map((d) => d.customerId),
    );
    const items = deals.map((d) => {
      const idleDays = daysBetween(d.lastActivityAt, query.now);
      return {
        dealId: d._id,
        title: d.title,
        customer: { id: d.customerId, name: customers.get(d.customerId)?.name ?? null },
        value: d.value,
        ownerId: d.ownerId,
        daysInStage: daysBetween(d.stageEnteredAt, query.now),
        daysSinceActivity: idleDays,
        nextAction: d.nextAction,
        nextActionColor: nextActionColor(d.nextAction?.dueOn, query.today),
        rotting: stage.rottingDays !== undefined && idleDays > stage.rottingDays,
        openedAt: d.openedAt,
        lastActivityAt: d.lastActivityAt,
        revision: d.revision ?? null,
      };
    });
    return { items, ...(next ? { nextCursor: encode(next) } : {}) };
  }
}
