import { ageBand, type CustomerDoc } from '#read-models';

export const groupings = ['county', 'city', 'ageBand', 'familyStatus'] as const;
export type Grouping = (typeof groupings)[number];

/** What the report reads of each customer: its status and what `groupOf` groups by. */
export const groupFields = ['status', 'addresses', 'address', 'demographic'];

const named = (value: string | null | undefined) => value?.trim() || undefined;

/**
 * The group a customer counts in: the county of their first address; their home city, else
 * their first address's city (case as first written, compared without case); their age band
 * on `day`; their family status — `unknown` when the profile does not say.
 */
export const groupOf = (customer: CustomerDoc, by: Grouping, day: string): string => {
  const address = customer.addresses?.[0] ?? customer.address;
  switch (by) {
    case 'county':
      return named(address?.county) ?? 'unknown';
    case 'city':
      return named(customer.demographic?.homeCity ?? address?.city) ?? 'unknown';
    case 'ageBand': {
      const born = customer.demographic?.birthDate;
      return born ? ageBand(born, day) : 'unknown';
    }
    case 'familyStatus':
      return customer.demographic?.familyStatus ?? 'unknown';
  }
};
