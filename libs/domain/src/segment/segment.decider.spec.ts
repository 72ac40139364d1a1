import { type SegmentEvent } from '#events';
import { specFor } from '../testing';
import { segmentDecider } from './segment.decider';

const now = '2026-03-01T09:00:00.000Z';
const spec = specFor(segmentDecider);
const rules = {
  categories: ['large' as const, 'top' as const],
  consent: ['email' as const],
  cities: ['Tartu'],
};
const defined: SegmentEvent = {
  type: 'SegmentDefined',
  data: { segmentId: 'g1', name: 'Key accounts in Tartu', rules, definedAt: now },
};

describe('segments', () => {
  it('defines a segment, dropping empty rules', () => {
    spec([])
      .when({
        type: 'DefineSegment',
        segmentId: 'g1',
        name: 'Key accounts in Tartu',
        rules: { ...rules, tagsAny: [] },
        now,
      })
      .then([defined]);
  });
  it('needs a rule and consistent contact ages', () => {
    spec([])
      .when({ type: 'DefineSegment', segmentId: 'g1', name: 'All', rules: { tagsAll: [] }, now })
      .thenRejectedWith('rules-required');
    spec([])
      .when({
        type: 'DefineSegment',
        segmentId: 'g1',
        name: 'X',
        rules: { contactedWithinDays: 30, notContactedForDays: 60 },
        now,
      })
      .thenRejectedWith('contact-rules-exclusive');
    // The refusal names the two numbers sent and which must be the smaller.
    expect(() =>
      segmentDecider.decide(
        {
          type: 'DefineSegment',
          segmentId: 'g1',
          name: 'X',
          rules: { contactedWithinDays: 30, notContactedForDays: 60 },
          now,
        },
        segmentDecider.initialState(),
      ),
    ).toThrow(
      'Contacted within the last 30 days and not contacted for 60 days exclude each other: notContactedForDays must be less than contactedWithinDays',
    );
  });
  it('redefines with the previous rules kept, and records nothing when nothing changed', () => {
    const redefine = {
      type: 'RedefineSegment' as const,
      segmentId: 'g1',
      name: 'Key accounts in Tartu',
      rules: { ...rules, notContactedForDays: 90 },
      now,
    };
    spec([defined])
      .when(redefine)
      .then([
        {
          type: 'SegmentRedefined',
          data: {
            segmentId: 'g1',
            name: 'Key accounts in Tartu',
            rules: { ...rules, notContactedForDays: 90 },
            previousRules: rules,
            redefinedAt: now,
          },
        },
      ]);
    spec([defined])
      .when({ ...redefine, rules })
      .thenNothingHappened();
    spec([]).when(redefine).thenRejectedWith('segment-not-found');
  });
  it('keeps purchase rules without empty ones, and refuses recency rules that exclude each other', () => {
    spec([])
      .when({
        type: 'DefineSegment',
        segmentId: 'g1',
        name: 'Hoolduse ostjad',
        rules: { purchases: { products: ['Hooldus', ' '], withinDays: 365, minCount: undefined } },
        now,
      })
      .then([
        {
          type: 'SegmentDefined',
          data: {
            segmentId: 'g1',
            name: 'Hoolduse ostjad',
            rules: { purchases: { products: ['Hooldus'], withinDays: 365 } },
            definedAt: now,
          },
        },
      ]);
    spec([])
      .when({ type: 'DefineSegment', segmentId: 'g1', name: 'X', rules: { purchases: {} }, now })
      .thenRejectedWith('rules-required');
    spec([])
      .when({
        type: 'DefineSegment',
        segmentId: 'g1',
        name: 'X',
        rules: { purchases: { lastWithinDays: 30, noneForDays: 60 } },
        now,
      })
      .thenRejectedWith('purchase-rules-exclusive');
  });
});

describe('RetireSegment', () => {
  const retired: SegmentEvent = {
    type: 'SegmentRetired',
    data: {
      segmentId: 'g1',
      name: 'Key accounts in Tartu',
      reason: 'merged into Key accounts',
      retiredAt: now,
    },
  };
  const retire = { type: 'RetireSegment' as const, segmentId: 'g1', now };

  it('given a segment in use, when it is retired, then its name and the reason are recorded', () => {
    spec([defined])
      .when({ ...retire, reason: 'merged into Key accounts' })
      .then([retired]);
  });
  it('given a retired segment, when it is retired again, then nothing is recorded', () => {
    spec([defined, retired]).when(retire).then([]);
  });
  it('given a retired segment, when it is redefined, then it is refused', () => {
    spec([defined, retired])
      .when({ type: 'RedefineSegment', segmentId: 'g1', name: 'Again', rules, now })
      .thenRejectedWith('segment-retired');
  });
  it('given no segment, when it is retired, then it is not found', () => {
    spec([]).when(retire).thenRejectedWith('segment-not-found');
  });
});
