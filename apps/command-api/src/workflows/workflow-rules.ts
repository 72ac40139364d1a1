import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiOperation, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsDefined,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsUUID,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  maxWorkflowDays,
  notFound,
  pipelineDecider,
  pipelineInUse,
  type WorkflowRuleCommand,
  workflowRuleDecider,
} from '#domain';
import {
  type ActivityKind,
  activityKinds,
  type TicketPriority,
  ticketPriorities,
  type WorkflowRuleKind,
  workflowRuleKinds,
  type WorkflowRuleSpec,
} from '#events';
import { ApiVariants, IsOmittable, uuidParam } from '#platform';
import { CommandController } from '../command-handling/command-controller';
import { answer, type CommandResult } from '../command-handling/command-result';
import { IsText } from '../command-handling/dto';
import { Meta } from '../command-handling/request-meta';
import { requireActiveStaff } from '#commands';
import { AggregateRepository, type CommandMeta, newId } from '#commands';

const is =
  (...kinds: WorkflowRuleKind[]) =>
  (o: WorkflowRuleDto) =>
    kinds.includes(o.kind);
const followUp = is('follow-up-on-stage', 'follow-up-before-offer-expiry');

/** The fields each kind of rule takes (and needs). */
const fieldsOfKind: Record<WorkflowRuleKind, readonly (keyof WorkflowRuleDto)[]> = {
  'follow-up-on-stage': ['pipelineId', 'stageId', 'activityKind', 'title', 'afterDays'],
  'follow-up-before-offer-expiry': ['activityKind', 'title', 'daysBefore'],
  'assign-tickets-round-robin': ['priorities', 'staffIds'],
  'expire-offers': [],
  'fill-companies-from-registry': [],
};

/** A field of another kind of rule is refused, not silently dropped. */
const OnlyFieldsOfItsKind = () =>
  ValidateBy({
    name: 'onlyFieldsOfItsKind',
    validator: {
      validate: (kind: unknown, args) => {
        const own = fieldsOfKind[kind as WorkflowRuleKind] as readonly string[] | undefined;
        if (!own) return true;
        const rule = args?.object as Record<string, unknown>;
        return Object.keys(rule).every(
          (k) => k === 'kind' || own.includes(k) || rule[k] === undefined,
        );
      },
      defaultMessage: (args) =>
        `a ${String(args?.value)} rule takes only ${['kind', ...((fieldsOfKind[args?.value as WorkflowRuleKind] as readonly string[] | undefined) ?? [])].join(', ')}`,
    },
  });

/** One rule; which fields it needs depends on its kind. */
@ApiVariants('kind', fieldsOfKind)
export class WorkflowRuleDto {
  @ApiProperty({ enum: workflowRuleKinds })
  @IsIn(workflowRuleKinds)
  @OnlyFieldsOfItsKind()
  kind!: WorkflowRuleKind;
  @ApiPropertyOptional({ format: 'uuid', description: 'follow-up-on-stage' })
  @ValidateIf(is('follow-up-on-stage'))
  @IsUUID()
  pipelineId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'follow-up-on-stage' })
  @ValidateIf(is('follow-up-on-stage'))
  @IsUUID()
  stageId?: string;
  @ApiPropertyOptional({ enum: activityKinds, description: 'follow-ups' })
  @ValidateIf(followUp)
  @IsIn(activityKinds)
  activityKind?: ActivityKind;
  @ApiPropertyOptional({ description: 'follow-ups: the activity title' })
  @ValidateIf(followUp)
  @IsText(200)
  title?: string;
  @ApiPropertyOptional({ minimum: 0, maximum: maxWorkflowDays, description: 'follow-up-on-stage' })
  @ValidateIf(is('follow-up-on-stage'))
  @IsInt()
  @Min(0)
  @Max(maxWorkflowDays)
  afterDays?: number;
  @ApiPropertyOptional({
    minimum: 0,
    maximum: maxWorkflowDays,
    description: 'follow-up-before-offer-expiry',
  })
  @ValidateIf(is('follow-up-before-offer-expiry'))
  @IsInt()
  @Min(0)
  @Max(maxWorkflowDays)
  daysBefore?: number;
  @ApiPropertyOptional({ enum: ticketPriorities, isArray: true })
  @ValidateIf(is('assign-tickets-round-robin'))
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ticketPriorities.length)
  @IsIn(ticketPriorities, { each: true })
  priorities?: TicketPriority[];
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'who takes turns' })
  @ValidateIf(is('assign-tickets-round-robin'))
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID(undefined, { each: true })
  staffIds?: string[];
}

export class DefineWorkflowRuleDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() ruleId?: string;
  @ApiProperty({ example: 'Call two days after the proposal' }) @IsText(200) name!: string;
  @ApiProperty({ type: WorkflowRuleDto })
  @IsDefined({ message: '$property is required' })
  @ValidateNested()
  @Type(() => WorkflowRuleDto)
  rule!: WorkflowRuleDto;
}

export class DisableWorkflowRuleDto {
  @ApiPropertyOptional() @IsOmittable() @IsText(500) reason?: string;
}

/** The rule as stored: only the fields of its kind. */
const specOf = (dto: WorkflowRuleDto): WorkflowRuleSpec => {
  const need = <T>(value: T | undefined): T => value as T;
  switch (dto.kind) {
    case 'follow-up-on-stage':
      return {
        kind: dto.kind,
        pipelineId: need(dto.pipelineId),
        stageId: need(dto.stageId),
        activityKind: need(dto.activityKind),
        title: need(dto.title),
        afterDays: need(dto.afterDays),
      };
    case 'follow-up-before-offer-expiry':
      return {
        kind: dto.kind,
        activityKind: need(dto.activityKind),
        title: need(dto.title),
        daysBefore: need(dto.daysBefore),
      };
    case 'assign-tickets-round-robin':
      return { kind: dto.kind, priorities: need(dto.priorities), staffIds: need(dto.staffIds) };
    case 'expire-offers':
    case 'fill-companies-from-registry':
      return { kind: dto.kind };
  }
};

export class WorkflowRuleCommandMessage extends Command<CommandResult> {
  constructor(
    readonly command: WorkflowRuleCommand,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(WorkflowRuleCommandMessage)
export class WorkflowRuleHandler implements ICommandHandler<WorkflowRuleCommandMessage> {
  constructor(private readonly repository: AggregateRepository) {}

  /**
   * What a rule names must exist: the pipeline's stage (of a pipeline in use: no deal enters an
   * archived one), the staff who take turns.
   */
  private async check(rule: WorkflowRuleSpec) {
    if (rule.kind === 'follow-up-on-stage') {
      const { state } = await this.repository.load(`pipeline-${rule.pipelineId}`, pipelineDecider);
      if (!pipelineInUse(state, rule.pipelineId).stages.some((s) => s.stageId === rule.stageId))
        throw notFound('stage', rule.stageId);
    }
    if (rule.kind === 'assign-tickets-round-robin')
      for (const staffId of rule.staffIds)
        await requireActiveStaff(this.repository, staffId, 'staff member');
  }

  async execute({ command, meta }: WorkflowRuleCommandMessage): Promise<CommandResult> {
    if (command.type === 'DefineWorkflowRule') await this.check(command.rule);
    const r = await this.repository.execute(
      `workflowRule-${command.ruleId}`,
      workflowRuleDecider,
      meta,
      (s) => workflowRuleDecider.decide(command, s),
    );
    return { id: command.ruleId, revision: r.revision, position: r.position };
  }
}

@CommandController('workflow-rules')
export class WorkflowRulesController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({
    summary: 'Define a workflow rule',
    description:
      'DefineWorkflowRule (admins): from now on, the workflow runner reacts to matching events with a command of its own, once per event, caused by that event.',
  })
  @Post()
  @HttpCode(201)
  async define(
    @Body() body: DefineWorkflowRuleDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command: WorkflowRuleCommand = {
      type: 'DefineWorkflowRule',
      ruleId: newId(meta, 'workflow-rule', body.ruleId),
      name: body.name,
      rule: specOf(body.rule),
      now: meta.now,
    };
    return this.run(command, meta, true);
  }

  @ApiOperation({ summary: 'Disable a workflow rule' })
  @Post(':id/disable')
  @HttpCode(200)
  async disable(
    @Param('id', uuidParam()) id: string,
    @Body() body: DisableWorkflowRuleDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const command: WorkflowRuleCommand = {
      type: 'DisableWorkflowRule',
      ruleId: id,
      ...(body.reason ? { reason: body.reason } : {}),
      now: meta.now,
    };
    return this.run(command, meta, false);
  }

  @ApiOperation({ summary: 'Enable a workflow rule' })
  @Post(':id/enable')
  @HttpCode(200)
  async enable(
    @Param('id', uuidParam()) id: string,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.run({ type: 'EnableWorkflowRule', ruleId: id, now: meta.now }, meta, false);
  }

  private async run(command: WorkflowRuleCommand, meta: CommandMeta, created: boolean) {
    return answer(
      await this.commands.execute(new WorkflowRuleCommandMessage(command, meta)),
      created,
    );
  }
}
