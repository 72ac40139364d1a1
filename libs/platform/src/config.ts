export type Config = {
  eventStoreUrl: string;
  readStoreUrl: string;
  host: string;
  commandPort: number;
  queryPort: number;
  projectorPort: number;
  timezone: string;
  bodyLimitBytes: number;
  projectorStatusUrl: string;
  projectorBatchSize: number;
};

const int = (value: string | undefined, fallback: number) => {
  const n = value === undefined ? NaN : Number(value);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
};

/** Reads configuration from the environment; the defaults are the embedded single-machine setup. */
export const readConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const projectorPort = int(env['PROJECTOR_PORT'], 3002);
  const host = env['HOST'] ?? '127.0.0.1';
  return {
    eventStoreUrl: env['EVENT_STORE_URL'] ?? 'sqlite:./data/events.db',
    readStoreUrl: env['READ_STORE_URL'] ?? 'sqlite:./data/read.db',
    host,
    commandPort: int(env['COMMAND_API_PORT'], 3000),
    queryPort: int(env['QUERY_API_PORT'], 3001),
    projectorPort,
    timezone: env['DEFAULT_TIMEZONE'] ?? 'Europe/Tallinn',
    bodyLimitBytes: int(env['BODY_LIMIT_BYTES'], 256 * 1024),
    projectorBatchSize: Math.max(1, int(env['PROJECTOR_BATCH_SIZE'], 2000)),
    projectorStatusUrl: env['PROJECTOR_STATUS_URL'] ?? `http://${host}:${projectorPort}/status`,
  };
};
