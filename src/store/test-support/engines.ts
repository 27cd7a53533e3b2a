// Store and flow tests are written once and run on every engine present: PGlite always,
// PostgreSQL when DATABASE_URL is set. Each test database is fresh: PGlite in memory, or a
// new PostgreSQL database created for the test file and dropped after it.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDb, type Db, type Engine } from '../db.js';
import { migrateToLatest } from '../migrate.js';

export function enginesUnderTest(): Engine[] {
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDb extends Db {
  /** Drops the database (PostgreSQL) and closes connections. */
  close(): Promise<void>;
}

export async function openTestDb(engine: Engine, options: { poolSize?: number } = {}): Promise<TestDb> {
  if (engine === 'pglite') {
    const db = await openDb({ dataDir: ':memory:' });
    await migrateToLatest(db.kysely);
    return db;
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const name = `sr_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `CREATE DATABASE ${name}`);
  const testUrl = withDatabase(url, name);
  const db = await openDb({ databaseUrl: testUrl, poolSize: options.poolSize ?? 20 });
  await migrateToLatest(db.kysely);
  return {
    ...db,
    async close() {
      await db.close();
      // pg's pool.end() resolves before its sockets have closed; terminating them with FORCE
      // at that moment surfaces as unhandled 57P01 errors. Wait (briefly) until they are gone.
      await adminQuery(url, `DO $$ BEGIN FOR i IN 1..40 LOOP EXIT WHEN NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = '${name}'); PERFORM pg_sleep(0.05); END LOOP; END $$`);
      await adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** A URL for a fresh, migrated PostgreSQL database, for tests that start a whole server. */
export async function createTestDatabaseUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const name = `sr_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `CREATE DATABASE ${name}`);
  return { url: withDatabase(url, name), drop: () => adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
