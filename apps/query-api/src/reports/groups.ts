import { type CustomerDoc } from '#read-models';

export const groupings = ['county', 'city', 'ageBand', 'familyStatus'] as const;
export type Grouping = (typeof groupings)[number];

const bands: [number, string][] = [
  [25, 'under 25'],
  [35, '25–34'],
  [45, '35–44'],
  [55, '45–54'],
  [65, '55–64'],
];

/** Age in whole years on `day`. */
const ageOn = (birthDate: string, day: string) => {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
};

/** The age band of someone born on `birthDate`, on `day`. */
export const ageBand = (birthDate: string, day: string): string => {
  const age = ageOn(birthDate, day);
  return bands.find(([below]) => age < below)?.[1] ?? '65 and over';
};

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
