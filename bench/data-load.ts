// Loading data: the demo dataset on embedded PGlite (target: well under a minute), and a
// 100,000-row stock_items CSV import on PGlite and on PostgreSQL (streamed, batched, one
// transaction), reporting rows per second, CPU seconds and the heap growth while importing.
// CPU seconds are reported beside wall time because wall time grows on a busy machine.
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDemo } from '../src/demo/load.js';
import { importCsv } from '../src/io/csv-import.js';
import { CSV_TABLES } from '../src/io/tables.js';
import { csvFile } from '../src/io/test-support.js';
import { openDb, type Db } from '../src/store/db.js';
import { migrateToLatest } from '../src/store/migrate.js';
import type { Benchmark, Figures } from './benchmark.js';
import { withTempPostgres } from './temp-postgres.js';

const ROWS = 100_000;
const SKUS = 10_000;

async function measured<T>(work: () => Promise<T>): Promise<{ result: T; wallS: number; cpuS: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const used = process.cpuUsage(cpu);
  return { result, wallS: (performance.now() - started) / 1000, cpuS: (used.user + used.system) / 1e6 };
}

async function writeLines(path: string, header: string, count: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${header}\n`);
  for (let i = 0; i < count; i++) if (!out.write(`${line(i)}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

async function importStock(db: Db, stockFile: string, skusFile: string): Promise<Figures> {
  await importCsv(db, CSV_TABLES.shipping_categories, csvFile(['code,name', 'standard,Standard']));
  await importCsv(db, CSV_TABLES.stock_locations, csvFile(['code,name', ...Array.from({ length: ROWS / SKUS }, (_, i) => `L${i},Location ${i}`)]));
  await importCsv(db, CSV_TABLES.skus, skusFile);
  let peakHeap = 0;
  const baseHeap = process.memoryUsage().heapUsed;
  const run = await measured(() => importCsv(db, CSV_TABLES.stock_items, stockFile, {
    onProgress: () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)),
  }));
  return {
    wall_s: Number(run.wallS.toFixed(1)), cpu_s: Number(run.cpuS.toFixed(1)),
    rows_per_s: Math.round(ROWS / run.wallS), heap_growth_mb: Math.round((peakHeap - baseHeap) / 1_048_576),
  };
}

export const benchmark: Benchmark = {
  name: 'data-load',
  description: `demo dataset on PGlite; ${ROWS.toLocaleString('en')}-row stock_items CSV import on PGlite and PostgreSQL`,
  async run() {
    const figures: Figures = {};
    const demoDb = await openDb({ dataDir: ':memory:' });
    try {
      await migrateToLatest(demoDb.kysely);
      const demo = await measured(() => loadDemo(demoDb));
      Object.assign(figures, { demo_wall_s: Number(demo.wallS.toFixed(1)), demo_cpu_s: Number(demo.cpuS.toFixed(1)), demo_orders: 300 });
      process.stdout.write(`demo: ${demo.wallS.toFixed(1)} s wall, ${demo.cpuS.toFixed(1)} s CPU\n`);
    } finally {
      await demoDb.close();
    }

    const dir = mkdtempSync(join(tmpdir(), 'sr-bench-import-'));
    const skusFile = join(dir, 'skus.csv');
    const stockFile = join(dir, 'stock.csv');
    await writeLines(skusFile, 'code,name,shipping_category', SKUS, (i) => `SKU-${i},Item ${i},standard`);
    await writeLines(stockFile, 'sku_code,stock_location_code,quantity', ROWS, (i) => `SKU-${i % SKUS},L${Math.floor(i / SKUS)},${(i * 7) % 500}`);

    const pglite = await openDb({ dataDir: ':memory:' });
    try {
      await migrateToLatest(pglite.kysely);
      for (const [k, v] of Object.entries(await importStock(pglite, stockFile, skusFile))) figures[`import_pglite_${k}`] = v;
    } finally {
      await pglite.close();
    }
    process.stdout.write(`import on PGlite: ${figures.import_pglite_rows_per_s} rows/s\n`);
    const pg = await withTempPostgres(4, (db) => importStock(db, stockFile, skusFile));
    for (const [k, v] of Object.entries(pg)) figures[`import_postgres_${k}`] = v;
    process.stdout.write(`import on PostgreSQL: ${figures.import_postgres_rows_per_s} rows/s\n`);
    return figures;
  },
};
