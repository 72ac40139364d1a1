import { Answer } from '../openapi/answer';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { linkToken, readConfig, webhookKey } from '#platform';
import { collections, type RoutingRuleDoc, type TeamDoc, type WebFormDoc } from '#read-models';
import { findAll, type ReadStore } from '#read-store';
import { READ_STORE } from '../shared/read-store.provider';

@ApiTags('lead-intake')
@Controller()
export class LeadIntakeController {
  private readonly key: Buffer;
  private readonly publicUrl: string;

  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {
    const config = readConfig();
    this.key = webhookKey(config);
    this.publicUrl = config.campaigns.publicUrl;
  }

  @Answer(
    'TeamList',
    'Teams that take routed leads in turn',
    'Each team with its members and how many turns it gave.',
  )
  @Get('teams')
  async teams() {
    const teams = await findAll<TeamDoc>(this.store, collections.teams, {}, [['name', 1]]);
    return { items: teams.map(({ _id, ...t }) => ({ teamId: _id, ...t })) };
  }

  @Answer(
    'RoutingRuleList',
    'Lead routing rules',
    'Which lead sources go to which member or team, in the order the rules were defined.',
  )
  @Get('lead-routing/rules')
  async rules() {
    const rules = await findAll<RoutingRuleDoc>(this.store, collections.routingRules, {}, [
      ['definedAt', 1],
    ]);
    return { items: rules.map(({ _id, ...r }) => ({ ruleId: _id, ...r })) };
  }

  @Answer(
    'WebFormList',
    'Web forms feeding leads',
    'Each form with the URL a web site posts its leads to (the signed form key in it).',
  )
  @Get('web-forms')
  async webForms() {
    const forms = await findAll<WebFormDoc>(this.store, collections.webForms, {}, [['name', 1]]);
    return {
      items: forms.map(({ _id, ...f }) => ({
        formId: _id,
        ...f,
        submitUrl: `${this.publicUrl}/web-form/${linkToken(this.key, 'web-form', [_id])}`,
      })),
    };
  }
}
