import { Answer } from '../openapi/answer';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsLimit } from '#platform';
import { collections, digits, type SearchEntityDoc, type SearchTermDoc, words } from '#read-models';
import { type Filter, type ReadStore } from '#read-store';
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
/** When every word asked is that common: how many words of the rarest are read at most. */
const MAX_TERMS_READ = 5000;

const startingWith = (token: string) => ({ term: { $gte: token, $lt: `${token}\uffff` } });

type Hit = { entity: SearchEntityDoc; score: number; fields: Set<string> };

/** Entities found by both: their scores added, their matched fields joined. */
const both = (a: Map<string, Hit> | undefined, b: Map<string, Hit>): Map<string, Hit> =>
  a
    ? new Map(
        [...a].flatMap(([key, hit]) => {
          const more = b.get(key);
          return more
            ? [
                [
                  key,
                  {
                    ...hit,
                    score: hit.score + more.score,
                    fields: new Set([...hit.fields, ...more.fields]),
                  },
                ] as const,
              ]
            : [];
        }),
      )
    : b;

type TermPage = { token: string; terms: SearchTermDoc[]; complete: boolean };

/** Entities found either way, with the better score and every field matched. */
const union = (a: Map<string, Hit>, b: Map<string, Hit>): Map<string, Hit> => {
  const all = new Map(a);
  for (const [key, hit] of b) {
    const other = all.get(key);
    all.set(
      key,
      other
        ? {
            entity: hit.entity,
            score: Math.max(hit.score, other.score),
            fields: new Set([...hit.fields, ...other.fields]),
          }
        : hit,
    );
  }
  return all;
};

/** The ids that every list has. */
const inEvery = (lists: string[][]): string[] => {
  const [first = [], ...rest] = lists;
  const others = rest.map((list) => new Set(list));
  return [...new Set(first)].filter((id) => others.every((set) => set.has(id)));
};

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
    // Each word's words; a word common enough to fill a page (`company`, `ou`) is looked up
    // again among the entities the other words found, so it narrows rather than truncates.
    const asked = tokens.slice(0, 5);
    const pages = await Promise.all(asked.map((token) => this.terms(token)));
    const complete = pages.filter((p) => p.complete);
    // Every word common (`company 1`): all that the fewest words can find — the words equal
    // to one asked where those are few (`1`, then joined with what the first pages share), else
    // every word starting with the rarest (up to MAX_TERMS_READ).
    let hits: Map<string, Hit>;
    if (complete.length > 0) hits = await this.found(complete, pages);
    // One common word (`OÜ`, `company`): its first page of words holds its whole-word matches
    // first (the page is sorted by word), the best there are; with nothing to narrow them by,
    // reading more of them would only choose which of equals to list.
    else if (asked.length === 1) hits = await this.found(pages, []);
    else {
      const fewest = await this.fewest(asked);
      hits = await this.found([fewest.page], pages);
      if (fewest.exact) hits = union(await this.found(pages, []), hits);
    }
    const ranked = [...hits.values()]
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

  /**
   * The words starting with `token` (of `entities` when given); `complete` unless the page of
   * words was full.
   */
  private async terms(token: string, entities?: string[]) {
    if (entities) {
      const terms: SearchTermDoc[] = [];
      for (let i = 0; i < entities.length; i += TERMS_PER_WORD) {
        const page = await this.store.find<SearchTermDoc>(
          collections.searchTerms,
          { ...startingWith(token), entity: { $in: entities.slice(i, i + TERMS_PER_WORD) } },
          { sort: [['term', 1]], limit: TERMS_PER_WORD * 4 },
        );
        terms.push(...page.items);
      }
      return { token, terms, complete: true };
    }
    const page = await this.store.find<SearchTermDoc>(
      collections.searchTerms,
      startingWith(token),
      {
        sort: [['term', 1]],
        limit: TERMS_PER_WORD,
      },
    );
    return { token, terms: page.items, complete: page.items.length < TERMS_PER_WORD };
  }

  /**
   * The entities that `looked` (words read whole) all name, narrowed by the other words of
   * `pages` looked up among them; only those entities are read.
   */
  private async found(looked: TermPage[], pages: TermPage[]): Promise<Map<string, Hit>> {
    const read = new Set(looked.map((p) => p.token));
    const entities = await this.store.getMany<SearchEntityDoc>(
      collections.searchEntities,
      inEvery(looked.map((page) => page.terms.map((t) => t.entity))),
    );
    let hits: Map<string, Hit> | undefined;
    for (const page of looked) hits = both(hits, this.hits(page, entities));
    for (const page of pages.filter((p) => !read.has(p.token)))
      if (hits && hits.size > 0)
        hits = both(hits, this.hits(await this.terms(page.token, [...hits.keys()]), entities));
    return hits ?? new Map();
  }

  /**
   * Of words all common, the fewest terms that can find what every one of them finds: the
   * words equal to one of them where a page holds them, else every word starting with the one
   * the fewest words start with.
   */
  private async fewest(tokens: string[]): Promise<{ page: TermPage; exact: boolean }> {
    const count = (filter: Filter, options?: { upTo: number }) =>
      this.store.count(collections.searchTerms, filter, options);
    // Whether a word is few enough times a whole word is all that is asked of its count: a
    // common one (`company`) is counted no further than a page.
    const exact = await Promise.all(
      tokens.map((token) => count({ term: token }, { upTo: TERMS_PER_WORD })),
    );
    const least = Math.min(...exact);
    const token = tokens[exact.indexOf(least)]!;
    if (least < TERMS_PER_WORD) {
      const page = await this.store.find<SearchTermDoc>(
        collections.searchTerms,
        { term: token },
        { limit: TERMS_PER_WORD },
      );
      return { page: { token, terms: page.items, complete: true }, exact: true };
    }
    const starting = await Promise.all(tokens.map((t) => count(startingWith(t))));
    const rarest = tokens[starting.indexOf(Math.min(...starting))]!;
    return { page: await this.allTerms(rarest), exact: false };
  }

  /** Every word starting with `token`, up to MAX_TERMS_READ. */
  private async allTerms(token: string) {
    const terms: SearchTermDoc[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.find<SearchTermDoc>(
        collections.searchTerms,
        startingWith(token),
        { sort: [['term', 1]], limit: TERMS_PER_WORD, ...(cursor ? { cursor } : {}) },
      );
      terms.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && terms.length < MAX_TERMS_READ);
    return { token, terms, complete: true };
  }

  /**
   * The entities (of those read) current words belong to: 2 points for the whole word, 1 for
   * a prefix.
   */
  private hits(
    { token, terms }: { token: string; terms: SearchTermDoc[] },
    entities: ReadonlyMap<string, SearchEntityDoc>,
  ) {
    const hits = new Map<string, Hit>();
    for (const t of terms) {
      const entity = entities.get(t.entity);
      if (!entity || entity.hidden || entity.versions[t.field] !== t.version) continue;
      const hit = hits.get(t.entity) ?? { entity, score: 0, fields: new Set<string>() };
      hit.score = Math.max(hit.score, t.term === token ? 2 : 1);
      hit.fields.add(t.field);
      hits.set(t.entity, hit);
    }
    return hits;
  }
}
