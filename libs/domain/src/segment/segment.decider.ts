import { type PurchaseRules, type SegmentEvent, type SegmentRules } from '#events';
import { alreadyExists, type Decider, notFound, unreachable, violated } from '../decider';
import { type CustomFieldDefinition } from '../custom-field/custom-field.decider';
import { checkFieldCondition } from '../custom-field/field-conditions';

export type SegmentState =
  | { status: 'none' }
  | {
      /** A retired segment keeps its definition; it is not redefined or used for campaigns. */
      status: 'defined' | 'retired';
      segmentId: string;
      name: string;
      description?: string;
      rules: SegmentRules;
    };

type Definition = {
  segmentId: string;
  name: string;
  description?: string;
  rules: SegmentRules;
  /** The custom field definitions, as the handler read them, for `rules.fields`. */
  customFields?: Readonly<Record<string, CustomFieldDefinition>>;
  now: string;
};
export type DefineSegment = { type: 'DefineSegment' } & Definition;
export type RedefineSegment = { type: 'RedefineSegment' } & Definition;
export type RetireSegment = {
  type: 'RetireSegment';
  segmentId: string;
  reason?: string;
  now: string;
};
export type SegmentCommand = DefineSegment | RedefineSegment | RetireSegment;

const canonical = (value: unknown) => JSON.stringify(value, Object.keys(value ?? {}).sort());

const given = (v: unknown) => v !== undefined && (!Array.isArray(v) || v.length > 0);
const compact = <T extends object>(rules: T): T =>
  Object.fromEntries(Object.entries(rules).filter(([, v]) => given(v))) as T;

/** Purchase rules without empty ones; none left is no rule. */
const purchaseRules = (wanted: PurchaseRules | undefined): PurchaseRules | undefined => {
  if (!wanted) return undefined;
  const rules = compact({
    ...wanted,
    products: wanted.products?.map((p) => p.trim()).filter((p) => p !== ''),
  });
  if (Object.keys(rules).length === 0) return undefined;
  const { lastWithinDays: recent, noneForDays: lapsed } = rules;
  if (recent !== undefined && lapsed !== undefined && lapsed >= recent)
    throw violated(
      'purchase-rules-exclusive',
      `Bought within the last ${recent} days and nothing bought for ${lapsed} days exclude each other: noneForDays must be less than lastWithinDays`,
    );
  return rules;
};

/** Drops empty rules so that "no such rule" has one spelling. */
const checked = (command: Definition): SegmentRules => {
  if (command.name.trim() === '') throw violated('name-required', 'A segment needs a name');
  const purchases = purchaseRules(command.rules.purchases);
  const rules = compact({ ...command.rules, purchases });
  if (Object.keys(rules).length === 0)
    throw violated('rules-required', 'A segment needs at least one rule');
  const { contactedWithinDays: within, notContactedForDays: silent } = rules;
  if (within !== undefined && silent !== undefined && silent >= within)
    throw violated(
      'contact-rules-exclusive',
      `Contacted within the last ${within} days and not contacted for ${silent} days exclude each other: notContactedForDays must be less than contactedWithinDays`,
    );
  for (const condition of rules.fields ?? [])
    checkFieldCondition(command.customFields ?? {}, condition);
  return rules;
};

const decide = (command: SegmentCommand, state: SegmentState): SegmentEvent[] => {
  switch (command.type) {
    case 'DefineSegment': {
      if (state.status !== 'none') throw alreadyExists('segment', command.segmentId);
      const rules = checked(command);
      return [
        {
          type: 'SegmentDefined',
          data: {
            segmentId: command.segmentId,
            name: command.name,
            ...(command.description ? { description: command.description } : {}),
            rules,
            definedAt: command.now,
          },
        },
      ];
    }
    case 'RedefineSegment': {
      if (state.status === 'none') throw notFound('segment', command.segmentId);
      if (state.status === 'retired')
        throw violated('segment-retired', 'A retired segment is not redefined');
      const rules = checked(command);
      if (
        state.name === command.name &&
        state.description === command.description &&
        canonical(state.rules) === canonical(rules)
      )
        return [];
      return [
        {
          type: 'SegmentRedefined',
          data: {
            segmentId: command.segmentId,
            name: command.name,
            ...(command.description ? { description: command.description } : {}),
            rules,
            previousRules: state.rules,
            redefinedAt: command.now,
          },
        },
      ];
    }
    case 'RetireSegment': {
      if (state.status === 'none') throw notFound('segment', command.segmentId);
      if (state.status === 'retired') return [];
      return [
        {
          type: 'SegmentRetired',
          data: {
            segmentId: state.segmentId,
            name: state.name,
            ...(command.reason ? { reason: command.reason } : {}),
            retiredAt: command.now,
          },
        },
      ];
    }
    default:
      return unreachable(command);
  }
};

const evolve = (state: SegmentState, event: SegmentEvent): SegmentState => {
  if (event.type === 'SegmentRetired')
    return state.status === 'none' ? state : { ...state, status: 'retired' };
  const { segmentId, name, description, rules } = event.data;
  return { status: 'defined', segmentId, name, ...(description ? { description } : {}), rules };
};

/** A segment campaigns may be started for: defined and not retired. */
export const activeSegment = (state: SegmentState, segmentId: string) => {
  if (state.status === 'none') throw notFound('segment', segmentId);
  if (state.status === 'retired')
    throw violated('segment-retired', 'A retired segment is not used for campaigns');
  return state;
};

export const segmentDecider: Decider<SegmentCommand, SegmentEvent, SegmentState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
