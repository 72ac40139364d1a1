import { type SegmentRules } from '#events';

export type SegmentDoc = {
  _id: string;
  name: string;
  description?: string | null;
  rules: SegmentRules;
  definedAt: string;
  redefinedAt: string | null;
  /** When it was retired: no campaign is started for it any more (null: in use). */
  retiredAt: string | null;
};
