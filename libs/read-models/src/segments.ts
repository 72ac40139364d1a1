import { type SegmentRules } from '#events';

export type SegmentDoc = {
  _id: string;
  name: string;
  description?: string | null;
  rules: SegmentRules;
  definedAt: string;
  redefinedAt?: string;
};
