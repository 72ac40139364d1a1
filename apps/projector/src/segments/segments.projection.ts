import { collections, projections } from '#read-models';
import { type Projection, typed, upsert } from '../projection';

/** Segment definitions; their members are computed when asked for, from the customers. */
export const segmentsProjection: Projection = {
  name: projections.segments,
  indexes: [[collections.segments, ['name']]],
  project: (stored) =>
    typed(stored, (event) => {
      switch (event.type) {
        case 'SegmentDefined': {
          const { segmentId, ...rest } = event.data;
          return upsert(stored, collections.segments, segmentId, {
            $set: { description: null, ...rest, redefinedAt: null, retiredAt: null },
          });
        }
        case 'SegmentRedefined': {
          const { segmentId, name, description, rules, redefinedAt } = event.data;
          return upsert(stored, collections.segments, segmentId, {
            $set: { name, description: description ?? null, rules, redefinedAt },
          });
        }
        case 'SegmentRetired':
          return upsert(stored, collections.segments, event.data.segmentId, {
            $set: { retiredAt: event.data.retiredAt },
          });
        default:
          return [];
      }
    }),
};
