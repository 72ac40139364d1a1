import { Inject, Injectable } from '@nestjs/common';
import { problem } from '#platform';
import { collections, type CustomerDoc, type DealDoc, type PipelineDoc } from '#read-models';
import { byIds, findAll, type ReadStore } from '#read-store';
import { READ_STORE } from '../shared/read-store.provider';
import { byUrgency, nextActionColor } from './next-action-color';

const sumBy = <T>(items: T[], key: (t: T) => string, value: (t: T) => number) =>
  items.reduce<Record<string, number>>(
    (acc, t) => ({ ...acc, [key(t)]: (acc[key(t)] ?? 0) + value(t) }),
    {},
  );

const daysBetween = (fromInstant: string, now: Date) =>
  Math.max(0, Math.floor((now.getTime() - Date.parse(fromInstant)) / 86_400_000));

@Injectable()
export class PipelinesService {
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  async list() {
    return findAll<PipelineDoc>(this.store, collections.pipelines, {}, [['name', 1]]);
  }

  /** Stages in order with their open deals as cards; colours are computed for `today`. */
  async board(pipelineId: string, today: string, now: Date, ownerId?: string) {
    const pipeline = await this.store.get<PipelineDoc>(collections.pipelines, pipelineId);
    if (!pipeline)
      throw problem(
        404,
        'pipeline-not-found',
        'Not found',
        `pipeline ${pipelineId} does not exist`,
      );
    const deals = await findAll<DealDoc>(this.store, collections.deals, {
      pipelineId,
      status: 'open',
      ...(ownerId ? { ownerId } : {}),
    });
    const customers = await byIds<CustomerDoc>(
      this.store,
      collections.customers,
      deals.map((d) => d.customerId),
    );
    const cards = deals.map((d) => ({
      dealId: d._id,
      title: d.title,
      customer: { id: d.customerId, name: customers.get(d.customerId)?.name ?? null },
      value: d.value,
      ownerId: d.ownerId,
      stageId: d.stageId,
      daysInStage: daysBetween(d.stageEnteredAt, now),
      nextAction: d.nextAction,
      nextActionColor: nextActionColor(d.nextAction?.dueOn, today),
      openedAt: d.openedAt,
    }));
    const stages = pipeline.stages.map((stage) => {
      const inStage = cards.filter((c) => c.stageId === stage.stageId).sort(byUrgency);
      const probability = stage.probability ?? null;
      return {
        stageId: stage.stageId,
        name: stage.name,
        probability,
        rottingDays: stage.rottingDays ?? null,
        count: inStage.length,
        totals: sumBy(
          inStage,
          (c) => c.value.currency,
          (c) => c.value.amount,
        ),
        weightedTotals:
          probability === null
            ? null
            : sumBy(
                inStage,
                (c) => c.value.currency,
                (c) => Math.round((c.value.amount * probability) / 100),
              ),
        cards: inStage.map(({ stageId: _s, ...card }) => ({
          ...card,
          rotting: stage.rottingDays !== undefined && card.daysInStage > stage.rottingDays,
        })),
      };
    });
    return { pipelineId, name: pipeline.name, today, stages };
  }
}
