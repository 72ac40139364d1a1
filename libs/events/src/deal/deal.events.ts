import { type BusinessDay, type Event, type Money } from '../envelope';
import { type Reassignment } from '../staff/staff.events';

export type DealOpened = Event<
  'DealOpened',
  {
    dealId: string;
    customerId: string;
    pipelineId: string;
    stageId: string;
    title: string;
    value: Money;
    ownerId: string;
    sourceLeadId?: string;
    openedAt: string;
  }
>;
export type DealStageMoved = Event<
  'DealStageMoved',
  { dealId: string; customerId: string; fromStageId: string; toStageId: string; movedAt: string }
>;
export type DealNextActionScheduled = Event<
  'DealNextActionScheduled',
  { dealId: string; customerId: string; dueOn: BusinessDay; description: string }
>;
export type DealWon = Event<
  'DealWon',
  { dealId: string; customerId: string; value: Money; wonAt: string; note?: string }
>;
export type DealLost = Event<
  'DealLost',
  { dealId: string; customerId: string; reason: string; lostAt: string }
>;
export type DealReopened = Event<
  'DealReopened',
  { dealId: string; customerId: string; stageId: string; reason?: string; reopenedAt: string }
>;

export type DealMovedToPipeline = Event<
  'DealMovedToPipeline',
  {
    dealId: string;
    customerId: string;
    fromPipelineId: string;
    fromStageId: string;
    toPipelineId: string;
    toStageId: string;
    movedAt: string;
  }
>;

export type DealReassigned = Event<'DealReassigned', { dealId: string } & Reassignment>;

export type DealEvent =
  | DealOpened
  | DealStageMoved
  | DealNextActionScheduled
  | DealWon
  | DealLost
  | DealReopened
  | DealReassigned
  | DealMovedToPipeline;
