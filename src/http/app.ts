// buildApp(deps): the whole HTTP API as a Fastify instance that never listens (tests use
// inject; server.ts listens). Order: media types → auth → rate limit → idempotency → routes.
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
import { registerOAuth } from './auth/oauth.js';
import { signingKey } from './auth/tokens.js';
import type { AppConfig } from './config.js';
import { installErrorHandling } from './errors.js';
import { installIdempotency } from './idempotency.js';
import { installMediaTypes } from './jsonapi/media-type.js';
import { installOps } from './ops.js';
import { lookup, resources } from './resources/index.js';
import { registerResource } from './resources/routes.js';
import { registerStockAdjustments } from './stock-adjustments.js';

export interface AppDeps {
  readonly db: Db;
  readonly config: AppConfig;
  readonly now?: () => Date;
  readonly distance?: DistanceProvider;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const now = deps.now ?? (() => new Date());
  const { config } = deps;
  const app = Fastify({
    logger: config.logLevel === false ? false : { level: config.logLevel },
    genReqId: (request) => (typeof request.headers['x-request-id'] === 'string' ? request.headers['x-request-id'] : randomUUID()),
    requestIdHeader: 'x-request-id',
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true } },
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  installErrorHandling(app);
  installMediaTypes(app);

  let key: Promise<Uint8Array> | undefined;
  const signing = () => (key ??= signingKey(deps.db, config.jwtSecret));
  installAuth(app, signing, now);
  if (config.rateLimitPerMinute) {
    await app.register(rateLimit, {
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
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  installIdempotency(app, deps.db);
  installOps(app, deps.db, now);

  const flow = flowContext(deps.db, { now, ...(deps.distance ? { distance: deps.distance } : {}) });
  registerOAuth(app, { db: deps.db, key: signing, ttlSeconds: config.tokenTtlSeconds, now });
  const routeDeps = { lookup, mode: config.mode, api: (request: Parameters<typeof requireAuth>[0]) => ({ flow, auth: requireAuth(request), request }) };
  for (const resource of resources) registerResource(app, resource, routeDeps);
  registerStockAdjustments(app, { flow, mode: config.mode });
  await app.register(adminStatic);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/', { schema: { hide: true } }, async () => ({ api: '/api', openapi: '/openapi.json', docs: '/docs', admin: '/admin' }));
  return app;
}
