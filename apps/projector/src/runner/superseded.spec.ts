import { superseded } from './superseded';

describe('collections of earlier projection versions', () => {
  it('given earlier versions, their rebuild copies and others, then only the earlier versions are superseded', () => {
    expect(
      superseded(
        [
          'timeline_v2',
          'timeline_v3',
          'timeline_v3__rebuild',
          'timeline_v4',
          'timeline_v4__rebuild',
          'timeline_staff_v3',
          'timeline_staff_v4',
          'deals_v4',
          'deals_v5',
          'customers_v1',
          'outbox',
          'ab_v1',
        ],
        ['timeline_v4', 'timeline_staff_v4', 'deals_v4', 'customers_v1', 'a_v2'],
      ),
    ).toEqual(['timeline_v2', 'timeline_v3', 'timeline_v3__rebuild', 'timeline_staff_v3']);
  });
});
