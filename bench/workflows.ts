import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { currentSchemaVersion, type WorkflowRuleSpec } from '#events';
import { writeHistory } from './history';
import { dataDir, dir, serve } from './processes';
import { rawReadAll } from './reads';

const rule = (spec: WorkflowRuleSpec) => {
  const ruleId = randomUUID();
  const eventId = randomUUID();
  const at = new Date(Date.UTC(2025, 10, 30)).toISOString();
  return {
    stream: `workflowRule-${ruleId}`,
    event: {
      eventId,
      type: 'WorkflowRuleDefined',
      data: { ruleId, name: spec.kind, rule: spec, definedAt: at },
      metadata: {
        eventId,
        schemaVersion: currentSchemaVersion.WorkflowRuleDefined,
        occurredAt: at,
        actorId: 'bench',
        commandId: eventId,
        correlationId: eventId,
        causationId: eventId,
      },
    },
  };
};

/**
 * How fast the workflow runner catches up with a log it has not seen, next to reading that log
 * raw: every event goes through the sagas with the rules' state folded, and is checkpointed
 * per page. Its rules (a stage follow-up and a round-robin) match nothing in the generated
 * history, so this is the runner's own cost, without the commands reactions would issue.
 */
export const workflowCatchUp = async (customers: number) => {
  const file = join(dir, 'workflow-history.db');
  const events = new SqliteEventStore(file);
  for (const r of [
    rule({
      kind: 'follow-up-on-stage',
      pipelineId: randomUUID(),
      stageId: randomUUID(),
      activityKind: 'call',
      title: 'Call',
      afterDays: 2,
    }),
    rule({ kind: 'assign-tickets-round-robin', priorities: ['urgent'], staffIds: [randomUUID()] }),
  ])
    await events.append(r.stream, [r.event], 'no_stream');
  const shape = await writeHistory(events, customers);
  const head = await events.headPosition();
  const raw = await rawReadAll(events);
  await events.close();
  const start = process.hrtime.bigint();
  const port = await serve('apps/workers/src/main.js', {
    WORKERS_PORT: '0',
    HOST: '127.0.0.1',
    EVENT_STORE_URL: `sqlite:${file}`,
    READ_STORE_URL: `sqlite:${join(dir, 'workflow-read.db')}`,
    DATA_DIR: dataDir,
    WORKFLOW_POLL_MS: '10',
  });
  for (;;) {
    const res = await fetch(`http://127.0.0.1:${port}/workflows/status`);
    const status = (await res.json()) as { position: number; reactions: Record<string, number> };
    if (status.position >= head) {
      if (Object.keys(status.reactions).length > 0) throw new Error('a rule reacted');
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const caughtUp = Number(process.hrtime.bigint() - start) / 1e9;
  const total = shape.events + 2;
  return { total, rawPerSecond: total / raw, runnerPerSecond: total / caughtUp };
};
