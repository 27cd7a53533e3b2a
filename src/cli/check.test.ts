// `stockroute migrate` and `stockroute check` as a user runs them: a real process on a real
// database (an embedded data folder, or a fresh PostgreSQL database when DATABASE_URL is set).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../store/db.js';
import { aLocation, aSku, aStockItem } from '../store/test-support/inventory-fixtures.js';
import { createTestDatabaseUrl, enginesUnderTest } from '../store/test-support/engines.js';

const SLOW = 240_000; // each run starts node + tsx and opens the database
const cli = new URL('./index.ts', import.meta.url).pathname;

function stockroute(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env };
  delete env.DATABASE_URL; // the test says where the database is
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', cli, ...args], { env, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe.each(enginesUnderTest())('stockroute migrate and check on %s', (engine) => {
  let where: string[];
  let config: { dataDir?: string; databaseUrl?: string };
  let cleanup: () => Promise<void>;
  const withDb = async <T>(work: (db: Db) => Promise<T>): Promise<T> => {
    const db = await openDb(config);
    try { return await work(db); } finally { await db.close(); }
  };

  beforeAll(async () => {
    if (engine === 'pglite') {
      const dir = await mkdtemp(join(tmpdir(), 'stockroute-check-'));
      where = ['--data-dir', dir];
      config = { dataDir: dir };
      cleanup = () => rm(dir, { recursive: true, force: true });
    } else {
      const created = await createTestDatabaseUrl();
      where = ['--database-url', created.url];
      config = { databaseUrl: created.url };
      cleanup = created.drop;
    }
  });
  afterAll(async () => { await cleanup(); });

  it('refuses to check a database that has no schema yet', async () => {
    const run = await stockroute(['check', ...where]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('run `stockroute migrate` first');
  }, SLOW);

  it('migrates, saying which migrations ran, then that it is up to date', async () => {
    const first = await stockroute(['migrate', ...where]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('applied 001-initial');
    const again = await stockroute(['migrate', ...where]);
    expect(again.stdout).toContain('is up to date');
    expect(again.stdout).not.toContain('applied');
  }, SLOW);

  it('exits 0 on a consistent database and 1 naming the record once a movement is missing', async () => {
    const itemId = await withDb(async (db) => (await aStockItem(db, await aSku(db.kysely), await aLocation(db.kysely), 8)).id);
    const clean = await stockroute(['check', ...where]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/all \d+ invariants hold/);

    await withDb((db) => db.kysely.deleteFrom('stock_movements').where('stock_item_id', '=', itemId).execute());
    const broken = await stockroute(['check', ...where]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`VIOLATION on_hand_equals_movements: stock_items ${itemId}`);
    expect(broken.stdout).toContain('quantity 8 but movements sum to 0');
  }, SLOW);
});
