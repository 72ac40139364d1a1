import { Body, HttpCode, Ip, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { webFormDecider } from '#domain';
import {
  anyOfFields,
  ApiSchemaRules,
  exactlyOneOf,
  IsOmittable,
  linkToken,
  problem,
  RateLimiter,
  readConfig,
  readLinkToken,
  uuidParam,
  webhookKey,
} from '#platform';
import {
  AggregateRepository,
  type CommandMeta,
  deterministicId,
  newId,
  systemMeta,
} from '#commands';
import { CommandController } from '../command-handling/command-controller';
import { answer, type CommandResult } from '../command-handling/command-result';
import { IsPhone, IsStaffId, IsText } from '../command-handling/dto';
import { Meta } from '../command-handling/request-meta';
import { IntakeLeadCommand, IntakeSetupCommand } from './lead-intake';

const Members = () => (target: object, key: string) => {
  ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: 100 })(target, key);
  IsArray()(target, key);
  ArrayMinSize(1)(target, key);
  ArrayMaxSize(100)(target, key);
  IsUUID('all', { each: true })(target, key);
};

export class DefineTeamDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() teamId?: string;
  @IsText(100) name!: string;
  @Members() memberIds!: string[];
}

export class TeamMembersDto {
  @Members() memberIds!: string[];
}

/** A member, or a team: one of the two. */
@ApiSchemaRules(exactlyOneOf(['staffId'], ['teamId']))
export class RoutingTargetDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'A member; or give teamId' })
  @IsOmittable()
  @IsUUID()
  staffId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'A team, whose members take turns' })
  @IsOmittable()
  @IsUUID()
  teamId?: string;
}

export class DefineRoutingRuleDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() ruleId?: string;
  @IsText(100) name!: string;
  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: 20,
    description: "Lead sources (channels) it takes, e.g. 'fair', 'web form', 'phone', 'e-mail'",
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  @Matches(/\S/, { each: true, message: 'each source must say something' })
  sources!: string[];
  @ApiProperty({ type: RoutingTargetDto })
  @ValidateNested()
  @Type(() => RoutingTargetDto)
  assignTo!: RoutingTargetDto;
}

export class DefineWebFormDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() formId?: string;
  @IsText(100) name!: string;
  @ApiPropertyOptional({ maxLength: 100, default: 'web form', description: 'Its leads’ source' })
  @IsOmittable()
  @IsText(100)
  source?: string;
  @ApiProperty({
    format: 'uuid',
    description: 'Who owns its leads when no routing rule takes them',
  })
  @IsStaffId(true)
  ownerId!: string;
}

/** A lead as a web site sends it; `website` is a trap for robots and must stay empty. */
@ApiSchemaRules(anyOfFields('email', 'phone'))
export class WebFormLeadDto {
  @IsText(200) name!: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(200) company?: string;
  @ApiPropertyOptional() @IsOmittable() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional()
  @IsOmittable()
  @IsPhone()
  phone?: string;
  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOmittable()
  @IsString()
  @MaxLength(5000)
  message?: string;
  @ApiPropertyOptional({ description: 'Leave empty (a field people do not see)' })
  @IsOmittable()
  @IsString()
  @MaxLength(500)
  website?: string;
}

@CommandController('', 'lead-intake')
export class LeadIntakeController {
  private readonly key: Buffer;
  private readonly publicUrl: string;
  private readonly limiter: RateLimiter;

  constructor(
    private readonly commands: CommandBus,
    private readonly repository: AggregateRepository,
  ) {
    const config = readConfig();
    this.key = webhookKey(config);
    this.publicUrl = config.campaigns.publicUrl;
    this.limiter = new RateLimiter(config.webFormRatePerMinute / 60, config.webFormRatePerMinute);
  }

  private setup(command: IntakeSetupCommand['command'], meta: CommandMeta, created: boolean) {
    return this.commands
      .execute(new IntakeSetupCommand(command, meta))
      .then((r) => answer(r, created));
  }

  @ApiOperation({
    summary: 'Define a team of staff members (for routing leads in turn)',
    description: 'DefineTeam: members take the leads routed to the team in turn (round-robin).',
  })
  @Post('teams')
  @HttpCode(201)
  defineTeam(@Body() body: DefineTeamDto, @Meta() meta: CommandMeta): Promise<CommandResult> {
    const teamId = newId(meta, 'team', body.teamId);
    return this.setup(
      { type: 'DefineTeam', teamId, name: body.name, memberIds: body.memberIds, now: meta.now },
      meta,
      true,
    );
  }

  @ApiOperation({ summary: "Change a team's members", description: 'ChangeTeamMembers' })
  @Post('teams/:id/members')
  @HttpCode(200)
  changeMembers(
    @Param('id', uuidParam()) teamId: string,
    @Body() body: TeamMembersDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.setup(
      { type: 'ChangeTeamMembers', teamId, memberIds: body.memberIds, now: meta.now },
      meta,
      false,
    );
  }

  @ApiOperation({
    summary: 'Define a lead routing rule',
    description:
      "DefineRoutingRule: new leads from these sources go to a member, or to a team's members in turn; one rule per source.",
  })
  @Post('lead-routing/rules')
  @HttpCode(201)
  defineRule(
    @Body() body: DefineRoutingRuleDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    // A member or a team, one of them: RoutingTargetDto's rule, kept by the validation pipe.
    const { staffId, teamId } = body.assignTo;
    return this.setup(
      {
        type: 'DefineRoutingRule',
        ruleId: newId(meta, 'routing-rule', body.ruleId),
        name: body.name,
        sources: body.sources,
        assignTo: staffId ? { staffId } : { teamId: teamId! },
        now: meta.now,
      },
      meta,
      true,
    );
  }

  @ApiOperation({ summary: 'Remove a lead routing rule', description: 'RemoveRoutingRule' })
  @Post('lead-routing/rules/:id/remove')
  @HttpCode(200)
  removeRule(
    @Param('id', uuidParam()) ruleId: string,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.setup({ type: 'RemoveRoutingRule', ruleId, now: meta.now }, meta, false);
  }

  @ApiOperation({
    summary: 'Define a web form that feeds leads',
    description:
      "DefineWebForm: answers `submitUrl`, with the form's signed key, where a web site posts its leads (POST, JSON, no login).",
  })
  @Post('web-forms')
  @HttpCode(201)
  async defineWebForm(
    @Body() body: DefineWebFormDto,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    const formId = newId(meta, 'web-form', body.formId);
    const result = await this.commands.execute(
      new IntakeSetupCommand(
        {
          type: 'DefineWebForm',
          formId,
          name: body.name,
          source: body.source ?? 'web form',
          ownerId: body.ownerId,
          now: meta.now,
        },
        meta,
      ),
    );
    return answer({ ...result, submitUrl: this.submitUrl(formId) }, true);
  }

  @ApiOperation({
    summary: 'Disable a web form',
    description: 'DisableWebForm: its key takes no more leads.',
  })
  @Post('web-forms/:id/disable')
  @HttpCode(200)
  disableWebForm(
    @Param('id', uuidParam()) formId: string,
    @Meta() meta: CommandMeta,
  ): Promise<CommandResult> {
    return this.setup({ type: 'DisableWebForm', formId, now: meta.now }, meta, false);
  }

  private submitUrl(formId: string) {
    return `${this.publicUrl}/web-form/${linkToken(this.key, 'web-form', [formId])}`;
  }

  @ApiOperation({
    summary: 'Send a lead from a web form (public, the form key is the credential)',
    description:
      "A web site's form posts here: the lead is created with the form's source and routed. Name and an e-mail or phone are needed; `website` is a trap that must stay empty (filled in: answered alike, recorded nothing). The same person by the same form on one day is one lead. Limited per address (429).",
  })
  @ApiResponse({
    status: 202,
    description: 'Received (a trapped robot is answered alike)',
    schema: {
      type: 'object',
      properties: { received: { type: 'boolean', enum: [true] } },
      required: ['received'],
      additionalProperties: false,
    },
  })
  @Post('web-form/:key')
  @HttpCode(202)
  async submit(
    @Param('key') key: string,
    @Body() body: WebFormLeadDto,
    @Ip() ip: string,
  ): Promise<{ received: true }> {
    // A key is checked before it is counted: a forged key costs one HMAC and is answered 404,
    // so only posts to a real form use up an address's allowance.
    const [formId] = readLinkToken(this.key, 'web-form', key, 1) ?? [];
    const notFound = () =>
      problem(404, 'web-form-not-found', 'Not found', 'No such web form, or it is disabled');
    if (!formId) throw notFound();
    const wait = this.limiter.take(`${ip}\n${formId}`, Date.now());
    if (wait > 0)
      throw problem(429, 'too-many-requests', 'Too many requests', 'Try again later', undefined, {
        'retry-after': String(wait),
      });
    const form = (await this.repository.load(`webForm-${formId}`, webFormDecider)).state;
    if (form.status !== 'active') throw notFound();
    // A robot fills in what people do not see: it is answered alike, and nothing is recorded.
    if (body.website?.trim()) return { received: true };
    const who = (body.email ?? body.phone ?? '').toLowerCase();
    const meta = systemMeta(
      `web-form:${formId}`,
      `web-form\n${formId}\n${who}\n${new Date().toISOString().slice(0, 10)}`,
    );
    await this.commands.execute(
      new IntakeLeadCommand(
        {
          type: 'CreateLead',
          leadId: deterministicId(`${meta.commandId}\nlead`),
          personName: body.name,
          ...(body.company ? { companyName: body.company } : {}),
          ...(body.email ? { email: body.email } : {}),
          ...(body.phone ? { phone: body.phone } : {}),
          ...(body.message?.trim() ? { message: body.message } : {}),
          source: form.source,
          fallbackOwnerId: form.ownerId,
          now: meta.now,
        },
        meta,
      ),
    );
    return { received: true };
  }
}
