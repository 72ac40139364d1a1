import {
  addDays,
  colorMeaning,
  eventAt,
  majorUnits,
  minorUnits,
  moneyText,
  pkceChallenge,
  pkceVerifier,
  previousPeriod,
  timelineQuery,
  toCsv,
  todayIn,
  tokenClaims,
  viewsFor,
  weekOf,
} from './logic';

const token = (payload: unknown) =>
  ['{"alg":"HS256"}', JSON.stringify(payload), 'sig']
    .map((part, i) =>
      i === 2
        ? part
        : btoa(String.fromCharCode(...new TextEncoder().encode(part)))
            .replace(/\+/g, '-')
            .replace(/\//g, '_')
            .replace(/=+$/, ''),
    )
    .join('.');

describe('console view logic', () => {
  it('reads subject, roles and expiry from a token, and refuses what is not one', () => {
    expect(tokenClaims(token({ sub: 's1', roles: ['sales', 7], exp: 10 }))).toEqual({
      sub: 's1',
      roles: ['sales'],
      exp: 10,
    });
    expect(tokenClaims(token({ sub: 'Õie', roles: [] }))?.sub).toBe('Õie');
    expect(tokenClaims('not a token')).toBeUndefined();
    expect(tokenClaims(token({ roles: ['admin'] }))).toBeUndefined();
    expect(tokenClaims('a.%%%.c')).toBeUndefined();
  });

  it('reads them from the claims the APIs are configured with, nested ones too', () => {
    const keycloak = token({
      sub: 'idp-user',
      staff_id: 'staff-7',
      realm_access: { roles: ['auditor'] },
    });
    expect(tokenClaims(keycloak, { subject: 'staff_id', roles: 'realm_access.roles' })).toEqual({
      sub: 'staff-7',
      roles: ['auditor'],
    });
    expect(tokenClaims(keycloak, { subject: 'staff_id', roles: 'roles' })?.roles).toEqual([]);
    expect(tokenClaims(keycloak, { subject: 'missing', roles: 'roles' })).toBeUndefined();
  });

  it('shows each role its views: auditors the audit, analysts no calendar', () => {
    expect(viewsFor(['auditor'])).toEqual(['audit']);
    expect(viewsFor(['analyst'])).toEqual(['board', 'customers', 'reports', 'products']);
    expect(viewsFor(['sales'])).toEqual(['board', 'customers', 'calendar', 'products']);
    expect(viewsFor(['admin'])).toEqual([
      'board',
      'customers',
      'calendar',
      'reports',
      'products',
      'audit',
    ]);
    expect(viewsFor([])).toEqual([]);
  });

  it('names what each card colour means', () => {
    expect(colorMeaning('red')).toBe('actionOverdue');
    expect(colorMeaning('green')).toBe('actionToday');
    expect(colorMeaning('grey')).toBe('actionLater');
    expect(colorMeaning('none')).toBe('noAction');
  });

  it('writes money per currency, sorted, zeros left out', () => {
    // the APIs answer integer minor units: cents, or whole yen
    expect(moneyText({ USD: 30_000, EUR: 120_050, GBP: 0 }, 'en')).toBe(
      '1,200.50 EUR · 300.00 USD',
    );
    expect(moneyText({ JPY: 1200, KWD: 1500 }, 'en')).toBe('1,200 JPY · 1.500 KWD');
    // a CSV cell: the number in the currency's own unit
    expect([majorUnits(120_050, 'EUR'), majorUnits(1200, 'JPY')]).toEqual([1200.5, 1200]);
    // and back, as a price typed in a form is sent: no float left over
    expect([minorUnits(65.5, 'EUR'), minorUnits(19.99, 'EUR'), minorUnits(1200, 'JPY')]).toEqual([
      6550, 1999, 1200,
    ]);
    expect(moneyText({}, 'en')).toBe('0');
    expect(moneyText(undefined, 'en')).toBe('0');
  });

  it('writes CSV with quoting, and keeps formulas as text', () => {
    expect(
      toCsv(
        ['a', 'b', 'c'],
        [
          { a: 'plain', b: 'with, comma', c: 'say "hi"' },
          { a: '=HYPERLINK("x")', b: null, c: { n: 1 } },
          { a: 'two\nlines', b: 3, c: false },
        ],
      ),
    ).toBe(
      'a,b,c\r\nplain,"with, comma","say ""hi"""\r\n' +
        `"'=HYPERLINK(""x"")",,"{""n"":1}"\r\n` +
        '"two\nlines",3,false\r\n',
    );
  });

  it('lays out a week from Monday, across a month and a year', () => {
    expect(weekOf('2026-12-02')).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
    expect(weekOf('2027-01-03')[0]).toBe('2026-12-28');
    expect(weekOf('2026-11-30')[0]).toBe('2026-11-30');
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('tells today in the user’s time zone', () => {
    const now = new Date('2026-12-01T22:30:00Z');
    expect(todayIn('Europe/Tallinn', now)).toBe('2026-12-02');
    expect(todayIn('UTC', now)).toBe('2026-12-01');
  });

  it('asks a timeline page with only the filters that are set', () => {
    expect(timelineQuery({ group: 'sales', actorId: '', from: '2026-01-01' }, 'UTC')).toBe(
      'limit=50&tz=UTC&group=sales&from=2026-01-01',
    );
    expect(timelineQuery({}, 'Europe/Tallinn', 'abc')).toBe(
      'limit=50&tz=Europe%2FTallinn&cursor=abc',
    );
  });

  it('knows the period before a month, a quarter and a year', () => {
    expect(previousPeriod('2026-01')).toBe('2025-12');
    expect(previousPeriod('2026-07')).toBe('2026-06');
    expect(previousPeriod('2026-Q1')).toBe('2025-Q4');
    expect(previousPeriod('2026-Q3')).toBe('2026-Q2');
    expect(previousPeriod('2026')).toBe('2025');
  });

  it('derives the PKCE S256 challenge of RFC 7636, appendix B', async () => {
    expect(await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
    const bytes = Uint8Array.from([
      116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77,
      105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
    ]);
    expect(pkceVerifier((b) => (b.set(bytes), b))).toBe(
      'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
    );
  });

  it('finds the last event at or before a position', () => {
    const events = [{ position: 3 }, { position: 7 }, { position: 12 }];
    expect(eventAt(events, 7)).toEqual({ position: 7 });
    expect(eventAt(events, 11)).toEqual({ position: 7 });
    expect(eventAt(events, 2)).toBeUndefined();
  });
});
