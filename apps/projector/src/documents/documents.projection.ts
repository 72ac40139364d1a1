import { ERASED } from '#events';
import { collections, projections } from '#read-models';
import { type Projection, typed, upsert } from '../projection';

/** Documents and what they are attached to; a removed one stays, marked, for the history. */
export const documentsProjection: Projection = {
  name: projections.documents,
  indexes: [
    [collections.documents, ['customerId', 'removed', 'attachedAt']],
    [collections.documents, ['sha256']],
    [collections.documents, ['removed', 'attachedAt']],
  ],
  project: (stored) =>
    typed(stored, (event) => {
      switch (event.type) {
        case 'DocumentAttached': {
          const { documentId, ...rest } = event.data;
          return upsert(stored, collections.documents, documentId, {
            $set: { ...rest, removed: false },
          });
        }
        case 'DocumentRemoved':
          return upsert(stored, collections.documents, event.data.documentId, {
            $set: {
              removed: true,
              removedAt: event.data.removedAt,
              removeReason: event.data.reason ?? null,
            },
          });
        case 'CustomerPersonalDataErased':
          // File names may name the person; the contents were deleted by the erasure.
          return [
            {
              kind: 'setWhere',
              collection: collections.documents,
              where: { customerId: event.data.customerId },
              set: { name: ERASED, contentErased: true },
            },
            {
              kind: 'setWhere',
              collection: collections.documents,
              where: { customerId: event.data.customerId, removed: true },
              set: { removeReason: null },
            },
          ];
        default:
          return [];
      }
    }),
};
