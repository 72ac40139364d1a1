import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Api, type Settings } from './api';
import { SessionContext, translator } from './context';
import { type Language, preferredLanguage } from './i18n';
import { pkceChallenge, pkceVerifier, tokenClaims, type View, viewsFor } from './logic';
import { AuditPage } from './pages/audit';
import { BoardPage } from './pages/board';
import { CalendarPage } from './pages/calendar';
import { CustomerPage, CustomerSearch } from './pages/customer';
import { ProductsPage } from './pages/products';
import { ReportsPage } from './pages/reports';

const TOKEN = 'kroonika.token';
const LANGUAGE = 'kroonika.language';
const PKCE = 'kroonika.pkce';
const redirectUri = () => `${location.origin}/console/`;

const route = (hash: string) => hash.replace(/^#\/?/, '').split('/').filter(Boolean);

/** Authorization code + PKCE with the configured OIDC provider. */
const startOidc = async (oidc: NonNullable<Settings['oidc']>) => {
  const discovery = (await (
    await fetch(`${oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`)
  ).json()) as { authorization_endpoint: string };
  const verifier = pkceVerifier((b) => crypto.getRandomValues(b));
  const state = crypto.randomUUID();
  sessionStorage.setItem(PKCE, JSON.stringify({ verifier, state }));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: oidc.clientId,
    redirect_uri: redirectUri(),
    scope: 'openid',
    state,
    code_challenge: await pkceChallenge(verifier),
    code_challenge_method: 'S256',
  });
  location.assign(`${discovery.authorization_endpoint}?${query.toString()}`);
};

/** Back from the provider with a code: trade it (and the verifier) for a token. */
const finishOidc = async (oidc: NonNullable<Settings['oidc']>, code: string, state: string) => {
  const saved = JSON.parse(sessionStorage.getItem(PKCE) ?? '{}') as {
    verifier?: string;
    state?: string;
  };
  sessionStorage.removeItem(PKCE);
  if (!saved.verifier || saved.state !== state) throw new Error('sign-in state mismatch');
  const discovery = (await (
    await fetch(`${oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`)
  ).json()) as { token_endpoint: string };
  const res = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri(),
      client_id: oidc.clientId,
      code_verifier: saved.verifier,
    }),
  });
  if (!res.ok) throw new Error(`token endpoint: ${res.status}`);
  const tokens = (await res.json()) as { access_token?: string };
  if (!tokens.access_token) throw new Error('no access token');
  history.replaceState(null, '', '/console/');
  return tokens.access_token;
};

const SignIn = (props: {
  settings: Settings;
  language: Language;
  onToken: (token: string) => void;
}) => {
  const t = translator(props.language);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  return (
    <main class="sign-in">
      <h1>{t('title')}</h1>
      {props.settings.oidc && (
        <p>
          <button
            type="button"
            onClick={() => {
              startOidc(props.settings.oidc!).catch((e: unknown) => {
                setError(String(e));
              });
            }}
          >
            {t('signInOidc')}
          </button>
        </p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const token = value.trim();
          if (!tokenClaims(token, props.settings.claims)) {
            setError(t('badToken'));
            return;
          }
          props.onToken(token);
        }}
      >
        <label for="token">{t('tokenLabel')}</label>
        <textarea
          id="token"
          name="token"
          rows={4}
          required
          aria-describedby="token-help"
          value={value}
          onInput={(e) => {
            setValue(e.currentTarget.value);
          }}
        />
        <p id="token-help" class="muted">
          {t('tokenHelp')}
        </p>
        <button type="submit">{t('signIn')}</button>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
      </form>
    </main>
  );
};

const App = ({ settings }: { settings: Settings }) => {
  const [language, setLanguage] = useState<Language>(
    (localStorage.getItem(LANGUAGE) as Language | null) ?? preferredLanguage(navigator.languages),
  );
  const [token, setToken] = useState(sessionStorage.getItem(TOKEN) ?? '');
  const [path, setPath] = useState(route(location.hash));
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    const onHash = () => {
      setPath(route(location.hash));
    };
    addEventListener('hashchange', onHash);
    return () => {
      removeEventListener('hashchange', onHash);
    };
  }, []);
  useEffect(() => {
    document.documentElement.lang = language;
    localStorage.setItem(LANGUAGE, language);
  }, [language]);
  useEffect(() => {
    const query = new URLSearchParams(location.search);
    const code = query.get('code');
    if (!settings.oidc || !code) return;
    finishOidc(settings.oidc, code, query.get('state') ?? '').then(
      (t) => {
        sessionStorage.setItem(TOKEN, t);
        setToken(t);
      },
      (e: unknown) => {
        setError(String(e));
      },
    );
  }, []);
  // One client per token, so the position of the last command outlives a change of view.
  const api = useMemo(() => new Api(token, settings), [token, settings]);
  const claims = token ? tokenClaims(token, settings.claims) : undefined;
  if (!claims || (claims.exp !== undefined && claims.exp * 1000 < Date.now()))
    return (
      <>
        {error && <p role="alert">{error}</p>}
        <SignIn
          settings={settings}
          language={language}
          onToken={(t) => {
            sessionStorage.setItem(TOKEN, t);
            setToken(t);
          }}
        />
      </>
    );
  const t = translator(language);
  const views = viewsFor(claims.roles);
  const [section, id] = path as [string | undefined, string | undefined];
  const current = (views.includes(section as View) ? section : views[0]) as View | undefined;
  const session = {
    api,
    sub: claims.sub,
    roles: claims.roles,
    language,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    t,
  };
  return (
    <SessionContext.Provider value={session}>
      <a class="skip" href="#main">
        {t('skip')}
      </a>
      <header class="top">
        <span class="brand">{t('title')}</span>
        <nav aria-label={t('mainNav')}>
          <ul>
            {views.map((v) => (
              <li key={v}>
                <a href={`#/${v}`} aria-current={v === current ? 'page' : undefined}>
                  {t(v)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <button
          type="button"
          class="language"
          onClick={() => {
            setLanguage(language === 'et' ? 'en' : 'et');
          }}
        >
          {t('language')}
        </button>
        <button
          type="button"
          onClick={() => {
            sessionStorage.removeItem(TOKEN);
            setToken('');
          }}
        >
          {t('signOut')}
        </button>
      </header>
      <main id="main">
        {current === undefined && <p role="alert">{t('forbidden')}</p>}
        {current === 'board' && <BoardPage key={id} {...(id ? { pipelineId: id } : {})} />}
        {current === 'customers' &&
          (id ? <CustomerPage customerId={id} key={id} /> : <CustomerSearch />)}
        {current === 'calendar' && <CalendarPage />}
        {current === 'reports' && <ReportsPage />}
        {current === 'products' && <ProductsPage />}
        {current === 'audit' && <AuditPage key={id} {...(id ? { customerId: id } : {})} />}
      </main>
    </SessionContext.Provider>
  );
};

const start = async () => {
  const settings = (await (await fetch('/console/settings.json')).json()) as Settings;
  render(<App settings={settings} />, document.getElementById('app')!);
};
void start();
