// A throw-away PostgreSQL database for a benchmark: created on the server named by
// DATABASE_URL (default the local test server), migrated, and dropped afterwards.
import { openDb, type Db } from '../src/store/db.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { createTestDatabaseUrl } from '../src/store/test-support/engines.js';

export const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/test';

/** `work` gets the open database and its URL (for a server in another process). */
export async function withTempPostgres<T>(poolSize: number, work: (db: Db, url: string) => Promise<T>): Promise<T> {
  process.env.DATABASE_URL ??= LOCAL_POSTGRES;
  const temp = await createTestDatabaseUrl();
  const db = await openDb({ databaseUrl: temp.url, poolSize });
  try {
    await migrateToLatest(db.kysely);
    return await work(db, temp.url);
  } finally {
    await db.close();
    await temp.drop();
  }
}
