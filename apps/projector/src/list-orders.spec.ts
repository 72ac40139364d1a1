import { listOrders } from '#read-models';
import { projectionsFor } from './projections';

const declared = projectionsFor({ timeZone: 'Europe/Tallinn' }).flatMap((p) => p.indexes);

describe('the lists of collections that grow with the history', () => {
  it.each(Object.entries(listOrders))(
    '%s: its first page is read by an index, not by sorting the whole collection',
    (_name, list) => {
      // given the fields every read of the list fixes and the field it is sorted by
      const fixed: readonly string[] = 'fixed' in list ? list.fixed : [];
      const leading = [...fixed, list.sort[0]![0]];
      // then some projection declares an index on the list's collection that starts with them
      const serving = declared.filter(
        ([collection, fields]) =>
          collection === list.collection && leading.every((field, i) => fields[i] === field),
      );
      expect(serving).not.toEqual([]);
    },
  );
});
