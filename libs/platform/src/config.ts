import { isIP } from 'node:net';
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
/** A bank account of the seller that customers pay into. */
export type BankAccount = { iban: string; bic?: string; currency: string };

/** Who issues the invoices: printed on them, in e-invoices, and the accounts statements are for. */
export type SellerConfig = {
  name: string;
  registryCode?: string;
  vatNumber?: string;
  address: { street?: string; city?: string; postalCode?: string; country: string };
  email?: string;
  phone?: string;
  /** Further lines under the seller's name on the invoice (SELLER_DETAILS, `|`-separated). */
  lines: string[];
  bankAccounts: BankAccount[];
};

export const languages = ['et', 'en', 'lt', 'hu'] as const;
export type Language = (typeof languages)[number];

export type Config = {
  eventStoreUrl: string;
  readStoreUrl: string;
  /**
   * Where the keys sealing personal data are kept, apart from both stores (they are not
   * rebuildable: losing them erases every customer). Required unless the stores are embedded.
   */
  keyStoreUrl: string;
  host: string;
  commandPort: number;
  queryPort: number;
  projectorPort: number;
  /** The workers app's port: health, readiness and metrics. */
  workersPort: number;
  timezone: string;
  bodyLimitBytes: number;
  projectorStatusUrl: string;
  /** Log level (pino): trace, debug, info, warn, error, fatal or silent. */
  logLevel: string;
  /** The query API is not ready while the projector is further behind (unset: not checked). */
  readyMaxLagSeconds: number | undefined;
  projectorBatchSize: number;
  /** Where the embedded default keeps its local secret and the initial admin's id. */
  dataDir: string;
  auth: AuthConfig;
  /** Per staff member: sustained requests per second (0: unlimited) and the burst allowed. */
  rateLimit: { perSecond: number; burst: number };
  /** Leads one address may send through one web form per minute (and at once). */
  webFormRatePerMinute: number;
  /** Origins allowed to call the APIs from a browser; empty: CORS stays off. */
  corsOrigins: string[];
  /**
   * The web console the query API serves at /console: where it sends commands, the origins it
   * is opened from (allowed by the command API's CORS), and the OIDC client it signs in as.
   */
  console: { commandUrl: string; origins: string[]; oidcClientId?: string };
  sla: SlaConfig;
  /** Where document contents are kept (filesystem blob store). */
  blobStorePath: string;
  documentMaxBytes: number;
  mail: MailConfig;
  inboundMail: InboundMailConfig;
  reminders: RemindersConfig;
  webhooks: {
    pollMs: number;
    baseBackoffMs: number;
    maxBackoffMs: number;
    timeoutMs: number;
    /** Internal hosts, addresses or networks webhooks may reach (public ones always). */
    allowedTargets: string[];
  };
  /** `WEBHOOK_SIGNING_KEY`: what webhook secrets and unsubscribe links derive from. */
  signingKey?: string;
  /** Where recipients reach the command API (unsubscribe links), and the mailing pace. */
  campaigns: { publicUrl: string; ratePerSecond: number; pollMs: number };
  /** Where calendar applications reach the query API (members' calendar feeds). */
  queryPublicUrl: string;
  /** The workflow runner: how often it looks for new events. */
  workflows: { pollMs: number };
  /**
   * How long a duty's lease runs without renewal (ADR 0026): the longest a copy that died
   * keeps the projector or a worker duty from the other copy.
   */
  leaseTtlMs: number;
  /**
   * The e-Business Register's open-data SOAP service and the service account for it; without
   * the account, registry look-ups answer that none is configured.
   */
  registry: {
    url: string;
    username?: string;
    password?: string;
    language: 'est' | 'eng';
    timeoutMs: number;
  };
  seller: SellerConfig;
  /** Removing document contents no document refers to (refused uploads). */
  blobSweep: { intervalMs: number; graceMs: number };
  /** Limits at the HTTP edge of every app. */
  http: {
    requestTimeoutMs: number;
    headersTimeoutMs: number;
    idleTimeoutMs: number;
    keepAliveTimeoutMs: number;
    /** Requests per address to public routes and unknown paths. */
    publicPerSecond: number;
    publicBurst: number;
  };
  /** The language of invoices, invoice e-mails and pages for customers without their own. */
  defaultLanguage: Language;
  /** The largest bank statement file accepted. */
  statementMaxBytes: number;
};

/** A comma-separated setting: its entries, trimmed, empty ones left out. */
const commaList = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);

/**
 * SELLER_BANK_ACCOUNTS: `IBAN[:BIC][:CURRENCY]`, comma-separated. Each IBAN and BIC is checked
 * (ibantools) when the service starts, so a typo never reaches an invoice.
 */
export const bankAccounts = (value: string | undefined): BankAccount[] =>
  commaList(value).map((account) => {
    const [rawIban = '', rawBic, rawCurrency] = account.split(':').map((p) => p.trim());
    const iban = electronicFormatIBAN(rawIban) ?? '';
    if (!isValidIBAN(iban)) throw new Error(`SELLER_BANK_ACCOUNTS: ${rawIban} is not a valid IBAN`);
    const bic = rawBic ? rawBic.toUpperCase() : undefined;
    if (bic !== undefined && !isValidBIC(bic))
      throw new Error(`SELLER_BANK_ACCOUNTS: ${rawBic ?? ''} is not a valid BIC`);
    const currency = (rawCurrency ?? 'EUR').toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency))
      throw new Error(`SELLER_BANK_ACCOUNTS: ${rawCurrency ?? ''} is not a currency code`);
    return { iban, ...(bic ? { bic } : {}), currency };
  });

/** A host name: dot-separated labels of letters, digits, hyphens (RFC 1123) and underscores. */
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/i;

/**
 * WEBHOOK_ALLOWED_TARGETS: host names, addresses and networks (`10.0.0.0/8`), comma-separated.
 * Anything else — a port, a URL — would never match a target, so the service refuses to start
 * rather than refuse every webhook to it without a word.
 */
export const allowedTargets = (value: string | undefined): string[] =>
  commaList(value).map((target) => {
    const [address = '', prefix, ...more] = target.split('/');
    const bare = address.replace(/^\[(.*)\]$/, '$1');
    const family = isIP(bare);
    const valid =
      more.length === 0 &&
      (prefix === undefined
        ? family !== 0 || HOST_NAME.test(bare)
        : family !== 0 && /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (!valid)
      throw new Error(
        `WEBHOOK_ALLOWED_TARGETS: ${target} is not a host name, an address or a network ` +
          '(address/prefix); name hosts without scheme or port',
      );
    return prefix === undefined ? bare : `${bare}/${prefix}`;
  });

const language = (value: string | undefined): Language => {
  if (value === undefined || value === '') return 'en';
  if (!(languages as readonly string[]).includes(value))
    throw new Error(`DEFAULT_LANGUAGE: ${value} is not one of ${languages.join(', ')}`);
  return value as Language;
};

/** E-mail reminders to staff of their activities (only with a mail server). */
export type RemindersConfig = {
  enabled: boolean;
  leadMinutes: number;
  /** How many days before an agreement's last day its member is told. */
  agreementDays: number;
  /** From this local hour the day's digest goes out. */
  digestHour: number;
  pollMs: number;
};

/** The outbox sender: off without an SMTP server. */
export type MailConfig = {
  /** `smtp://user:pass@host:587` or `smtps://…`; unset: messages stay queued. */
  smtpUrl?: string;
  from: string;
  /** The first retry after a temporary failure; each next one waits four times longer. */
  retryBaseMs: number;
  maxAttempts: number;
  pollMs: number;
  /** An attempt still running after this long was cut off by a stopped process. */
  staleMs: number;
};

/**
 * The inbound SMTP endpoint of the workers: messages sent or forwarded to `address` (or in
 * copy to it) are logged on the customers whose addresses they carry.
 */
export type InboundMailConfig = {
  /** Off: no endpoint. 0: any free port (tests). */
  port: number | 'off';
  host: string;
  /** The CRM's own address; mail to any other recipient is refused (no relaying). */
  address: string;
  maxBytes: number;
  /** PEM files for STARTTLS; without them the endpoint offers none. */
  tlsKeyFile?: string;
  tlsCertFile?: string;
};

export type SlaPolicy = { firstResponseHours: number; resolutionHours: number };

/** Service-level targets per ticket priority, counted in business hours of the calendar. */
export type SlaConfig = {
  policies: Record<'low' | 'normal' | 'high' | 'urgent', SlaPolicy>;
  calendar: { timeZone: string; days: number[]; startHour: number; endHour: number };
};

const defaultSla: SlaConfig['policies'] = {
  urgent: { firstResponseHours: 1, resolutionHours: 4 },
  high: { firstResponseHours: 2, resolutionHours: 8 },
  normal: { firstResponseHours: 8, resolutionHours: 24 },
  low: { firstResponseHours: 16, resolutionHours: 40 },
};

/** SLA_POLICIES overrides per priority, as JSON: {"urgent":{"firstResponseHours":1,…}}. */
const slaPolicies = (json: string | undefined): SlaConfig['policies'] => {
  if (!json) return defaultSla;
  const given = JSON.parse(json) as Partial<SlaConfig['policies']>;
  const out = { ...defaultSla };
  for (const priority of Object.keys(defaultSla) as (keyof typeof defaultSla)[]) {
    const p = given[priority];
    if (p === undefined) continue;
    if (!(p.firstResponseHours > 0 && p.resolutionHours > 0))
      throw new Error(
        `SLA_POLICIES: ${priority} needs positive firstResponseHours and resolutionHours`,
      );
    out[priority] = {
      firstResponseHours: p.firstResponseHours,
      resolutionHours: p.resolutionHours,
    };
  }
  return out;
};

export type AuthConfig = {
  secret?: string;
  secretFile?: string;
  publicKeyFile?: string;
  jwksFile?: string;
  /** An identity provider's key set, fetched, cached and fetched again on an unknown `kid`. */
  jwksUrl?: string;
  /** An OpenID provider: its discovery document names the key set; tokens must come from it. */
  oidcIssuer?: string;
  issuer?: string;
  audience?: string;
  /** The claim naming the staff member; the claim holding the roles (dotted when nested). */
  subjectClaim: string;
  rolesClaim: string;
  leewaySeconds: number;
  /** The longest a token lives from its `iat`, whatever its `exp` says. */
  maxAgeSeconds: number;
  keySets: { cacheMs: number; cooldownMs: number; timeoutMs: number };
  /** The initial admin registered on start (embedded default: an id kept under dataDir). */
  bootstrapAdmin?: { id?: string; name: string; email: string; roles: string[] };
};

const optional = (value: string | undefined) => (value ? value : undefined);

/** Embedded stores live on this machine; only then may the service invent its own secret. */
export const isEmbedded = (config: Pick<Config, 'eventStoreUrl'>): boolean =>
  config.eventStoreUrl.startsWith('sqlite:') || config.eventStoreUrl === 'memory:';

export const hasConfiguredKey = (auth: AuthConfig): boolean =>
  [
    auth.secret,
    auth.secretFile,
    auth.publicKeyFile,
    auth.jwksFile,
    auth.jwksUrl,
    auth.oidcIssuer,
  ].some((v) => v !== undefined);

const logLevels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];
const logLevel = (value: string | undefined): string => {
  if (value === undefined) return 'info';
  if (!logLevels.includes(value))
    throw new Error(`LOG_LEVEL: ${value} is not one of ${logLevels.join(', ')}`);
  return value;
};

const int = (value: string | undefined, fallback: number) => {
  const n = value === undefined ? NaN : Number(value);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
};

/** Reads configuration from the environment; the defaults are the embedded single-machine setup. */
export const readConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const projectorPort = int(env['PROJECTOR_PORT'], 3002);
  const host = env['HOST'] ?? '127.0.0.1';
  const adminId = optional(env['BOOTSTRAP_ADMIN_ID']);
  const auth: AuthConfig = {
    ...(optional(env['AUTH_JWT_SECRET']) ? { secret: env['AUTH_JWT_SECRET'] } : {}),
    ...(optional(env['AUTH_JWT_SECRET_FILE']) ? { secretFile: env['AUTH_JWT_SECRET_FILE'] } : {}),
    ...(optional(env['AUTH_JWT_PUBLIC_KEY_FILE'])
      ? { publicKeyFile: env['AUTH_JWT_PUBLIC_KEY_FILE'] }
      : {}),
    ...(optional(env['AUTH_JWKS_FILE']) ? { jwksFile: env['AUTH_JWKS_FILE'] } : {}),
    ...(optional(env['AUTH_JWKS_URL']) ? { jwksUrl: env['AUTH_JWKS_URL'] } : {}),
    ...(optional(env['AUTH_OIDC_ISSUER']) ? { oidcIssuer: env['AUTH_OIDC_ISSUER'] } : {}),
    // Tokens of an OpenID provider come from it, unless another issuer is named.
    ...(optional(env['AUTH_JWT_ISSUER'] ?? env['AUTH_OIDC_ISSUER'])
      ? { issuer: env['AUTH_JWT_ISSUER'] ?? env['AUTH_OIDC_ISSUER'] }
      : {}),
    ...(optional(env['AUTH_JWT_AUDIENCE']) ? { audience: env['AUTH_JWT_AUDIENCE'] } : {}),
    subjectClaim: env['AUTH_SUBJECT_CLAIM'] || 'sub',
    rolesClaim: env['AUTH_ROLES_CLAIM'] || 'roles',
    leewaySeconds: int(env['AUTH_CLOCK_TOLERANCE_SECONDS'], 30),
    maxAgeSeconds: Math.max(60, int(env['AUTH_MAX_TOKEN_AGE_SECONDS'], 12 * 3600)),
    keySets: {
      cacheMs: Math.max(1000, int(env['AUTH_JWKS_CACHE_MS'], 10 * 60_000)),
      cooldownMs: int(env['AUTH_JWKS_COOLDOWN_MS'], 30_000),
      timeoutMs: Math.max(100, int(env['AUTH_JWKS_TIMEOUT_MS'], 5_000)),
    },
  };
  const embedded = isEmbedded({ eventStoreUrl: env['EVENT_STORE_URL'] ?? 'sqlite:' });
  if (adminId || (embedded && !hasConfiguredKey(auth)))
    auth.bootstrapAdmin = {
      ...(adminId ? { id: adminId } : {}),
      name: env['BOOTSTRAP_ADMIN_NAME'] ?? 'Administrator',
      email: env['BOOTSTRAP_ADMIN_EMAIL'] ?? 'admin@localhost',
      roles: commaList(env['BOOTSTRAP_ADMIN_ROLES'] ?? (adminId ? 'admin' : 'admin,manager,sales')),
    };
  const eventStoreUrl = env['EVENT_STORE_URL'] ?? 'sqlite:./data/events.db';
  const dataDir = env['DATA_DIR'] ?? './data';
  const keyStoreUrl = optional(env['KEY_STORE_URL']);
  if (!keyStoreUrl && !isEmbedded({ eventStoreUrl }))
    throw new Error(
      'KEY_STORE_URL is required with a server event store (sqlite:<file> or mongodb://…): ' +
        'the keys that seal personal data must be shared by every process and kept apart',
    );
  return {
    eventStoreUrl,
    readStoreUrl: env['READ_STORE_URL'] ?? 'sqlite:./data/read.db',
    keyStoreUrl: keyStoreUrl ?? `sqlite:${dataDir}/keys.db`,
    host,
    commandPort: int(env['COMMAND_API_PORT'], 3000),
    queryPort: int(env['QUERY_API_PORT'], 3001),
    projectorPort,
    workersPort: int(env['WORKERS_PORT'], 3004),
    timezone: env['DEFAULT_TIMEZONE'] ?? 'Europe/Tallinn',
    bodyLimitBytes: int(env['BODY_LIMIT_BYTES'], 256 * 1024),
    projectorBatchSize: Math.max(1, int(env['PROJECTOR_BATCH_SIZE'], 2000)),
    projectorStatusUrl: env['PROJECTOR_STATUS_URL'] ?? `http://${host}:${projectorPort}/status`,
    logLevel: logLevel(env['LOG_LEVEL']),
    readyMaxLagSeconds:
      env['READY_MAX_LAG_SECONDS'] === undefined
        ? undefined
        : int(env['READY_MAX_LAG_SECONDS'], 60),
    dataDir,
    auth,
    webFormRatePerMinute: Math.max(1, int(env['WEB_FORM_RATE_PER_MINUTE'], 5)),
    rateLimit: {
      perSecond: int(env['RATE_LIMIT_PER_SECOND'], 100),
      burst: Math.max(1, int(env['RATE_LIMIT_BURST'], 500)),
    },
    sla: {
      policies: slaPolicies(env['SLA_POLICIES']),
      calendar: {
        timeZone: env['DEFAULT_TIMEZONE'] ?? 'Europe/Tallinn',
        days: (env['BUSINESS_DAYS'] ?? '1,2,3,4,5').split(',').map(Number),
        startHour: int(env['BUSINESS_HOURS_START'], 9),
        endHour: int(env['BUSINESS_HOURS_END'], 17),
      },
    },
    blobStorePath: env['BLOB_STORE_PATH'] ?? './data/blobs',
    documentMaxBytes: Math.max(1, int(env['DOCUMENT_MAX_BYTES'], 20 * 1024 * 1024)),
    ...(optional(env['WEBHOOK_SIGNING_KEY']) ? { signingKey: env['WEBHOOK_SIGNING_KEY'] } : {}),
    queryPublicUrl: (
      env['PUBLIC_QUERY_URL'] ?? `http://${host}:${int(env['QUERY_API_PORT'], 3001)}`
    ).replace(/\/$/, ''),
    campaigns: {
      publicUrl: (
        env['PUBLIC_URL'] ?? `http://${host}:${int(env['COMMAND_API_PORT'], 3000)}`
      ).replace(/\/$/, ''),
      ratePerSecond: Math.max(1, int(env['CAMPAIGN_RATE_PER_SECOND'], 20)),
      pollMs: Math.max(10, int(env['CAMPAIGN_POLL_MS'], 1000)),
    },
    registry: {
      url: env['REGISTRY_URL'] ?? 'https://ariregxmlv6.rik.ee/',
      ...(optional(env['REGISTRY_USERNAME']) ? { username: env['REGISTRY_USERNAME'] } : {}),
      ...(optional(env['REGISTRY_PASSWORD']) ? { password: env['REGISTRY_PASSWORD'] } : {}),
      language: env['REGISTRY_LANGUAGE'] === 'est' ? 'est' : 'eng',
      timeoutMs: Math.max(100, int(env['REGISTRY_TIMEOUT_MS'], 10_000)),
    },
    leaseTtlMs: Math.max(300, int(env['LEASE_TTL_MS'], 6000)),
    workflows: {
      pollMs: Math.max(10, int(env['WORKFLOW_POLL_MS'], 1000)),
    },
    webhooks: {
      pollMs: Math.max(10, int(env['WEBHOOK_POLL_MS'], 500)),
      baseBackoffMs: Math.max(1, int(env['WEBHOOK_RETRY_BASE_MS'], 1000)),
      maxBackoffMs: Math.max(1, int(env['WEBHOOK_RETRY_MAX_MS'], 10 * 60_000)),
      timeoutMs: Math.max(100, int(env['WEBHOOK_TIMEOUT_MS'], 10_000)),
      allowedTargets: allowedTargets(env['WEBHOOK_ALLOWED_TARGETS']),
    },
    reminders: {
      enabled: env['REMINDERS'] !== 'off',
      leadMinutes: int(env['REMINDER_LEAD_MINUTES'], 60),
      agreementDays: Math.max(1, int(env['AGREEMENT_REMINDER_DAYS'], 30)),
      digestHour: Math.min(23, int(env['DIGEST_HOUR'], 7)),
      pollMs: Math.max(10, int(env['REMINDER_POLL_MS'], 60_000)),
    },
    mail: {
      ...(optional(env['SMTP_URL']) ? { smtpUrl: env['SMTP_URL'] } : {}),
      from: env['MAIL_FROM'] ?? 'Kroonika <noreply@localhost>',
      retryBaseMs: Math.max(1, int(env['EMAIL_RETRY_BASE_MS'], 60_000)),
      maxAttempts: Math.max(1, int(env['EMAIL_MAX_ATTEMPTS'], 5)),
      pollMs: Math.max(10, int(env['EMAIL_POLL_MS'], 1000)),
      staleMs: Math.max(1, int(env['EMAIL_STALE_MS'], 5 * 60_000)),
    },
    inboundMail: {
      port: env['INBOUND_SMTP_PORT'] === 'off' ? 'off' : int(env['INBOUND_SMTP_PORT'], 2525),
      host: env['INBOUND_SMTP_HOST'] ?? host,
      address: (env['INBOUND_SMTP_ADDRESS'] ?? 'crm@localhost').toLowerCase(),
      maxBytes: Math.max(1024, int(env['INBOUND_SMTP_MAX_BYTES'], 25 * 1024 * 1024)),
      ...(optional(env['INBOUND_SMTP_TLS_KEY']) ? { tlsKeyFile: env['INBOUND_SMTP_TLS_KEY'] } : {}),
      ...(optional(env['INBOUND_SMTP_TLS_CERT'])
        ? { tlsCertFile: env['INBOUND_SMTP_TLS_CERT'] }
        : {}),
    },
    seller: {
      name: env['SELLER_NAME'] ?? 'Kroonika',
      ...(optional(env['SELLER_REGISTRY_CODE'])
        ? { registryCode: env['SELLER_REGISTRY_CODE'] }
        : {}),
      ...(optional(env['SELLER_VAT_NUMBER']) ? { vatNumber: env['SELLER_VAT_NUMBER'] } : {}),
      address: {
        ...(optional(env['SELLER_STREET']) ? { street: env['SELLER_STREET'] } : {}),
        ...(optional(env['SELLER_CITY']) ? { city: env['SELLER_CITY'] } : {}),
        ...(optional(env['SELLER_POSTAL_CODE']) ? { postalCode: env['SELLER_POSTAL_CODE'] } : {}),
        country: (env['SELLER_COUNTRY'] ?? 'EE').toUpperCase(),
      },
      ...(optional(env['SELLER_EMAIL']) ? { email: env['SELLER_EMAIL'] } : {}),
      ...(optional(env['SELLER_PHONE']) ? { phone: env['SELLER_PHONE'] } : {}),
      lines: (env['SELLER_DETAILS'] ?? '')
        .split('|')
        .map((l) => l.trim())
        .filter(Boolean),
      bankAccounts: bankAccounts(env['SELLER_BANK_ACCOUNTS']),
    },
    defaultLanguage: language(env['DEFAULT_LANGUAGE']),
    blobSweep: {
      intervalMs: Math.max(10, int(env['BLOB_SWEEP_INTERVAL_MS'], 3_600_000)),
      graceMs: int(env['BLOB_SWEEP_GRACE_MS'], 3_600_000),
    },
    http: {
      requestTimeoutMs: Math.max(100, int(env['REQUEST_TIMEOUT_MS'], 30_000)),
      headersTimeoutMs: Math.max(100, int(env['HEADERS_TIMEOUT_MS'], 10_000)),
      idleTimeoutMs: Math.max(100, int(env['IDLE_TIMEOUT_MS'], 60_000)),
      keepAliveTimeoutMs: Math.max(100, int(env['KEEP_ALIVE_TIMEOUT_MS'], 5_000)),
      publicPerSecond: int(env['RATE_LIMIT_PUBLIC_PER_SECOND'], 50),
      publicBurst: Math.max(1, int(env['RATE_LIMIT_PUBLIC_BURST'], 200)),
    },
    statementMaxBytes: Math.max(1024, int(env['STATEMENT_MAX_BYTES'], 10 * 1024 * 1024)),
    console: {
      commandUrl: (
        env['PUBLIC_URL'] ?? `http://${host}:${int(env['COMMAND_API_PORT'], 3000)}`
      ).replace(/\/$/, ''),
      origins: consoleOrigins(
        env['PUBLIC_QUERY_URL'] ?? `http://${host}:${int(env['QUERY_API_PORT'], 3001)}`,
      ),
      ...(optional(env['CONSOLE_OIDC_CLIENT_ID'])
        ? { oidcClientId: env['CONSOLE_OIDC_CLIENT_ID'] }
        : {}),
    },
    corsOrigins: commaList(env['CORS_ORIGINS']),
  };
};

const loopback = new Set(['127.0.0.1', 'localhost', '[::1]', '0.0.0.0']);

/**
 * The origins the console is opened from: the query API's public address; on a loopback or
 * wildcard host, each loopback name of its port (a browser on the machine may say either).
 */
export const consoleOrigins = (queryUrl: string): string[] => {
  const url = new URL(queryUrl);
  if (!loopback.has(url.hostname)) return [url.origin];
  const port = url.port ? `:${url.port}` : '';
  return ['127.0.0.1', 'localhost', '[::1]'].map((name) => `${url.protocol}//${name}${port}`);
};
