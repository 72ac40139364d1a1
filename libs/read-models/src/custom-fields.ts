import { type CustomFieldEntity, type CustomFieldType } from '#events';

/** A custom field as defined, renamed, extended and perhaps retired. */
export type CustomFieldDoc = {
  _id: string;
  entity: CustomFieldEntity;
  label: string;
  fieldType: CustomFieldType;
  options: string[];
  currency: string | null;
  status: 'active' | 'retired';
  definedAt: string;
  retiredAt: string | null;
  /** The labels it had before, oldest first. */
  previousLabels: { label: string; until: string }[];
  /** The position of the last event applied to it (the projector's own). */
  _position?: number;
};
