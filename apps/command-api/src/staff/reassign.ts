import {
  activeStaff,
  type ActiveStaff,
  activityDecider,
  customerDecider,
  dealDecider,
  leadDecider,
  type Reassign,
  staffDecider,
  ticketDecider,
} from '#domain';
import { type AggregateRepository, type CommandMeta } from '#commands';

export type OwnedKind = 'lead' | 'customer' | 'deal' | 'activity' | 'ticket';

/** A staff member who may own things now: registered and not deactivated. */
export const requireActiveStaff = async (
  repository: AggregateRepository,
  staffId: string,
  role = 'owner',
): Promise<ActiveStaff> => {
  const { state } = await repository.load(`staff-${staffId}`, staffDecider);
  return activeStaff(state, staffId, role);
};

/** Runs a Reassign on the stream of one lead, customer, deal, activity or ticket. */
export const reassign = (
  repository: AggregateRepository,
  kind: OwnedKind,
  itemId: string,
  command: Omit<Reassign, 'type' | 'itemId'>,
  meta: CommandMeta,
) => {
  const full: Reassign = { type: 'Reassign', itemId, ...command };
  switch (kind) {
    case 'lead':
      return repository.execute(`lead-${itemId}`, leadDecider, meta, (s) =>
        leadDecider.decide(full, s),
      );
    case 'customer':
      return repository.execute(`customer-${itemId}`, customerDecider, meta, (s) =>
        customerDecider.decide(full, s),
      );
    case 'deal':
      return repository.execute(`deal-${itemId}`, dealDecider, meta, (s) =>
        dealDecider.decide(full, s),
      );
    case 'activity':
      return repository.execute(`activity-${itemId}`, activityDecider, meta, (s) =>
        activityDecider.decide(full, s),
      );
    case 'ticket':
      return repository.execute(`ticket-${itemId}`, ticketDecider, meta, (s) =>
        ticketDecider.decide(full, s),
      );
  }
};
