import { consentChannels, type SegmentRules } from '#events';
import { type CustomerDoc } from '#read-models';

const lower = (values: (string | null | undefined)[]) =>
  values.filter((v): v is string => typeof v === 'string').map((v) => v.toLocaleLowerCase());

const daysBetween = (from: string, to: number) => (to - Date.parse(from)) / 86_400_000;

/** Whether a customer belongs to a segment now: every rule given holds. */
export const matches = (rules: SegmentRules, c: CustomerDoc, now: number): boolean => {
  if (c.status === 'archived') return false;
  if (rules.categories && !(c.category && rules.categories.includes(c.category))) return false;
  const tags = Object.keys(c.tagSet ?? {});
  if (rules.tagsAll && !rules.tagsAll.every((t) => tags.includes(t))) return false;
  if (rules.tagsAny && !rules.tagsAny.some((t) => tags.includes(t))) return false;
  if (rules.cities) {
    const cities = lower([
      c.demographic?.homeCity,
      c.address?.city,
      ...(c.addresses ?? []).map((a) => a.city),
    ]);
    if (!lower(rules.cities).some((city) => cities.includes(city))) return false;
  }
  if (rules.interestsAny) {
    const interests = lower(c.psychographic?.interests ?? []);
    if (!lower(rules.interestsAny).some((i) => interests.includes(i))) return false;
  }
  if (rules.ownerIds && !rules.ownerIds.includes(c.ownerId)) return false;
  if (rules.consent && !rules.consent.every((channel) => c.consents?.[channel])) return false;
  const last = c.lastActivityAt;
  if (rules.contactedWithinDays !== undefined)
    if (!last || daysBetween(last, now) > rules.contactedWithinDays) return false;
  if (rules.notContactedForDays !== undefined)
    if (last && daysBetween(last, now) < rules.notContactedForDays) return false;
  return true;
};

/** Consent per channel, as a mass mailing would see it. */
export const consentOf = (c: CustomerDoc) =>
  Object.fromEntries(consentChannels.map((channel) => [channel, Boolean(c.consents?.[channel])]));
