import { Body, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiResponse,
  type SchemaObject,
} from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { type CompanyRegistry, IsLimit, IsOmittable, uuidParam } from '#platform';
import { CommandController } from '../command-handling/command-controller';
import { answer } from '../command-handling/command-result';
import { AllowsDuplicate, IsText } from '../command-handling/dto';
import { Meta } from '../command-handling/request-meta';
import {
  COMPANY_REGISTRY,
  type CommandMeta,
  FetchRegistryDataCommand,
  type Lookup,
} from '#commands';

const registryCode = Matches(/^\d{8}$/, { message: 'registryCode must be 8 digits' });

export class RegistrySearchQuery {
  @ApiPropertyOptional({ example: '14012345' }) @IsOmittable() @registryCode code?: string;
  @ApiPropertyOptional({ example: 'Põhjala' }) @IsOmittable() @IsText(100) name?: string;
  @IsLimit(10, 50) limit?: number;
}

export class FetchRegistryDataDto {
  @ApiPropertyOptional({ example: '14012345' }) @IsOmittable() @registryCode registryCode?: string;
  @ApiPropertyOptional({ description: 'the company name, when the code is not known' })
  @IsOmittable()
  @IsText(100)
  name?: string;
  @AllowsDuplicate('Import the facts') allowDuplicate?: boolean;
}

@CommandController('customers')
export class RegistryDataController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({
    summary: 'Fill a company in from the business registry',
    description:
      'FetchRegistryData: looks the company up in the business registry by code (it wins when both are sent), or by name when that finds exactly one (409 lists the candidates otherwise), or with neither by the registry code the customer has (409 when none), and imports what it says.',
  })
  @ApiOkResponse({ description: 'The facts imported; `changed` says whether they were news' })
  @ApiResponse({ status: 502, description: 'The business registry refused the request' })
  @ApiResponse({ status: 409, description: 'No business registry is configured' })
  @Post(':id/registry-data/fetch')
  @HttpCode(200)
  async fetch(
    @Param('id', uuidParam()) id: string,
    @Body() body: FetchRegistryDataDto,
    @Meta() meta: CommandMeta,
  ) {
    const lookup: Lookup = body.registryCode
      ? { registryCode: body.registryCode }
      : body.name
        ? { name: body.name }
        : { refresh: true };
    return this.run(id, lookup, meta, body.allowDuplicate);
  }

  @ApiOperation({
    summary: "Refresh a company's business registry facts",
    description: "RefreshRegistryData: fetches the customer's company again by its registry code.",
  })
  @ApiOkResponse({ description: 'The facts imported; `changed` says whether they were news' })
  @ApiResponse({ status: 502, description: 'The business registry refused the request' })
  @ApiResponse({ status: 409, description: 'No business registry is configured' })
  @Post(':id/registry-data/refresh')
  @HttpCode(200)
  async refresh(@Param('id', uuidParam()) id: string, @Meta() meta: CommandMeta) {
    return this.run(id, { refresh: true }, meta);
  }

  private async run(id: string, lookup: Lookup, meta: CommandMeta, allowDuplicate = false) {
    return answer(
      await this.commands.execute(new FetchRegistryDataCommand(id, lookup, meta, allowDuplicate)),
      false,
    );
  }
}

const text = { type: 'string' } as const;

/** What the registry says about a company (RegistryFacts). */
const companyFacts: SchemaObject = {
  type: 'object',
  required: ['registry', 'registryCode', 'legalName'],
  properties: {
    registry: text,
    registryCode: text,
    legalName: text,
    legalForm: text,
    address: {
      type: 'object',
      properties: { street: text, city: text, postalCode: text, country: text },
    },
    status: text,
    vatNumber: text,
    activityCodes: {
      type: 'array',
      items: { type: 'object', required: ['code'], properties: { code: text, name: text } },
    },
    retrievedAt: text,
  },
};

const searchAnswer: SchemaObject = {
  type: 'object',
  required: ['registry', 'items'],
  properties: { registry: text, items: { type: 'array', items: companyFacts } },
};

@CommandController('registry')
export class RegistrySearchController {
  constructor(@Inject(COMPANY_REGISTRY) private readonly registry: CompanyRegistry) {}

  @ApiOperation({
    summary: 'Look companies up in the business registry',
    description:
      'Looks companies up in the business registry by code (it wins when both are sent) or by name, to pick one before fetching; records nothing. With neither, nothing is looked up and the list is empty.',
  })
  @ApiOkResponse({ description: 'The companies found', schema: searchAnswer })
  @ApiResponse({ status: 502, description: 'The business registry refused the request' })
  @ApiResponse({ status: 409, description: 'No business registry is configured' })
  @Get('companies')
  async search(@Query() query: RegistrySearchQuery) {
    const items = query.code
      ? [await this.registry.byCode(query.code)].flatMap((f) => (f ? [f] : []))
      : query.name
        ? await this.registry.byName(query.name, query.limit ?? 10)
        : [];
    return { registry: this.registry.name, items };
  }
}
