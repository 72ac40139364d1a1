import {
  type BusinessDay,
  type CustomFieldValue,
  type DealOpened,
  type OrderStatus,
  type PipelineDefined,
} from '#events';
import { type From } from './from';

export type PipelineDoc = From<PipelineDefined['data'], 'pipelineId'> & {
  /** When it was archived (no deal is put in it); absent or null: in use. */
  archivedAt?: string | null;
};

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
  /** The day it is expected to close, and the first day ever expected (past forecasts). */
  expectedCloseOn?: BusinessDay | null;
  firstExpectedCloseOn?: BusinessDay | null;
  /** A won deal's order (null: none), whether it is under way, and its promised day flattened. */
  order?: DealOrder | null;
  orderOpen?: boolean;
  orderPromisedOn?: BusinessDay;
  /** Custom field values by key. */
  customFields?: Record<string, CustomFieldValue>;
  /** The revision of the deal's stream (its ETag): what a move sends as If-Match. */
  revision?: number;
};

/** An order as the board and the 360 show it, with the day it reached each status. */
export type DealOrder = {
  orderId: string;
  status: OrderStatus;
  promisedOn: BusinessDay;
  reference: string | null;
  placedAt: string;
  on: Partial<Record<OrderStatus, BusinessDay>>;
};

/**
 * Open deals of one owner in one stage: count and value per currency, kept by $inc; and of
 * them, those not expected to close on any day (absent until one was counted).
 */
export type BoardStageDoc = {
  _id: string;
  pipelineId: string;
  stageId: string;
  ownerId: string;
  count: number;
  totals: Record<string, number>;
  undated?: { count: number; totals: Record<string, number> };
};
