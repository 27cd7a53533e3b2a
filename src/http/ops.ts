// Operational routes: GET /health (200 when the database answers, 503 otherwise) and
// GET /metrics (Prometheus text; the active-reservation gauge is sampled at scrape time),
// plus the request-duration histogram recorded for every response.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { activeReservations, httpRequestDuration, registry } from '../metrics.js';
import type { Db } from '../store/db.js';
import { json } from './openapi/responses.js';

const Health = {
  type: 'object', required: ['status', 'database'], additionalProperties: false,
  properties: { status: { type: 'string', enum: ['ok', 'unavailable'] }, database: { type: 'string', enum: ['pglite', 'postgres'] } },
};

export function installOps(app: FastifyInstance, db: Db, now: () => Date): void {
  app.addHook('onResponse', async (request, reply) => {
    httpRequestDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  app.get('/health', {
    schema: { tags: ['ops'], summary: 'Liveness and database check', security: [], response: { 200: json(Health, 'the database answers'), 503: json(Health, 'the database does not answer') } },
  }, async (_request, reply) => {
    try {
      await sql`SELECT 1`.execute(db.kysely);
      return { status: 'ok', database: db.engine };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: db.engine });
    }
  });

  app.get('/metrics', {
    schema: { tags: ['ops'], summary: 'Prometheus metrics', security: [], response: { 200: { description: 'Prometheus text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } } } },
  }, async (request, reply) => {
    try {
      const row = await db.kysely.selectFrom('stock_reservations').select((eb) => eb.fn.countAll().as('n'))
        .where((eb) => eb.or([eb('status', '=', 'pending'), eb('expires_at', '>', now())])).executeTakeFirstOrThrow();
      activeReservations.set(Number(row.n));
    } catch (error) {
      request.log.warn({ err: error }, 'could not sample reservations');
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
