import {
  type CustomerLanguage,
  type Demographics,
  type LabelledAddress,
  type ProfileChanges,
  type Psychographics,
} from '#events';

/** What the customer decider keeps of the profile, to tell real changes from repeats. */
export type Profile = {
  name: string;
  emails: string[];
  phones: string[];
  addresses: LabelledAddress[];
  website: string | null;
  preferredLanguage: CustomerLanguage | null;
  demographic: Demographics;
  psychographic: Psychographics;
};

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

const topLevel = ['name', 'emails', 'phones', 'addresses', 'website', 'preferredLanguage'] as const;

const diffPart = <T extends object>(current: T, wanted: T | undefined): T | undefined => {
  if (!wanted) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(wanted))
    if (value !== undefined && !same(value, (current as Record<string, unknown>)[key]))
      out[key] = value;
  return Object.keys(out).length > 0 ? (out as T) : undefined;
};

/** Only what differs from the current profile; an empty result means nothing changes. */
export const profileDiff = (current: Profile, changes: ProfileChanges): ProfileChanges => {
  const out: ProfileChanges = {};
  for (const key of topLevel) {
    const value = changes[key];
    if (value !== undefined && !same(value, current[key])) Object.assign(out, { [key]: value });
  }
  const demographic = diffPart(current.demographic, changes.demographic);
  const psychographic = diffPart(current.psychographic, changes.psychographic);
  return {
    ...out,
    ...(demographic ? { demographic } : {}),
    ...(psychographic ? { psychographic } : {}),
  };
};

export const applyProfile = (profile: Profile, changes: ProfileChanges): Profile => ({
  ...profile,
  ...(changes.name !== undefined ? { name: changes.name } : {}),
  ...(changes.emails ? { emails: changes.emails } : {}),
  ...(changes.phones ? { phones: changes.phones } : {}),
  ...(changes.addresses ? { addresses: changes.addresses } : {}),
  ...(changes.website !== undefined ? { website: changes.website } : {}),
  ...(changes.preferredLanguage !== undefined
    ? { preferredLanguage: changes.preferredLanguage }
    : {}),
  demographic: { ...profile.demographic, ...changes.demographic },
  psychographic: { ...profile.psychographic, ...changes.psychographic },
});
