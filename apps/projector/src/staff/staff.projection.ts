import { collections, projections } from '#read-models';
import { type Projection, typed, upsert } from '../projection';

/**
 * The staff directory: names, e-mails, roles and who left when, with their successor; and
 * each member's live calendar feed, apart.
 */
export const staffProjection: Projection = {
  name: projections.staff,
  indexes: [[collections.staff, ['name']]],
  project: (stored) =>
    typed(stored, (event) => {
      switch (event.type) {
        case 'StaffMemberRegistered': {
          const { staffId, ...rest } = event.data;
          return upsert(stored, collections.staff, staffId, {
            $set: { ...rest, status: 'active' },
          });
        }
        case 'StaffRolesChanged':
          return upsert(stored, collections.staff, event.data.staffId, {
            $set: { roles: event.data.roles },
          });
        case 'StaffMemberRenamed':
          return upsert(stored, collections.staff, event.data.staffId, {
            $set: { name: event.data.name },
          });
        case 'StaffMemberDeactivated':
          return [
            ...upsert(stored, collections.staff, event.data.staffId, {
              $set: {
                status: 'deactivated',
                successorId: event.data.successorId,
                deactivatedAt: event.data.deactivatedAt,
              },
            }),
            ...upsert(stored, collections.calendarFeeds, event.data.staffId, {
              $set: { feedId: null },
            }),
          ];
        case 'CalendarFeedIssued':
          return upsert(stored, collections.calendarFeeds, event.data.staffId, {
            $set: { feedId: event.data.feedId },
          });
        case 'CalendarFeedRevoked':
          return upsert(stored, collections.calendarFeeds, event.data.staffId, {
            $set: { feedId: null },
          });
        default:
          return [];
      }
    }),
};
