import { Answer } from '../openapi/answer';
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { problem, uuidParam } from '#platform';
import {
  collections,
  operational,
  type WorkflowEngineDoc,
  workflowEngineId,
  type WorkflowRuleDoc,
} from '#read-models';
import { type ReadStore } from '#read-store';
import { pageOptions } from '../shared/page';
import { PageQuery } from '../shared/query.dto';
import { READ_STORE } from '../shared/read-store.provider';

@ApiTags('workflow-rules')
@Controller('workflow-rules')
export class WorkflowRulesController {
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  private engine() {
    return this.store.get<WorkflowEngineDoc>(operational.workflowEngine, workflowEngineId);
  }

  private static view({ _id, ...rule }: WorkflowRuleDoc, engine: WorkflowEngineDoc | undefined) {
    return {
      ruleId: _id,
      ...rule,
      lastDeclined: rule.lastDeclined ?? null,
      // Reactions the runner issued (declined ones included), as of its last checkpoint.
      reactions: engine?.reactions[_id] ?? 0,
    };
  }

  @Answer(
    'WorkflowRulePage',
    'Workflow rules',
    'The rules, newest first, with how often each reacted and what was declined last.',
  )
  @Get()
  async list(@Query() query: PageQuery) {
    const [page, engine] = await Promise.all([
      this.store.find<WorkflowRuleDoc>(
        collections.workflowRules,
        {},
        pageOptions(query, [['definedAt', -1]]),
      ),
      this.engine(),
    ]);
    return {
      items: page.items.map((r) => WorkflowRulesController.view(r, engine)),
      runner: engine
        ? { position: engine.position, savedAt: engine.savedAt }
        : { position: null, savedAt: null },
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  @Answer('WorkflowRule', 'One workflow rule and what it has done')
  @Get(':id')
  async get(@Param('id', uuidParam()) id: string) {
    const [rule, engine] = await Promise.all([
      this.store.get<WorkflowRuleDoc>(collections.workflowRules, id),
      this.engine(),
    ]);
    if (!rule)
      throw problem(
        404,
        'workflow-rule-not-found',
        'Not found',
        `workflow rule ${id} does not exist`,
      );
    return WorkflowRulesController.view(rule, engine);
  }
}
