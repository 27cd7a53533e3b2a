// A large stock file streams through: the heap stays flat while 200,000 rows import.
// (The 1-million-row timing is measured by hand and reported, not asserted here.)
import { createWriteStream, mkdtempSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest, openTestDb, type TestDb } from '../store/test-support/engines.js';
import { importCsv } from './csv-import.js';
import { CSV_TABLES } from './tables.js';
import { csvFile } from './test-support.js';

// Retained heap, not garbage awaiting collection: collect before each sample.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const SKUS = 10_000;
const LOCATIONS = 20;

async function writeLines(path: string, header: string, count: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${header}\n`);
  for (let i = 0; i < count; i++) {
    if (!out.write(`${line(i)}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve(undefined))));
}

describe.each(enginesUnderTest())('importing 200,000 stock items on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(engine);
  });
  afterAll(async () => {
    await db.close();
  });

  it('imports them with bounded memory', { timeout: 300_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sr-big-'));
    await importCsv(db, CSV_TABLES.shipping_categories, csvFile(['code,name', 'standard,Standard']));
    await importCsv(db, CSV_TABLES.stock_locations, csvFile(['code,name', ...Array.from({ length: LOCATIONS }, (_, i) => `L${i},Location ${i}`)]));
    const skus = join(dir, 'skus.csv');
    await writeLines(skus, 'code,name,shipping_category', SKUS, (i) => `SKU-${i},Item ${i},standard`);
    await importCsv(db, CSV_TABLES.skus, skus);
    const stock = join(dir, 'stock.csv');
    const rows = SKUS * LOCATIONS;
    await writeLines(stock, 'sku_code,stock_location_code,quantity', rows, (i) => `SKU-${i % SKUS},L${Math.floor(i / SKUS)},${(i * 7) % 500}`);

    const samples: { fraction: number; heap: number }[] = [];
    let next = 0;
    const summary = await importCsv(db, CSV_TABLES.stock_items, stock, {
      onProgress: (done, total) => {
        if (done / total < next) return;
        next = done / total + 0.05;
        gc();
        samples.push({ fraction: done / total, heap: process.memoryUsage().heapUsed });
      },
    });
    expect(summary.rows).toBe(rows);
    expect(summary.inserted).toBe(rows);
    const counted = await db.kysely.selectFrom('stock_items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBe(rows);

    // Flat memory: after the first tenth, the retained heap never grows by more than 16 MB,
    // while the rows themselves (as parsed objects) would take well over 100 MB if kept.
    expect(samples.length).toBeGreaterThan(10);
    const baseline = Math.min(...samples.filter((s) => s.fraction >= 0.1 && s.fraction <= 0.25).map((s) => s.heap));
    const peak = Math.max(...samples.filter((s) => s.fraction > 0.2).map((s) => s.heap));
    const growthMb = (peak - baseline) / 1_048_576;
    expect(growthMb).toBeLessThan(16);
  });
});
