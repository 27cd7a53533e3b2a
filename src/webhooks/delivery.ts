// Webhook delivery from the transactional outbox (store/outbox.ts). Events were written in
// the same transaction as the change, so they exist only after commit; this worker claims
// due events (FOR UPDATE SKIP LOCKED, so several workers never send one event twice), POSTs
// the payload signed by the Standard Webhooks convention (signing.ts: webhook-id, the event
// row's id, stable across retries; webhook-timestamp; webhook-signature), and on failure
// schedules a retry with exponential back-off until MAX_ATTEMPTS, after which the event is
// marked failed.
import { sql } from 'kysely';
import type { Db } from '../store/db.js';
import { signedHeaders } from './signing.js';

export const TOPIC_HEADER = 'x-stockroute-topic';
export const MAX_ATTEMPTS = 10;
/** How long a claimed event stays invisible to other workers while it is being sent. */
const LEASE_MS = 60_000;

export interface DeliveryOptions {
  readonly now?: () => Date;
  readonly batchSize?: number;
  readonly timeoutMs?: number;
  /** Base back-off in ms; attempt n waits base × 2^(n−1). */
  readonly backoffMs?: number;
}

export interface DeliveryReport {
  readonly delivered: number;
  readonly retried: number;
  readonly failed: number;
}

/** Sends every due event once; returns what happened. */
export async function deliverDueEvents(db: Db, options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const now = options.now ?? (() => new Date());
  const report = { delivered: 0, retried: 0, failed: 0 };
  // Claim in a short transaction (a lease), then talk HTTP with no transaction open: the
  // embedded database has one session, and a slow endpoint must not block stock changes.
  const due = await db.kysely.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('webhook_events as e')
      .innerJoin('webhooks as w', 'w.id', 'e.webhook_id')
      .select(['e.id', 'e.topic', 'e.payload', 'e.attempts', 'w.callback_url', 'w.shared_secret'])
      .where('e.status', '=', 'pending')
      .where('e.next_attempt_at', '<=', now())
      .orderBy('e.created_at')
      .orderBy('e.id')
      .limit(options.batchSize ?? 50)
      .forUpdate('e')
      .skipLocked()
      .execute();
    if (rows.length > 0) {
      await trx.updateTable('webhook_events')
        .set({ next_attempt_at: new Date(now().getTime() + LEASE_MS) })
        .where('id', 'in', rows.map((r) => r.id)).execute();
    }
    return rows;
  });
  for (const event of due) {
    const body = JSON.stringify(event.payload);
    const error = await post(event.callback_url, body, {
      ...signedHeaders(event.id, now(), body, event.shared_secret),
      [TOPIC_HEADER]: event.topic,
    }, options.timeoutMs ?? 5000);
    const attempts = event.attempts + 1;
    const update = db.kysely.updateTable('webhook_events').where('id', '=', event.id);
    if (error === null) {
      report.delivered++;
      await update.set({ status: 'delivered', attempts, delivered_at: now(), last_error: null }).execute();
    } else if (attempts >= MAX_ATTEMPTS) {
      report.failed++;
      await update.set({ status: 'failed', attempts, last_error: error }).execute();
    } else {
      report.retried++;
      const wait = (options.backoffMs ?? 10_000) * 2 ** (attempts - 1);
      await update.set({ attempts, last_error: error, next_attempt_at: new Date(now().getTime() + wait) }).execute();
    }
  }
  return report;
}

async function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<string | null> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    return response.ok ? null : `HTTP ${response.status}`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Polls for due events until stopped. */
export function startWebhookWorker(db: Db, options: DeliveryOptions & { intervalMs?: number } = {}): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = deliverDueEvents(db, options).catch(() => undefined).finally(() => {
      if (!stopped) timer = setTimeout(tick, options.intervalMs ?? 1000);
    });
  };
  let timer = setTimeout(tick, options.intervalMs ?? 1000);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** Counts events by status, for tests and metrics. */
export async function eventCounts(db: Db): Promise<Record<string, number>> {
  const rows = await db.kysely.selectFrom('webhook_events')
    .select(['status', sql<number>`count(*)::int`.as('n')]).groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
