import { addDays, foldText } from '#domain';
import { type BusinessDay, type PurchaseRules } from '#events';

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

/**
 * Whether a customer's purchases (voided ones left out by the caller) meet the rules on
 * `today`: what, how often and how much within the window; how recently at all.
 */
export const purchasesMeet = (
  rules: PurchaseRules,
  purchases: readonly Pick<PurchaseDoc, 'issuedOn' | 'currency' | 'net' | 'products'>[],
  today: string,
): boolean => {
  const since = rules.withinDays === undefined ? '' : addDays(today, -rules.withinDays);
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
    if (!last || last < addDays(today, -rules.lastWithinDays)) return false;
  if (rules.noneForDays !== undefined)
    if (last && last > addDays(today, -rules.noneForDays)) return false;
  return true;
};
