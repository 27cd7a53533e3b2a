// First start on a shared PostgreSQL database, when several nodes start at once: migrations
// and the first-start bootstrap (admin integration) run under one session-level advisory lock,
// so one node does them while the others wait, then find everything in place. PGlite is one
// process's database, so it needs no lock.
import { sql, type Kysely } from 'kysely';
import type { Db } from './db.js';
import type { Database } from './schema.js';

/** pg_advisory_lock key: the bytes of "Stkrstup" as a bigint, the same in every version. */
export const STARTUP_LOCK_KEY = '6013549541753910640';

/** Runs `body` on one connection while holding the startup lock (PostgreSQL), or directly (PGlite). */
export async function withStartupLock<T>(db: Db, body: (locked: Db) => Promise<T>): Promise<T> {
  if (db.engine !== 'postgres') return body(db);
  return db.kysely.connection().execute(async (connection: Kysely<Database>) => {
    await sql`SELECT pg_advisory_lock(${STARTUP_LOCK_KEY}::bigint)`.execute(connection);
    try {
      return await body({ ...db, kysely: connection });
    } finally {
      await sql`SELECT pg_advisory_unlock(${STARTUP_LOCK_KEY}::bigint)`.execute(connection);
    }
  });
}
