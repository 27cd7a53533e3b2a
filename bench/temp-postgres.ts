// A throw-away PostgreSQL database for a benchmark: created on the server named by
// DATABASE_URL (default the local test server), migrated, and dropped afterwards.
import { sql } from 'kysely';
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

/**
 * Statistics for the tables a benchmark just filled, as PostgreSQL's documentation asks after
 * a bulk load (autovacuum would take up to a minute). Without them the planner keeps guessing
 * from empty tables: orders and line items read by sequential scan, which a real database never
 * sees. The tables the run fills (shipments, reservations, …) are left as a new database has
 * them; analysed empty, their foreign-key checks would scan them whole as they grow.
 */
export async function analyzeSeeded(db: Db): Promise<void> {
  await sql`ANALYZE orders, line_items, skus, stock_items, stock_locations, inventory_stock_locations, markets, inventory_models, shipping_categories`.execute(db.kysely);
}
