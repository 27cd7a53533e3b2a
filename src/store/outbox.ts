// Transactional outbox for webhooks: an event is written in the same transaction as the
// change it reports, one row per subscribed webhook, and delivered only after commit by
// the delivery worker (http/webhooks-worker.ts).
import { newId } from './ids.js';
import type { Trx } from './transaction.js';

export async function enqueueEvent(trx: Trx, topic: string, payload: Record<string, unknown>): Promise<void> {
  const hooks = await trx.selectFrom('webhooks').select('id').where('topic', '=', topic).where('disabled_at', 'is', null).execute();
  if (hooks.length === 0) return;
  await trx
    .insertInto('webhook_events')
    .values(hooks.map((h) => ({ id: newId('evt'), webhook_id: h.id, topic, payload: JSON.stringify(payload), next_attempt_at: new Date() })))
    .execute();
}
