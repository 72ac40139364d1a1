import { foldText } from '#domain';
import { ageBands, type AgeBand, type BusinessDay, type PurchaseRules } from '#events';

/**
 * One sale: an issued invoice that is no prepayment, its net less the credit notes issued on
 * it, and the names of what it sold (folded: lower case, no diacritics); void once voided.
 */
export type PurchaseDoc = {
  _id: string;
  customerId: string;
  issuedOn: BusinessDay;
  currency: string;
  net: number;
  products: string[];
  void: boolean;
};

const bandLimits: [number, AgeBand][] = [
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
export const ageBand = (birthDate: string, day: string): AgeBand => {
  const age = ageOn(birthDate, day);
  return bandLimits.find(([below]) => age < below)?.[1] ?? ageBands[ageBands.length - 1]!;
};

/** The day N days before `today` (both `YYYY-MM-DD`). */
export const daysBefore = (today: string, days: number): string =>
  new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/**
 * Whether a customer's purchases (voided ones left out by the caller) meet the rules on
 * `today`: what, how often and how much within the window; how recently at all.
 */
export const purchasesMeet = (
  rules: PurchaseRules,
  purchases: readonly Pick<PurchaseDoc, 'issuedOn' | 'currency' | 'net' | 'products'>[],
  today: string,
): boolean => {
  const since = rules.withinDays === undefined ? '' : daysBefore(today, rules.withinDays);
  const window = purchases.filter((p) => p.issuedOn >= since);
  if (rules.withinDays !== undefined && window.length === 0) return false;
  if (rules.products) {
    const wanted = rules.products.map(foldText);
    if (!window.some((p) => p.products.some((name) => wanted.some((w) => name.includes(w)))))
      return false;
  }
  if (rules.minCount !== undefined && window.length < rules.minCount) return false;
  if (rules.minSpent) {
    const { amount, currency } = rules.minSpent;
    const spent = window.filter((p) => p.currency === currency).reduce((s, p) => s + p.net, 0);
    if (spent < amount) return false;
  }
  const last = purchases.reduce<string | undefined>(
    (latest, p) => (latest === undefined || p.issuedOn > latest ? p.issuedOn : latest),
    undefined,
  );
  if (rules.lastWithinDays !== undefined)
    if (!last || last < daysBefore(today, rules.lastWithinDays)) return false;
  if (rules.noneForDays !== undefined)
    if (last && last > daysBefore(today, rules.noneForDays)) return false;
  return true;
};
