import { type BusinessDay, type DealOpened, type PipelineDefined } from '#events';
import { type From } from './from';

export type PipelineDoc = From<PipelineDefined['data'], 'pipelineId'>;

export type DealStatus = 'open' | 'won' | 'lost';

export type DealDoc = From<DealOpened['data'], 'dealId'> & {
  status: DealStatus;
  nextAction: { dueOn: BusinessDay; description: string } | null;
  /** `nextAction.dueOn` flattened, so the board can page cards by colour through an index. */
  nextActionDueOn: BusinessDay | null;
  stageEnteredAt: string;
  lastActivityAt: string;
  closedAt?: string | null;
  lostReason?: string | null;
};

/** Open deals of one owner in one stage: count and value per currency, kept by $inc. */
export type BoardStageDoc = {
  _id: string;
  pipelineId: string;
  stageId: string;
  ownerId: string;
  count: number;
  totals: Record<string, number>;
};
