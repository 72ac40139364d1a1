export type SmtpError = Error & { responseCode?: number; command?: string; code?: string };

/**
 * How an attempt's error is taken. A refusal the server answered with 5xx is final; 4xx and
 * failures before the message was handed over are worth another try; a connection lost
 * while the message itself was being sent leaves its fate unknown, so it is not repeated.
 */
export const classify = (error: SmtpError): 'temporary' | 'permanent' | 'uncertain' => {
  const code = error.responseCode;
  if (code !== undefined) return code >= 500 ? 'permanent' : 'temporary';
  if (error.command === 'DATA') return 'uncertain';
  return 'temporary';
};

/**
 * Connection options from `smtp://user:pass@host:port` (`smtps://` for TLS from the start;
 * plain `smtp://` upgrades with STARTTLS when the server offers it). Timeouts keep one
 * attempt well under the stale limit.
 */
export const smtpOptions = (url: string) => {
  const u = new URL(url);
  const secure = u.protocol === 'smtps:';
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    ...(u.username
      ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } }
      : {}),
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  };
};

/** When attempt `attempt` (1-based) failing temporarily is tried again: base × 4ⁿ⁻¹. */
export const retryDelay = (attempt: number, baseMs: number) => baseMs * 4 ** (attempt - 1);
