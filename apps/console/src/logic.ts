/** The console's view logic: pure functions, tested without a browser. */
import { stringify } from 'csv-stringify/sync';
import { currencyExponent } from '../../../libs/events/src/money';

export type Role = 'admin' | 'analyst' | 'auditor' | 'manager' | 'sales';
export type View = 'board' | 'customers' | 'calendar' | 'reports' | 'products' | 'audit';

const decodeSegment = (segment: string) => {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
};

/** Where a token names its bearer and their roles: claim names, dotted for nested ones. */
export type ClaimPaths = { subject: string; roles: string };

const claimAt = (claims: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (at, key) =>
        typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined,
      claims,
    );

/**
 * Who a token says its bearer is: subject, roles and expiry, read without checking the
 * signature (the APIs check it; the console only decides what to show), from the claims the
 * APIs read them from.
 */
export const tokenClaims = (
  token: string,
  paths: ClaimPaths = { subject: 'sub', roles: 'roles' },
) => {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims = decodeSegment(parts[1]!);
    const sub = claimAt(claims, paths.subject);
    const listed = claimAt(claims, paths.roles);
    const exp = claimAt(claims, 'exp');
    if (typeof sub !== 'string') return undefined;
    const roles = Array.isArray(listed)
      ? listed.filter((r): r is Role => typeof r === 'string')
      : [];
    return { sub, roles, ...(typeof exp === 'number' ? { exp } : {}) };
  } catch {
    return undefined;
  }
};

const viewRoles: Record<View, Role[]> = {
  board: ['admin', 'manager', 'sales', 'analyst'],
  customers: ['admin', 'manager', 'sales', 'analyst'],
  calendar: ['admin', 'manager', 'sales'],
  reports: ['admin', 'manager', 'analyst'],
  products: ['admin', 'manager', 'sales', 'analyst'],
  audit: ['admin', 'auditor'],
};

/** The views a user with these roles is shown, in menu order. */
export const viewsFor = (roles: readonly string[]): View[] =>
  (Object.keys(viewRoles) as View[]).filter((v) => viewRoles[v].some((r) => roles.includes(r)));

export type NextActionColor = 'red' | 'green' | 'grey' | 'none';

/** The text that says what a card's colour means (colour is never the only sign). */
export const colorMeaning = (color: NextActionColor) =>
  (
    ({
      red: 'actionOverdue',
      green: 'actionToday',
      grey: 'actionLater',
      none: 'noAction',
    }) as const
  )[color];

/** An amount typed in the currency's unit (`65.5` EUR) as the APIs' integer minor units (6550). */
export const minorUnits = (amount: number, currency: string) =>
  Math.round(amount * 10 ** currencyExponent(currency));

/** An amount in the APIs' integer minor units as a number in the currency's major unit. */
export const majorUnits = (amount: number, currency: string) =>
  amount / 10 ** currencyExponent(currency);

/**
 * Money per currency as one line, from the APIs' integer minor units: `{ EUR: 120050 }` is
 * "1,200.50 EUR", `{ JPY: 1200 }` "1,200 JPY" (ISO 4217's decimals, as the service counts
 * them); an empty total is 0.
 */
export const moneyText = (totals: Record<string, number> | undefined, locale: string) => {
  const entries = Object.entries(totals ?? {}).filter(([, amount]) => amount !== 0);
  if (entries.length === 0) return '0';
  return entries
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amount]) => {
      const digits = currencyExponent(currency);
      const major = majorUnits(amount, currency).toLocaleString(locale, {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
      return `${major} ${currency}`;
    })
    .join(' · ');
};

/**
 * Rows as CSV (RFC 4180, CRLF) by csv-stringify: a header of `columns`, then one line per row;
 * a cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab) is kept as text, and
 * one with a line break is quoted.
 */
export const toCsv = (columns: readonly string[], rows: readonly Record<string, unknown>[]) =>
  stringify(rows as Record<string, unknown>[], {
    header: true,
    columns: [...columns],
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
    escape_formulas: true,
    cast: { boolean: (value) => String(value) },
  });

const dayMs = 86_400_000;
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const msOf = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The seven days (Monday first) of the week `day` is in. */
export const weekOf = (day: string): string[] => {
  const ms = msOf(day);
  const monday = ms - ((new Date(ms).getUTCDay() + 6) % 7) * dayMs;
  return Array.from({ length: 7 }, (_, i) => toDay(monday + i * dayMs));
};

/** `day` moved by `days` calendar days. */
export const addDays = (day: string, days: number) => toDay(msOf(day) + days * dayMs);

/** Today in a time zone, as YYYY-MM-DD. */
export const todayIn = (timeZone: string, now: Date) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);

export type TimelineFilters = { group?: string; actorId?: string; from?: string; to?: string };

/** The query of a timeline page: the filters that are set, the page size, the cursor. */
export const timelineQuery = (filters: TimelineFilters, tz: string, cursor?: string) => {
  const query = new URLSearchParams({ limit: '50', tz });
  for (const [key, value] of Object.entries(filters))
    if (typeof value === 'string' && value !== '') query.set(key, value);
  if (cursor) query.set('cursor', cursor);
  return query.toString();
};

/** A period and the one before it: a month (2026-06), a quarter (2026-Q2) or a year. */
export const previousPeriod = (period: string) => {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) {
    const [year, q] = [Number(quarter[1]), Number(quarter[2])];
    return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
  }
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) {
    const [year, m] = [Number(month[1]), Number(month[2])];
    return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
  }
  return String(Number(period) - 1);
};

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** A PKCE verifier (RFC 7636: 43 characters from 32 random bytes). */
export const pkceVerifier = (random: (bytes: Uint8Array) => Uint8Array) =>
  base64url(random(new Uint8Array(32)));

/** The S256 challenge of a PKCE verifier. */
export const pkceChallenge = async (verifier: string) =>
  base64url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );

/** The event whose position is the greatest at or before `position` (events oldest first). */
export const eventAt = <T extends { position: number }>(events: readonly T[], position: number) => {
  let found: T | undefined;
  for (const e of events) if (e.position <= position) found = e;
  return found;
};
