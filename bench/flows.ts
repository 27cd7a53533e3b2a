// Order placement throughput through the flows on PostgreSQL, beside pgbench on the same
// server in the same run. 16 workers each loop for a fixed time: create a draft order with
// two lines (SKUs spread over a catalogue with ample stock, so workers rarely contend) and
// place it through the split_shipments strategy — the full placement transaction: lock and
// load stock, plan, shipments, stock line items, reservations, outbox. Then
// `pgbench -b simple-update -c 16 -j 2 -T 10` runs against a scratch database on the same
// server. The ratio placements/s ÷ pgbench tps is the figure of merit (target ≥ 0.5).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { flowContext } from '../src/flows/context.js';
import { createOrder } from '../src/flows/orders/create.js';
import { placeOrder } from '../src/flows/orders/place.js';
import { aLocation, aMarket, aModel, aModelLocation, aShippingCategory, aSku, aStockItem } from '../src/store/test-support/inventory-fixtures.js';
import { createTestDatabaseUrl } from '../src/store/test-support/engines.js';
import type { Row } from '../src/store/schema.js';
import type { Benchmark } from './benchmark.js';
import { percentile } from './benchmark.js';
import { withTempPostgres } from './temp-postgres.js';

const WORKERS = 16;
const SECONDS = 10;
const SKUS = 200;
const run = promisify(execFile);

export const benchmark: Benchmark = {
  name: 'flows',
  description: `order placements/s through the flows (${WORKERS} workers, ${SECONDS} s, PostgreSQL) vs pgbench simple-update on the same server`,
  run: async () => {
    const flows = await placements();
    process.stdout.write(`${JSON.stringify(flows)}\n`);
    const tps = await pgbench();
    process.stdout.write(`pgbench simple-update: ${tps} tps\n`);
    return { ...flows, pgbench_simple_update_tps: Math.round(tps), ratio_to_pgbench: Number((flows.placements_per_s / tps).toFixed(3)) };
  },
};

async function placements() {
  return withTempPostgres(WORKERS + 4, async (db) => {
    const k = db.kysely;
    const model = await aModel(k, { strategy: 'split_shipments', stock_locations_cutoff: 3 });
    const locations = [];
    for (let p = 1; p <= 3; p++) {
      const l = await aLocation(k, { code: `bench-${p}` });
      await aModelLocation(k, model.id, l.id, { priority: p });
      locations.push(l);
    }
    const category = await aShippingCategory(k, { code: 'bench' });
    const skus: Row<'skus'>[] = [];
    for (let i = 0; i < SKUS; i++) {
      const sku = await aSku(k, { code: `BENCH-${i}`, shipping_category_id: category.id });
      for (const l of locations) await aStockItem(db, sku, l, 1_000_000);
      skus.push(sku);
    }
    const market = await aMarket(k, model.id);
    const ctx = flowContext(db);
    const createMs: number[] = [];
    const placeMs: number[] = [];
    let n = 0;
    const deadline = Date.now() + SECONDS * 1000;
    const worker = async () => {
      while (Date.now() < deadline) {
        const i = n++;
        const a = skus[(i * 7919) % SKUS]!;
        const b = skus[(i * 104_729 + 13) % SKUS]!;
        const t0 = performance.now();
        const order = await createOrder(ctx, { marketId: market.id, lines: [{ skuCode: a.code, quantity: 1 }, ...(a.id === b.id ? [] : [{ skuCode: b.code, quantity: 2 }])] });
        const t1 = performance.now();
        await placeOrder(ctx, order.id);
        placeMs.push(performance.now() - t1);
        createMs.push(t1 - t0);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: WORKERS }, worker));
    const seconds = (performance.now() - started) / 1000;
    const placed = await k.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'placed').executeTakeFirstOrThrow();
    placeMs.sort((x, y) => x - y);
    createMs.sort((x, y) => x - y);
    return {
      placements: Number(placed.n), seconds: Number(seconds.toFixed(2)), placements_per_s: Math.round(Number(placed.n) / seconds),
      place_p50_ms: Number(percentile(placeMs, 0.5).toFixed(2)), place_p99_ms: Number(percentile(placeMs, 0.99).toFixed(2)),
      create_p50_ms: Number(percentile(createMs, 0.5).toFixed(2)),
    };
  });
}

async function pgbench(): Promise<number> {
  const temp = await createTestDatabaseUrl();
  const u = new URL(temp.url);
  const args = ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres')];
  const env = { ...process.env, ...(u.password ? { PGPASSWORD: decodeURIComponent(u.password) } : {}) };
  const db = u.pathname.slice(1);
  try {
    await run('pgbench', [...args, '-i', '-s', '1', '-q', db], { env });
    const { stdout } = await run('pgbench', [...args, '-c', String(WORKERS), '-j', '2', '-T', String(SECONDS), '-b', 'simple-update', db], { env });
    const match = /tps = ([\d.]+)/.exec(stdout);
    if (!match?.[1]) throw new Error(`could not read tps from pgbench output:\n${stdout}`);
    return Number(match[1]);
  } finally {
    await temp.drop();
  }
}
