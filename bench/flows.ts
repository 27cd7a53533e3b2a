// Order placement throughput through the flows on PostgreSQL, beside pgbench on the same
// server in the same run. Two phases of 10 s with 16 workers over a catalogue of 200 SKUs ×
// 3 locations with ample stock (two-line orders, so workers rarely contend):
// 1. place only: draft orders are bulk-inserted beforehand; each worker places one after
//    another through placeOrder (split_shipments) — the full placement transaction: lock
//    and load stock, plan, shipments, stock line items, reservations, outbox;
// 2. create + place: each worker creates the draft through createOrder, then places it.
// Then `pgbench -b simple-update -c 16 -j 2 -T 10` runs against a scratch database on the
// same server. The ratio placements/s (phase 1) ÷ pgbench tps is the figure of merit.
import { flowContext } from '../src/flows/context.js';
import { createOrder } from '../src/flows/orders/create.js';
import { placeOrder } from '../src/flows/orders/place.js';
import { aLocation, aMarket, aModel, aModelLocation, aShippingCategory, aSku, aStockItem } from '../src/store/test-support/inventory-fixtures.js';
import type { Row } from '../src/store/schema.js';
import type { Benchmark } from './benchmark.js';
import { percentile } from './benchmark.js';
import { analyzeSeeded, withTempPostgres } from './temp-postgres.js';
import { pgbenchSimpleUpdateTps } from './pgbench.js';

const WORKERS = 16;
const SECONDS = 10;
const SKUS = 200;
/** Drafts inserted for phase 1: more than 16 workers can place in 10 s here. */
const DRAFTS = 8_000;

export const benchmark: Benchmark = {
  name: 'flows',
  description: `order placements/s through the flows (${WORKERS} workers, ${SECONDS} s, PostgreSQL) vs pgbench simple-update on the same server`,
  run: async () => {
    const flows = await placements();
    process.stdout.write(`${JSON.stringify(flows)}\n`);
    const tps = await pgbenchSimpleUpdateTps(WORKERS, SECONDS);
    const ratio = Number((flows.placements_per_s / tps).toFixed(3));
    process.stdout.write(`placements through the flows ÷ pgbench simple-update: ${ratio} (target ≥ 0.3, goal 0.6); Node CPU ${flows.node_cpu_ms_per_placement} ms per placement (target ≤ 0.8)\n`);
    return { ...flows, pgbench_simple_update_tps: Math.round(tps), ratio_to_pgbench: ratio };
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
    const pick = (i: number): Row<'skus'>[] => {
      const a = skus[(i * 7919) % SKUS]!;
      const b = skus[(i * 104_729 + 13) % SKUS]!;
      return a.id === b.id ? [a] : [a, b];
    };

    // phase 1: place pre-inserted drafts
    const drafts: string[] = [];
    for (let batch = 0; batch < DRAFTS / 1000; batch++) {
      const orders = Array.from({ length: 1000 }, (_, j) => ({ id: `ord_bench_${batch}_${j}`, number: `B${batch * 1000 + j}`, market_id: market.id, metadata: '{}' }));
      await k.insertInto('orders').values(orders).execute();
      await k.insertInto('line_items').values(orders.flatMap((o, j) => pick(batch * 1000 + j).map((sku, position) => ({
        id: `li_${o.id}_${position}`, order_id: o.id, sku_id: sku.id, sku_code: sku.code, quantity: position + 1, position, metadata: '{}',
      })))).execute();
      drafts.push(...orders.map((o) => o.id));
    }
    await analyzeSeeded(db);
    const placeMs: number[] = [];
    let next = 0;
    let deadline = Date.now() + SECONDS * 1000;
    const placer = async () => {
      while (Date.now() < deadline && next < drafts.length) {
        const id = drafts[next++]!;
        const t = performance.now();
        await placeOrder(ctx, id);
        placeMs.push(performance.now() - t);
      }
    };
    let started = performance.now();
    const cpu0 = process.cpuUsage();
    await Promise.all(Array.from({ length: WORKERS }, placer));
    const cpu = process.cpuUsage(cpu0);
    const placeSeconds = (performance.now() - started) / 1000;

    // phase 2: create + place
    const createMs: number[] = [];
    let created = 0;
    deadline = Date.now() + SECONDS * 1000;
    const worker = async () => {
      while (Date.now() < deadline) {
        const i = DRAFTS + created++;
        const t0 = performance.now();
        const order = await createOrder(ctx, { marketId: market.id, lines: pick(i).map((sku, position) => ({ skuCode: sku.code, quantity: position + 1 })) });
        createMs.push(performance.now() - t0);
        await placeOrder(ctx, order.id);
      }
    };
    started = performance.now();
    await Promise.all(Array.from({ length: WORKERS }, worker));
    const bothSeconds = (performance.now() - started) / 1000;
    placeMs.sort((x, y) => x - y);
    createMs.sort((x, y) => x - y);
    const placed = await k.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'placed').executeTakeFirstOrThrow();
    if (Number(placed.n) !== placeMs.length + created) throw new Error(`${placed.n} orders placed, expected ${placeMs.length + created}`);
    return {
      placements: placeMs.length, placements_per_s: Math.round(placeMs.length / placeSeconds),
      place_p50_ms: Number(percentile(placeMs, 0.5).toFixed(2)), place_p99_ms: Number(percentile(placeMs, 0.99).toFixed(2)),
      // this process's CPU per placement (JS: query building, planning, result parsing)
      node_cpu_ms_per_placement: Number(((cpu.user + cpu.system) / 1000 / placeMs.length).toFixed(2)),
      create_and_place_per_s: Math.round(created / bothSeconds), create_p50_ms: Number(percentile(createMs, 0.5).toFixed(2)),
    };
  });
}

