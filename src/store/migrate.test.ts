// A database migrated before 004–007 existed (it ran 001–003, 008 and 009, as last
// session's builds did) takes the newer, lower-numbered migrations on the next start.
import { Migrator, sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDb } from './db.js';
import { migrateToLatest } from './migrate.js';
import * as m001 from './migrations/001-initial.js';
import * as m002 from './migrations/002-settings.js';
import * as m003 from './migrations/003-routing-algorithm.js';
import * as m008 from './migrations/008-application-origins.js';
import * as m009 from './migrations/009-magento.js';

describe('migrations', () => {
  it('runs 004–007, then 010, on a database that already ran 008 and 009', async () => {
    const db = await openDb({ dataDir: ':memory:' });
    try {
      const older = { '001-initial': m001, '002-settings': m002, '003-routing-algorithm': m003, '008-application-origins': m008, '009-magento': m009 };
      const first = await new Migrator({ db: db.kysely as Kysely<unknown>, provider: { getMigrations: async () => older } }).migrateToLatest();
      expect(first.error).toBeUndefined();
      const result = await migrateToLatest(db.kysely);
      expect(result.results?.map((r) => [r.migrationName, r.status])).toEqual([['004-selection-optimality', 'Success'], ['005-reoptimization', 'Success'], ['006-placement-guard', 'Success'], ['007-stock-items-sku-code', 'Success'], ['010-foreign-key-indexes', 'Success']]);
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'source_selections' AND column_name = 'optimality'`.execute(db.kysely);
      expect(rows[0]?.n).toBe(1);
      await sql`SELECT 1 FROM reoptimization_runs LIMIT 1`.execute(db.kysely);
      const index = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_indexes WHERE indexname = 'stock_items_sku_code'`.execute(db.kysely);
      expect(index.rows[0]?.n).toBe(1);
    } finally {
      await db.close();
    }
  });
});
