import { Answer } from '../openapi/answer';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsLimit } from '#platform';
import { collections, digits, type SearchEntityDoc, type SearchTermDoc, words } from '#read-models';
import { byIds, type ReadStore } from '#read-store';
import { READ_STORE } from '../shared/read-store.provider';

export class SearchQuery {
  @ApiProperty({
    description:
      'Name, registry code, e-mail (or its domain) or phone (any run of its digits); prefixes match',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q!: string;
  @IsLimit(20, 50) limit?: number;
}

/** Words read per query word; enough for any prefix a person would type. */
const TERMS_PER_WORD = 500;

type Hit = { entity: SearchEntityDoc; score: number; fields: Set<string> };

@ApiTags('search')
@Controller('search')
export class SearchController {
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  @Answer(
    'SearchResults',
    'Search customers and leads by name, registry code, e-mail or phone',
    'Customers, contact persons and leads not yet converted whose name, registry code, e-mail or phone has words starting with every word of `q` (case and diacritics ignored); exact words rank above prefixes, then by name.',
  )
  @Get()
  async search(@Query() query: SearchQuery) {
    const numeric = /^[\d\s()+-]+$/.test(query.q);
    const tokens = numeric ? [digits(query.q)].filter(Boolean) : words(query.q);
    // Nothing to search for (no letter or digit) finds nothing.
    if (tokens.length === 0) return { items: [] };
    let hits: Map<string, Hit> | undefined;
    for (const token of tokens.slice(0, 5)) {
      const found = await this.matching(token);
      hits = hits
        ? new Map(
            [...hits].flatMap(([key, hit]) => {
              const more = found.get(key);
              return more
                ? [
                    [
                      key,
                      {
                        ...hit,
                        score: hit.score + more.score,
                        fields: new Set([...hit.fields, ...more.fields]),
                      },
                    ],
                  ]
                : [];
            }),
          )
        : found;
    }
    const ranked = [...(hits ?? new Map<string, Hit>()).values()]
      .sort((a, b) => b.score - a.score || a.entity.name.localeCompare(b.entity.name))
      .slice(0, query.limit ?? 20);
    return {
      items: ranked.map(({ entity, score, fields }) => ({
        kind: entity.kind,
        ...(entity.kind === 'lead'
          ? { leadId: entity.leadId ?? entity._id.slice('lead:'.length) }
          : { customerId: entity.customerId }),
        ...(entity.kind === 'contact' ? { contactId: entity._id.slice('contact:'.length) } : {}),
        name: entity.name,
        matched: [...fields].sort(),
        score,
      })),
    };
  }

  /** Entities with a current word starting with `token`: 2 points for the whole word. */
  private async matching(token: string): Promise<Map<string, Hit>> {
    const page = await this.store.find<SearchTermDoc>(
      collections.searchTerms,
      { term: { $gte: token, $lt: `${token}\uffff` } },
      { sort: [['term', 1]], limit: TERMS_PER_WORD },
    );
    const entities = await byIds<SearchEntityDoc>(
      this.store,
      collections.searchEntities,
      page.items.map((t) => t.entity),
    );
    const found = new Map<string, Hit>();
    for (const t of page.items) {
      const entity = entities.get(t.entity);
      if (!entity || entity.hidden || entity.versions[t.field] !== t.version) continue;
      const hit = found.get(t.entity) ?? { entity, score: 0, fields: new Set<string>() };
      hit.score = Math.max(hit.score, t.term === token ? 2 : 1);
      hit.fields.add(t.field);
      found.set(t.entity, hit);
    }
    return found;
  }
}
