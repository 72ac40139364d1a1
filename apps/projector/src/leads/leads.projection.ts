import { ERASED } from '#events';
import { collections } from '#read-models';
import { type Update } from '#read-store';
import { type Projection, typed, upsert } from '../projection';

export const leadsProjection: Projection = {
  name: collections.leads,
  indexes: [
    [collections.leads, ['status', 'createdAt']],
    [collections.leads, ['createdAt']],
  ],
  project: (stored) =>
    typed(stored, (event) => {
      const at = stored.metadata.occurredAt;
      const lead = (id: string, update: Update) => upsert(stored, collections.leads, id, update);
      switch (event.type) {
        case 'LeadCreated': {
          const { leadId, ...rest } = event.data;
          return lead(leadId, { $set: { ...rest, status: 'new', updatedAt: at } });
        }
        case 'LeadDetailsChanged': {
          const { leadId, changed: _changed, changedAt: _at, ...details } = event.data;
          const removed = (['companyName', 'email', 'phone'] as const).filter(
            (d) => details[d] === undefined,
          );
          return lead(leadId, {
            $set: { ...details, updatedAt: at },
            ...(removed.length > 0
              ? { $unset: Object.fromEntries(removed.map((d) => [d, true as const])) }
              : {}),
          });
        }
        case 'LeadRouted':
          return lead(event.data.leadId, {
            $set: {
              ownerId: event.data.ownerId,
              routedBy: { ruleId: event.data.ruleId, teamId: event.data.teamId ?? null },
              updatedAt: at,
            },
          });
        case 'LeadQualified':
          return lead(event.data.leadId, { $set: { status: 'qualified', updatedAt: at } });
        case 'LeadDisqualified':
          return lead(event.data.leadId, {
            $set: { status: 'disqualified', disqualifiedReason: event.data.reason, updatedAt: at },
          });
        case 'LeadConverted':
          return lead(event.data.leadId, {
            $set: {
              status: 'converted',
              customerId: event.data.customerId,
              dealId: event.data.dealId,
              updatedAt: at,
            },
          });
        case 'LeadReassigned':
          return lead(event.data.leadId, {
            $set: { ownerId: event.data.toStaffId, updatedAt: at },
          });
        case 'LeadPersonalDataErased':
          return [
            ...lead(event.data.leadId, {
              $set: {
                personName: ERASED,
                personalDataErasedAt: event.data.erasedAt,
                updatedAt: at,
              },
              $unset: { companyName: true, email: true, phone: true, message: true },
            }),
            // why it was disqualified is free text about the person
            {
              kind: 'setWhere',
              collection: collections.leads,
              where: { _id: event.data.leadId, status: 'disqualified' },
              set: { disqualifiedReason: ERASED },
            },
          ];
        case 'CustomerPersonalDataErased':
          return [
            {
              kind: 'setWhere',
              collection: collections.leads,
              where: { customerId: event.data.customerId },
              set: { personName: ERASED },
              unset: ['companyName', 'email', 'phone', 'message'],
            },
          ];
        default:
          return [];
      }
    }),
};
