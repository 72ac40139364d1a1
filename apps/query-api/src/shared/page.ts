import { type FindOptions } from '#read-store';
import { type PageQuery } from './query.dto';

export const pageOptions = (query: PageQuery, sort: FindOptions['sort']): FindOptions => ({
  sort,
  limit: query.limit ?? 50,
  ...(query.cursor ? { cursor: query.cursor } : {}),
});
