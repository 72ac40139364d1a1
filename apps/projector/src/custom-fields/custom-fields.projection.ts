import { collections, type CustomFieldDoc, projections } from '#read-models';
import { type Projection, typed, upsert } from '../projection';

/** Custom field definitions: labels past and present, options, retired or in use. */
export const customFieldsProjection: Projection = {
  name: projections.customFields,
  indexes: [[collections.customFields, ['entity', 'label']]],
  state: {
    collections: [collections.customFields],
    reads: (stored) =>
      stored.type === 'CustomFieldOptionsAdded'
        ? [[collections.customFields, (stored.data as { fieldKey: string }).fieldKey]]
        : [],
  },
  project: (stored, state) =>
    typed(stored, (event) => {
      switch (event.type) {
        case 'CustomFieldDefined': {
          const { fieldKey, entity, label, fieldType, options, currency, definedAt } = event.data;
          return upsert(stored, collections.customFields, fieldKey, {
            $set: {
              entity,
              label,
              fieldType,
              options: options ?? [],
              currency: currency ?? null,
              status: 'active',
              definedAt,
              retiredAt: null,
              previousLabels: [],
            },
          });
        }
        case 'CustomFieldRenamed':
          return upsert(stored, collections.customFields, event.data.fieldKey, {
            $set: { label: event.data.label },
            $push: {
              previousLabels: { label: event.data.previousLabel, until: event.data.renamedAt },
            },
          });
        case 'CustomFieldOptionsAdded': {
          const field = state(collections.customFields, event.data.fieldKey) as
            CustomFieldDoc | undefined;
          if (!field) return [];
          return upsert(stored, collections.customFields, event.data.fieldKey, {
            $set: { options: [...field.options, ...event.data.options] },
          });
        }
        case 'CustomFieldRetired':
          return upsert(stored, collections.customFields, event.data.fieldKey, {
            $set: { status: 'retired', retiredAt: event.data.retiredAt },
          });
        default:
          return [];
      }
    }),
};
