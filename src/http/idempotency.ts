// Idempotency-Key on POST/PATCH under /api. The key row is inserted first, in its own
// statement (ON CONFLICT DO NOTHING), so of two concurrent duplicates only one runs; the
// other sees the row and gets the stored response, or 409 while the first is still running
// (a claim never answered, because the process died, is released after five minutes).
// Same key with a different method, path or body → 422. Server errors free the key.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../store/db.js';
import { ApiError } from './errors.js';
import { MEDIA_TYPE } from './jsonapi/media-type.js';

const ABANDONED_AFTER_MS = 5 * 60_000;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { key: string; applicationId: string };
  }
}

export function installIdempotency(app: FastifyInstance, db: Db): void {
  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || !request.auth || !['POST', 'PATCH'].includes(request.method) || !request.url.startsWith('/api/')) return;
    const applicationId = request.auth.applicationId;
    const path = request.url.split('?')[0] ?? request.url;
    const bodyHash = createHash('sha256').update(JSON.stringify(request.body ?? null)).digest('hex');
    const claim = () => db.kysely.insertInto('idempotency_keys')
      .values({ key, application_id: applicationId, method: request.method, path, body_hash: bodyHash })
      .onConflict((oc) => oc.columns(['application_id', 'key']).doNothing())
      .returning('key').executeTakeFirst();
    // A claim left unanswered (the process died mid-request) is released after a while.
    await db.kysely.deleteFrom('idempotency_keys').where('application_id', '=', applicationId).where('key', '=', key)
      .where('status_code', 'is', null).where('created_at', '<', new Date(Date.now() - ABANDONED_AFTER_MS)).execute();
    if (await claim()) {
      request.idempotency = { key, applicationId };
      return;
    }
    const first = await db.kysely.selectFrom('idempotency_keys').selectAll()
      .where('application_id', '=', applicationId).where('key', '=', key).executeTakeFirstOrThrow();
    if (first.method !== request.method || first.path !== path || first.body_hash !== bodyHash) {
      throw new ApiError('VALIDATION_ERROR', 'this Idempotency-Key was already used with a different request', { parameter: 'Idempotency-Key' });
    }
    if (first.status_code === null) throw new ApiError('CONFLICT', 'a request with this Idempotency-Key is still running; retry later');
    reply.code(first.status_code).header('idempotent-replayed', 'true');
    if (first.response === null) return reply.send();
    return reply.type(MEDIA_TYPE).send(first.response);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (!claim) return payload;
    const row = db.kysely.updateTable('idempotency_keys').where('application_id', '=', claim.applicationId).where('key', '=', claim.key);
    if (reply.statusCode >= 500) {
      await db.kysely.deleteFrom('idempotency_keys').where('application_id', '=', claim.applicationId).where('key', '=', claim.key).execute();
    } else {
      const text = typeof payload === 'string' && payload !== '' ? payload : null;
      await row.set({ status_code: reply.statusCode, response: text as unknown as string }).execute();
    }
    return payload;
  });
}
