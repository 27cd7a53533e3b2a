// Every state change is one transaction. Serialisation failures and deadlocks (PostgreSQL
// 40001 / 40P01) are retried a bounded number of times with jittered back-off; a
// DomainFailure is never retried. After the last try the caller gets a CONFLICT. A prepared
// statement gone stale under a migration (sql-messages.ts: isStalePlan) is retried too.
import type { Transaction } from 'kysely';
import { DomainFailure, fail } from '../domain/errors.js';
import type { Db } from './db.js';
import type { Database } from './schema.js';
import { isStalePlan } from './sql-messages.js';

export type Trx = Transaction<Database>;

const RETRYABLE = new Set(['40001', '40P01']);

export interface TransactionOptions {
  readonly retries?: number;
  readonly isolation?: 'read committed' | 'repeatable read' | 'serializable';
}

export async function inTransaction<T>(db: Db, work: (trx: Trx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  // Already inside a transaction (see joinTransaction): join it. The outermost call owns the
  // commit and the retries, so several flows can make one atomic change.
  if (db.kysely.isTransaction) return work(db.kysely as Trx);
  return withRetries(() => {
    let builder = db.kysely.transaction();
    if (options.isolation) builder = builder.setIsolationLevel(options.isolation);
    return builder.execute(work);
  }, options.retries);
}

/** Runs `attempt` again on a serialisation failure or deadlock, with jittered back-off; then CONFLICT. */
export async function withRetries<T>(attempt: () => Promise<T>, retries = 8): Promise<T> {
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (error instanceof DomainFailure || !isRetryable(error)) throw error;
      if (tries >= retries) throw fail({ code: 'CONFLICT', message: 'concurrent change; retry the request' });
      await sleep(Math.random() * 5 * 2 ** Math.min(tries, 6));
    }
  }
}

/** A Db whose queries and flows run inside the open transaction `trx` (flows join it). */
export function joinTransaction(db: Db, trx: Trx): Db {
  return { kysely: trx, engine: db.engine, close: async () => undefined };
}

export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (typeof code === 'string' && RETRYABLE.has(code)) || isStalePlan(error);
}

/** PostgreSQL unique violation (23505), for mapping to RECORD_NOT_UNIQUE. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
