import { localDay, sourceKey } from '#domain';
import { type StoredEvent } from '#event-store';
import {
  collections,
  type LeadCohortDealDoc,
  type LeadCohortLeadDoc,
  leadSourceMonthId,
  projections,
} from '#read-models';
import { type Update, type WriteOp } from '#read-store';
import {
  type Lookup,
  type Projection,
  type ProjectionSettings,
  typed,
  upsert,
} from '../projection';

const leadSteps = new Set(['LeadCreated', 'LeadQualified', 'LeadDisqualified', 'LeadConverted']);
const dealSteps = new Set(['DealWon', 'DealLost', 'DealReopened']);

const leadOf = (state: Lookup, leadId: string) =>
  state(collections.leadCohortLeads, leadId) as LeadCohortLeadDoc | undefined;
const dealOf = (state: Lookup, dealId: string) =>
  state(collections.leadCohortDeals, dealId) as LeadCohortDealDoc | undefined;

/**
 * Where customers come from: per lead source and business month (`timeZone`) of the leads'
 * creation, how many leads came and what has become of them so far — qualified, disqualified,
 * converted (and how long that took), and the deals made from them won or lost, with what
 * they were won for. Each outcome counts for its lead's month, whenever it happened, so a
 * month's figures are a cohort's; a reopened deal counts as neither won nor lost until it
 * closes again. Customers registered directly with a source count for the month they were
 * registered in. Ids, sources and counts only: no personal data.
 */
export const leadSourcesProjection = ({ timeZone }: ProjectionSettings): Projection => {
  const monthAt = (instant: string) => localDay(Date.parse(instant), timeZone).slice(0, 7);

  /** A change to the counts of one cohort. */
  const cohort = (
    stored: StoredEvent,
    of: { sourceKey: string; month: string },
    update: Update,
  ): WriteOp[] =>
    upsert(stored, collections.leadSourceMonths, leadSourceMonthId(of.month, of.sourceKey), {
      ...update,
      $setOnInsert: { sourceKey: of.sourceKey, month: of.month, ...update.$setOnInsert },
    });

  /** How a deal made from a lead stands now, with what it was won for while won. */
  const dealStands = (
    stored: StoredEvent,
    dealId: string,
    outcome: LeadCohortDealDoc['outcome'],
    wonValue?: { amount: number; currency: string },
  ) =>
    upsert(stored, collections.leadCohortDeals, dealId, {
      $set: { outcome, ...(wonValue ? { wonValue } : {}) },
      ...(wonValue ? {} : { $unset: { wonValue: true as const } }),
    });

  return {
    name: projections.leadSources,
    settings: { timeZone },
    indexes: [[collections.leadSourceMonths, ['month']]],
    state: {
      collections: [collections.leadCohortLeads, collections.leadCohortDeals],
      reads: (stored) => {
        const { leadId, dealId } = stored.data as { leadId?: unknown; dealId?: unknown };
        if (leadSteps.has(stored.type) && typeof leadId === 'string')
          return [
            [collections.leadCohortLeads, leadId],
            ...(stored.type === 'LeadConverted' && typeof dealId === 'string'
              ? [[collections.leadCohortDeals, dealId] as [string, string]]
              : []),
          ];
        return dealSteps.has(stored.type) && typeof dealId === 'string'
          ? [[collections.leadCohortDeals, dealId]]
          : [];
      },
    },
    project: (stored, state) =>
      typed(stored, (event) => {
        switch (event.type) {
          case 'LeadCreated': {
            const { leadId, source, createdAt } = event.data;
            if (leadOf(state, leadId)) return [];
            const lead = { sourceKey: sourceKey(source), month: monthAt(createdAt) };
            return [
              ...upsert(stored, collections.leadCohortLeads, leadId, {
                $set: { ...lead, createdAt },
              }),
              ...cohort(stored, lead, {
                $setOnInsert: { source: source.trim() },
                $inc: { created: 1 },
              }),
            ];
          }
          case 'CustomerRegistered': {
            // A customer registered directly, not from a lead, where registering named a source.
            const { source, sourceLeadId, registeredAt } = event.data;
            if (sourceLeadId || !source?.trim()) return [];
            return cohort(
              stored,
              { sourceKey: sourceKey(source), month: monthAt(registeredAt) },
              { $setOnInsert: { source: source.trim() }, $inc: { registeredDirectly: 1 } },
            );
          }
          case 'LeadQualified':
          case 'LeadDisqualified': {
            const lead = leadOf(state, event.data.leadId);
            if (!lead) return [];
            return cohort(stored, lead, {
              $inc: { [event.type === 'LeadQualified' ? 'qualified' : 'disqualified']: 1 },
            });
          }
          case 'LeadConverted': {
            const { leadId, dealId, convertedAt } = event.data;
            const lead = leadOf(state, leadId);
            if (!lead || dealOf(state, dealId)) return [];
            const { sourceKey: key, month } = lead;
            return [
              ...upsert(stored, collections.leadCohortDeals, dealId, {
                $set: { sourceKey: key, month, outcome: 'open' },
              }),
              ...cohort(stored, lead, {
                $inc: {
                  converted: 1,
                  msToConvert: Math.max(0, Date.parse(convertedAt) - Date.parse(lead.createdAt)),
                },
              }),
            ];
          }
          case 'DealWon':
          case 'DealLost': {
            const { dealId } = event.data;
            const deal = dealOf(state, dealId);
            if (!deal || deal.outcome !== 'open') return [];
            if (event.type === 'DealLost')
              return [
                ...dealStands(stored, dealId, 'lost'),
                ...cohort(stored, deal, { $inc: { lost: 1 } }),
              ];
            const { amount, currency } = event.data.value;
            return [
              ...dealStands(stored, dealId, 'won', { amount, currency }),
              ...cohort(stored, deal, { $inc: { won: 1, [`wonValue.${currency}`]: amount } }),
            ];
          }
          case 'DealReopened': {
            const deal = dealOf(state, event.data.dealId);
            if (!deal || deal.outcome === 'open') return [];
            const undo: Record<string, number> =
              deal.outcome === 'lost'
                ? { lost: -1 }
                : {
                    won: -1,
                    ...(deal.wonValue
                      ? { [`wonValue.${deal.wonValue.currency}`]: -deal.wonValue.amount }
                      : {}),
                  };
            return [
              ...dealStands(stored, event.data.dealId, 'open'),
              ...cohort(stored, deal, { $inc: undo }),
            ];
          }
          default:
            return [];
        }
      }),
  };
};
