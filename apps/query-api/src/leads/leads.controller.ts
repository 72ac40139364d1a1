import { Answer } from '../openapi/answer';
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { problem, uuidParam } from '#platform';
import {
  collections,
  type LeadDoc,
  type SearchEntityDoc,
  type SearchTermDoc,
  words,
  listOrders,
} from '#read-models';
import { type ReadStore } from '#read-store';
import { pageOptions } from '../shared/page';
import { PageQuery } from '../shared/query.dto';
import { READ_STORE } from '../shared/read-store.provider';

export class LeadsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['new', 'qualified', 'disqualified', 'converted'] })
  @IsOptional()
  @IsIn(['new', 'qualified', 'disqualified', 'converted'])
  status?: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID() ownerId?: string;

  @ApiPropertyOptional({
    description:
      "Leads whose person's or company's name has words starting with every word of `name` (case and diacritics ignored)",
    minLength: 1,
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;
}

/** Name words read per query word; enough for any prefix a person would type. */
const TERMS_PER_WORD = 1000;

const leadView = ({ _id, ...lead }: LeadDoc) => ({ leadId: _id, ...lead });

@ApiTags('leads')
@Controller('leads')
export class LeadsController {
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  @Answer('LeadPage', 'Leads, by status, owner and name', 'Newest first.')
  @Get()
  async list(@Query() query: LeadsQuery) {
    const named = query.name === undefined ? undefined : await this.named(query.name);
    if (named?.length === 0) return { items: [] };
    const page = await this.store.find<LeadDoc>(
      collections.leads,
      {
        ...(query.status ? { status: query.status } : {}),
        ...(query.ownerId ? { ownerId: query.ownerId } : {}),
        ...(named ? { _id: { $in: named } } : {}),
      },
      pageOptions(query, listOrders.leads.sort),
    );
    return {
      items: page.items.map(leadView),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  @Answer('LeadView', 'One lead')
  @Get(':id')
  async one(@Param('id', uuidParam()) id: string) {
    const lead = await this.store.get<LeadDoc>(collections.leads, id);
    if (!lead) throw problem(404, 'lead-not-found', 'Not found', `lead ${id} does not exist`);
    return leadView(lead);
  }

  /**
   * The leads whose current name words start with every word of `name`, from the search
   * index (the lead's person and company names are its name field there).
   */
  private async named(name: string): Promise<string[]> {
    const tokens = words(name);
    if (tokens.length === 0) return [];
    let ids: Set<string> | undefined;
    for (const token of tokens.slice(0, 5)) {
      const page = await this.store.find<SearchTermDoc>(
        collections.searchTerms,
        { term: { $gte: token, $lt: `${token}\uffff` }, field: 'name' },
        { sort: [['term', 1]], limit: TERMS_PER_WORD },
      );
      const leads = page.items.filter((t) => t.entity.startsWith('lead:'));
      const entities = await this.store.getMany<SearchEntityDoc>(
        collections.searchEntities,
        leads.map((t) => t.entity),
      );
      const found = new Set(
        leads
          .filter((t) => entities.get(t.entity)?.versions[t.field] === t.version)
          .map((t) => t.entity.slice('lead:'.length)),
      );
      ids = ids ? new Set([...ids].filter((id) => found.has(id))) : found;
      if (ids.size === 0) return [];
    }
    return [...(ids ?? [])];
  }
}
