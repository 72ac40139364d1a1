import { type WorkflowEngineState } from '#domain';
import { type WorkflowRuleSpec } from '#events';

/** A workflow rule as admins defined it, and the reactions the business rules declined. */
export type WorkflowRuleDoc = {
  _id: string;
  name: string;
  rule: WorkflowRuleSpec;
  enabled: boolean;
  definedAt: string;
  changedAt: string;
  declined: number;
  /** Absent on a store that drops a null set on insert (FerretDB 1.24): read as null. */
  lastDeclined?: {
    triggerEventId: string;
    triggerType: string;
    problem: string;
    detail: string;
    at: string;
  } | null;
};

/** The id of the workflow runner's one checkpoint document. */
export const workflowEngineId = 'engine';

/** The workflow runner's checkpoint, one document: where it is in the log and its state. */
export type WorkflowEngineDoc = {
  _id: string;
  position: number;
  state: WorkflowEngineState;
  /** Reactions issued per rule (declined ones included). */
  reactions: Record<string, number>;
  savedAt: string;
};
