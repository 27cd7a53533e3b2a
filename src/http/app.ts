// buildApp(deps): the whole HTTP API as a Fastify instance that never listens (tests use
// inject; server.ts listens). Order: security headers → CORS (preflights answered before
// auth) → media types → auth → origin check → rate limit → idempotency → routes.
import Fastify, { type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { randomUUID } from 'node:crypto';
import type { DistanceProvider } from '../domain/distance/provider.js';
import { flowContext } from '../flows/context.js';
import type { Db } from '../store/db.js';
import { adminStatic } from './admin-static.js';
import { installAuth, requireAuth } from './auth/guard.js';
import { installOriginCheck, registerCors } from './browser/cors.js';
import { registerSecurityHeaders } from './browser/security-headers.js';
import { registerOAuth } from './auth/oauth.js';
import { signingKey } from './auth/tokens.js';
import type { AppConfig } from './config.js';
import { installErrorHandling } from './errors.js';
import { installIdempotency } from './idempotency.js';
import { installMediaTypes } from './jsonapi/media-type.js';
import { magentoApi } from './magento/plugin.js';
import { loggerOptions, type LogDestination } from './logging.js';
import { installOps } from './ops.js';
import { lookup, resources } from './resources/index.js';
import { registerResource } from './resources/routes.js';
import { registerStockAdjustments } from './stock-adjustments.js';
import { addSharedSchemas } from './openapi/responses.js';
import { lazySerializerFactory } from './openapi/serializer.js';

export interface AppDeps {
  readonly db: Db;
  readonly config: AppConfig;
  readonly now?: () => Date;
  readonly distance?: DistanceProvider;
  /** Log lines go here instead of stdout (tests). */
  readonly logDestination?: LogDestination;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const now = deps.now ?? (() => new Date());
  const { config } = deps;
  const app = Fastify({
    ...(await loggerOptions(config, deps.logDestination)),
    genReqId: (request) => (typeof request.headers['x-request-id'] === 'string' ? request.headers['x-request-id'] : randomUUID()),
    requestIdHeader: 'x-request-id',
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true } },
    // Response serialisers compiled on first use (openapi/serializer.ts), not all at ready.
    schemaController: { compilersFactory: { buildSerializer: lazySerializerFactory } },
  });
  addSharedSchemas(app, resources);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  installErrorHandling(app);
  await registerSecurityHeaders(app, { behindTls: config.behindTls ?? false });
  const browser = { db: deps.db, globalOrigins: config.corsOrigins ?? [] };
  await registerCors(app, browser);
  installMediaTypes(app);

  let key: Promise<Uint8Array> | undefined;
  const signing = () => (key ??= signingKey(deps.db, config.jwtSecret));
  installAuth(app, signing, now);
  installOriginCheck(app, browser);
  if (config.rateLimitPerMinute) {
    // With STOCKROUTE_REDIS_URL the counts live in Redis, shared by every node; if Redis stops
    // answering, requests are let through (skipOnError) rather than refused.
    // ioredis is imported only then: loaded at start it costs ~1.5 MB of heap on every server.
    const redis = config.redisUrl ? new (await import('ioredis')).Redis(config.redisUrl, { connectTimeout: 2000, maxRetriesPerRequest: 1 }) : undefined;
    if (redis) app.addHook('onClose', async () => { await redis.quit(); });
    await app.register(rateLimit, {
      ...(redis ? { redis, nameSpace: 'stockroute-rate-limit-', skipOnError: true } : {}),
      max: config.rateLimitPerMinute,
      timeWindow: 60_000,
      allowList: (request) => request.url === '/health' || request.url === '/metrics',
      // Per application (auth runs first, so new tokens do not reset the count), else per IP.
      keyGenerator: (request) => request.auth?.applicationId ?? request.ip,
      errorResponseBuilder: (_request, context) => ({
        statusCode: 429, code: 'RATE_LIMITED', message: `rate limit of ${context.max} requests per ${context.after} exceeded`,
      }),
    });
  }
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Stockroute API', version: '0.1.0', description: 'JSON:API for multi-source inventory and order routing' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    // Shared schemas ($id: skus_resource, errors_422, …) keep their names under components.schemas.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  // BaseLayout: no top bar, whose logo is an SVG with an inline <style> the CSP refuses.
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { layout: 'BaseLayout' } });
  installIdempotency(app, deps.db);
  installOps(app, deps.db, now);

  const flow = flowContext(deps.db, { now, ...(deps.distance ? { distance: deps.distance } : {}) });
  registerOAuth(app, { db: deps.db, key: signing, ttlSeconds: config.tokenTtlSeconds, now, globalOrigins: browser.globalOrigins });
  const routeDeps = { lookup, mode: config.mode, api: (request: Parameters<typeof requireAuth>[0]) => ({ flow, auth: requireAuth(request), request }) };
  for (const resource of resources) registerResource(app, resource, routeDeps);
  await magentoApi(app, { db: deps.db, key: signing, ttlSeconds: config.tokenTtlSeconds, now, flow });
  registerStockAdjustments(app, { flow, mode: config.mode });
  await app.register(adminStatic);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/', { schema: { hide: true } }, async () => ({ api: '/api', openapi: '/openapi.json', docs: '/docs', admin: '/admin' }));
  return app;
}
