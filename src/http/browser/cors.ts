// CORS for /api and /oauth/token (@fastify/cors), so storefront pages can call Stockroute
// with a sales-channel token. The rule is in ./origins.ts. Two steps:
// 1. registerCors (before authentication): answers preflights without a token and adds the
//    CORS headers when some application or STOCKROUTE_CORS_ORIGINS admits the origin;
//    other origins get no CORS headers at all.
// 2. installOriginCheck (after authentication): the actual request is refused (403, CORS
//    headers removed) unless the calling application admits the origin. This is what keeps
//    integration tokens out of browsers, and one shop's token off another shop's pages.
import cors, { type FastifyCorsOptions } from '@fastify/cors';
import { sql } from 'kysely';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../store/db.js';
import { ApiError } from '../errors.js';
import { ANY_ORIGIN, originAdmits, type Caller } from './origins.js';

export interface CorsDeps {
  readonly db: Db;
  /** STOCKROUTE_CORS_ORIGINS: admitted for sales-channel tokens. */
  readonly globalOrigins: readonly string[];
}

const CORS_PATH = /^\/(?:api(?:[/?]|$)|oauth\/token(?:\?|$))/;

const ADMITTED: FastifyCorsOptions = {
  methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
  allowedHeaders: ['Authorization', 'Content-Type', 'Accept', 'Idempotency-Key', 'X-Request-Id'],
  exposedHeaders: ['Location', 'X-Request-Id', 'Retry-After', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'],
  credentials: false,
  maxAge: 600,
};

/**
 * The Origin of a request made by a page on another origin, or undefined (no Origin, or the
 * admin UI calling its own server). Browsers mark same-origin requests with
 * `Sec-Fetch-Site: same-origin`; older ones are recognised by Origin host = Host.
 */
export function crossOrigin(request: FastifyRequest): string | undefined {
  const origin = request.headers.origin;
  if (origin === undefined || request.headers['sec-fetch-site'] === 'same-origin') return undefined;
  try {
    const { protocol, host } = new URL(origin);
    // Read Host with the Origin's scheme, so `example.com:443` equals `https://example.com`.
    if (new URL(`${protocol}//${request.host}`).host === host) return undefined;
  } catch {
    // "null" (sandboxed frames, file: pages) or garbage: a foreign origin no list admits.
  }
  return origin;
}

async function anyApplicationAdmits(db: Db, origin: string): Promise<boolean> {
  const row = await db.kysely.selectFrom('applications').select('id')
    .where(sql<boolean>`allowed_origins @> ${JSON.stringify([origin])}::jsonb`).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function registerCors(app: FastifyInstance, deps: CorsDeps): Promise<void> {
  const { db, globalOrigins } = deps;
  await app.register(cors, {
    hideOptionsRoute: true,
    delegator: async (request: FastifyRequest): Promise<FastifyCorsOptions> => {
      const origin = CORS_PATH.test(request.url) ? crossOrigin(request) : undefined;
      if (origin === undefined) return { origin: false };
      const admitted = globalOrigins.includes(ANY_ORIGIN) || globalOrigins.includes(origin) || (await anyApplicationAdmits(db, origin));
      return admitted ? { ...ADMITTED, origin } : { origin: false };
    },
  });
}

/** Refuses a cross-origin request the caller does not admit: 403 without CORS headers. */
export function assertOriginAdmits(request: FastifyRequest, reply: FastifyReply, caller: Caller | undefined, globalOrigins: readonly string[]): void {
  const origin = crossOrigin(request);
  if (origin === undefined || (caller && originAdmits(origin, caller, globalOrigins))) return;
  reply.removeHeader('access-control-allow-origin');
  reply.removeHeader('access-control-expose-headers');
  const why = caller?.kind === 'integration'
    ? 'integration tokens are not for browser pages unless the origin is in the application\'s allowed_origins'
    : 'add it to the application\'s allowed_origins or to STOCKROUTE_CORS_ORIGINS';
  throw new ApiError('FORBIDDEN', `requests from the origin ${origin} are not allowed for this application: ${why}`, { meta: { origin } });
}

export function installOriginCheck(app: FastifyInstance, deps: CorsDeps): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.auth || crossOrigin(request) === undefined) return;
    const row = await deps.db.kysely.selectFrom('applications').select('allowed_origins')
      .where('id', '=', request.auth.applicationId).executeTakeFirst();
    const caller = row ? { kind: request.auth.kind, allowedOrigins: row.allowed_origins } : undefined;
    assertOriginAdmits(request, reply, caller, deps.globalOrigins);
  });
}
