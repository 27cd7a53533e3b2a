// Applies the migrations in ./migrations (statically imported so the build needs no file
// globbing) with Kysely's Migrator.
import { Migrator, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import * as m001 from './migrations/001-initial.js';
import * as m002 from './migrations/002-settings.js';
import * as m003 from './migrations/003-routing-algorithm.js';
import * as m004 from './migrations/004-selection-optimality.js';
import * as m005 from './migrations/005-reoptimization.js';
import * as m006 from './migrations/006-placement-guard.js';
import * as m007 from './migrations/007-stock-items-sku-code.js';
import * as m008 from './migrations/008-application-origins.js';
import * as m009 from './migrations/009-magento.js';
import * as m010 from './migrations/010-foreign-key-indexes.js';

const migrations: Record<string, Migration> = {
  '001-initial': m001,
  '002-settings': m002,
  '003-routing-algorithm': m003,
  '004-selection-optimality': m004,
  '005-reoptimization': m005,
  '006-placement-guard': m006,
  '007-stock-items-sku-code': m007,
  '008-application-origins': m008,
  '009-magento': m009,
  '010-foreign-key-indexes': m010,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  // Unordered: a migration numbered below one a database already ran (004–006 came after
  // 008 and 009) still runs there; each migration stands on its own.
  const result = await new Migrator({ db, provider, allowUnorderedMigrations: true }).migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
