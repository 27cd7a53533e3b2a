// Server configuration from the environment, with the defaults documented in the README.
import { parseOriginList } from './browser/origins.js';

export interface AppConfig {
  /** meta.mode of every resource object. */
  readonly mode: 'test' | 'live';
  /** HS256 signing secret; generated and stored in the database when absent. */
  readonly jwtSecret?: string | undefined;
  readonly tokenTtlSeconds: number;
  /** Requests per minute per client (token or IP); undefined = no limit. */
  readonly rateLimitPerMinute?: number | undefined;
  /** pino level, or false for no logging (tests). */
  readonly logLevel: string | false;
  /** `pretty`: one readable line per request (a terminal); `json`: pino's JSON lines. */
  readonly logFormat?: LogFormat | undefined;
  /** Redis shared by several nodes for the rate limit (STOCKROUTE_REDIS_URL); per process without. */
  readonly redisUrl?: string | undefined;
  readonly adminClientId?: string | undefined;
  readonly adminClientSecret?: string | undefined;
  /** STOCKROUTE_CORS_ORIGINS: browser origins (or `*`) admitted for sales-channel tokens. */
  readonly corsOrigins?: readonly string[] | undefined;
  /** STOCKROUTE_BEHIND_TLS=on: clients use HTTPS, so send HSTS. */
  readonly behindTls?: boolean | undefined;
}

export type LogFormat = 'pretty' | 'json';

/** LOG_FORMAT=json|pretty decides; unset, a terminal gets readable lines and anything else JSON. */
export function chooseLogFormat(value: string | undefined, isTTY: boolean): LogFormat {
  if (value === undefined || value === '') return isTTY ? 'pretty' : 'json';
  if (value === 'json' || value === 'pretty') return value;
  throw new Error(`LOG_FORMAT must be "json" or "pretty", got ${value}`);
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env, isTTY = process.stdout.isTTY === true): AppConfig {
  const limit = env.STOCKROUTE_RATE_LIMIT;
  const rate = limit && limit !== 'off' ? Number(limit) : undefined;
  if (rate !== undefined && (!Number.isInteger(rate) || rate < 1)) {
    throw new Error(`STOCKROUTE_RATE_LIMIT must be a whole number of requests per minute or "off", got ${limit}`);
  }
  return {
    mode: env.STOCKROUTE_MODE === 'test' ? 'test' : 'live',
    jwtSecret: env.STOCKROUTE_JWT_SECRET || undefined,
    tokenTtlSeconds: Number(env.STOCKROUTE_TOKEN_TTL ?? 7200) || 7200,
    rateLimitPerMinute: rate,
    logLevel: env.LOG_LEVEL ?? 'info',
    logFormat: chooseLogFormat(env.LOG_FORMAT, isTTY),
    redisUrl: env.STOCKROUTE_REDIS_URL || undefined,
    adminClientId: env.STOCKROUTE_ADMIN_CLIENT_ID || undefined,
    adminClientSecret: env.STOCKROUTE_ADMIN_CLIENT_SECRET || undefined,
    corsOrigins: parseOriginList(env.STOCKROUTE_CORS_ORIGINS),
    behindTls: onOff('STOCKROUTE_BEHIND_TLS', env.STOCKROUTE_BEHIND_TLS),
  };
}

function onOff(variable: string, value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'off' || value === 'false' || value === '0') return false;
  if (value === 'on' || value === 'true' || value === '1') return true;
  throw new Error(`${variable} must be on or off, got ${value}`);
}

export const testConfig = (overrides: Partial<AppConfig> = {}): AppConfig => ({
  mode: 'test', tokenTtlSeconds: 7200, logLevel: false, jwtSecret: 'test-secret-for-signing-tokens-0123456789', ...overrides,
});
