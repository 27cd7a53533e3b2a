// Salable-quantity read time as history grows (PostgreSQL). A model with 3 locations and a
// SKU stocked at each; the read is timed with ~1,000 history rows, then again after bulk
// inserting ~1,000,000 (stock movements, reservations, and old fulfilled orders with their
// lines, written with generate_series and kept consistent with the running totals). Target:
// flat, because the read sums running totals (reserved_quantity) over at most `cutoff`
// stock items and only backordered lines (partial index), never the history. For contrast
// the run also times summing the ledger rows of the same items, which grows with history.
import { sql, type Kysely } from 'kysely';
import { toDecimal } from '../src/domain/quantity.js';
import { salableQuantity } from '../src/flows/salable.js';
import type { Database } from '../src/store/schema.js';
import { aLocation, aMarket, aModel, aModelLocation, aSku, aStockItem } from '../src/store/test-support/inventory-fixtures.js';
import type { Benchmark } from './benchmark.js';
import { percentile } from './benchmark.js';
import { withTempPostgres } from './temp-postgres.js';

const READS = 2_000;
const SMALL = 1_000;
const LARGE = 1_000_000;

/** Adds `rows` history rows: 45% movements, 45% reservations, 5% orders + 5% order lines. */
async function addHistory(k: Kysely<Database>, target: { itemIds: string[]; skuId: string; skuCode: string; marketId: string }, rows: number, tag: string) {
  const movements = Math.floor(rows * 0.45);
  const reservations = Math.floor(rows * 0.45);
  const orders = Math.floor((rows - movements - reservations) / 2);
  const [a, b, c] = target.itemIds;
  // Movements: pairs of +1 / −1 on the first item, so on-hand still equals their sum.
  await sql`INSERT INTO stock_movements (id, stock_item_id, stock_location_id, sku_code, delta, reason, quantity_after, created_at)
    SELECT ${tag} || '_mov_' || g, si.id, si.stock_location_id, si.sku_code, CASE WHEN g % 2 = 0 THEN 1 ELSE -1 END, 'adjustment',
      si.quantity + CASE WHEN g % 2 = 0 THEN 1 ELSE 0 END, now() - make_interval(secs => g)
    FROM generate_series(1, ${movements - (movements % 2)}) g, stock_items si WHERE si.id = ${a}`.execute(k);
  // Reservations of 0.0001 each, spread over the three items, then the running totals caught up.
  await sql`INSERT INTO stock_reservations (id, stock_item_id, status, quantity)
    SELECT ${tag} || '_rsv_' || g, (ARRAY[${a}, ${b}, ${c}])[1 + g % 3], 'pending', 0.0001
    FROM generate_series(1, ${reservations}) g`.execute(k);
  await sql`UPDATE stock_items si SET reserved_quantity = r.total
    FROM (SELECT stock_item_id, sum(quantity) AS total FROM stock_reservations GROUP BY stock_item_id) r WHERE r.stock_item_id = si.id`.execute(k);
  // Old fulfilled orders, one line each, nothing backordered.
  await sql`INSERT INTO orders (id, number, status, market_id, placed_at)
    SELECT ${tag} || '_ord_' || g, ${tag} || '-' || g, 'fulfilled', ${target.marketId}, now() - make_interval(mins => g)
    FROM generate_series(1, ${orders}) g`.execute(k);
  await sql`INSERT INTO line_items (id, order_id, sku_id, sku_code, quantity)
    SELECT ${tag} || '_li_' || g, ${tag} || '_ord_' || g, ${target.skuId}, ${target.skuCode}, 1
    FROM generate_series(1, ${orders}) g`.execute(k);
  await sql`ANALYZE`.execute(k);
}

interface ReadTiming { readonly iterations: number; readonly p50Us: number; readonly p99Us: number; readonly meanUs: number; readonly perSecond: number }

async function timeReads(read: () => Promise<unknown>, reads = READS): Promise<ReadTiming> {
  for (let i = 0; i < Math.min(200, reads); i++) await read();
  const samples: number[] = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < reads; i++) {
    const t0 = process.hrtime.bigint();
    await read();
    samples.push(Number(process.hrtime.bigint() - t0) / 1_000);
  }
  const totalUs = Number(process.hrtime.bigint() - started) / 1_000;
  samples.sort((x, y) => x - y);
  return {
    iterations: reads, p50Us: percentile(samples, 0.5), p99Us: percentile(samples, 0.99),
    meanUs: samples.reduce((x, y) => x + y, 0) / reads, perSecond: (reads / totalUs) * 1e6,
  };
}

export const benchmark: Benchmark = {
  name: 'salable',
  description: `salable-quantity read time with ~${SMALL.toLocaleString('en-US')} vs ~${LARGE.toLocaleString('en-US')} history rows (PostgreSQL)`,
  run: () => withTempPostgres(4, async (db) => {
    const k = db.kysely;
    const model = await aModel(k, { stock_locations_cutoff: 2 });
    const market = await aMarket(k, model.id);
    const sku = await aSku(k);
    const itemIds: string[] = [];
    for (let p = 1; p <= 3; p++) {
      const location = await aLocation(k);
      await aModelLocation(k, model.id, location.id, { priority: p });
      itemIds.push((await aStockItem(db, sku, location, 1_000)).id);
    }
    const target = { itemIds, skuId: sku.id, skuCode: sku.code, marketId: market.id };
    const read = () => salableQuantity(db, { skuCode: sku.code, inventoryModelId: model.id });
    // For contrast, what summing the ledger on each read would cost (the design this avoids).
    const ledgerSum = () => sql`SELECT (SELECT coalesce(sum(quantity), 0) FROM stock_reservations WHERE stock_item_id IN (${sql.join(itemIds)}))
      + (SELECT coalesce(sum(delta), 0) FROM stock_movements WHERE stock_item_id IN (${sql.join(itemIds)})) AS total`.execute(k);

    await addHistory(k, target, SMALL, 'small');
    const small = await timeReads(read);
    const smallSum = await timeReads(ledgerSum, 200);
    const salableSmall = await read();
    process.stdout.write(`~${SMALL} history rows: mean ${small.meanUs.toFixed(0)} µs, p99 ${small.p99Us.toFixed(0)} µs\n`);
    const t0 = Date.now();
    await addHistory(k, target, LARGE - SMALL, 'large');
    process.stdout.write(`inserted ${(LARGE - SMALL).toLocaleString('en-US')} more history rows in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    const large = await timeReads(read);
    const largeSum = await timeReads(ledgerSum, 200);
    const salableLarge = await read();
    process.stdout.write(`~${LARGE} history rows: mean ${large.meanUs.toFixed(0)} µs, p99 ${large.p99Us.toFixed(0)} µs\n`);
    const counts = await sql<{ movements: number; reservations: number; lines: number }>`SELECT
      (SELECT count(*) FROM stock_movements) AS movements, (SELECT count(*) FROM stock_reservations) AS reservations,
      (SELECT count(*) FROM line_items) AS lines`.execute(k);
    const c = counts.rows[0];
    return {
      small_history_rows: SMALL, large_history_rows: (c?.movements ?? 0) + (c?.reservations ?? 0) + 2 * (c?.lines ?? 0),
      small_mean_us: Math.round(small.meanUs), small_p99_us: Math.round(small.p99Us),
      large_mean_us: Math.round(large.meanUs), large_p99_us: Math.round(large.p99Us),
      large_over_small_mean: Number((large.meanUs / small.meanUs).toFixed(2)),
      ledger_sum_small_mean_us: Math.round(smallSum.meanUs), ledger_sum_large_mean_us: Math.round(largeSum.meanUs),
      salable_small: salableSmall === null ? 'unlimited' : toDecimal(salableSmall),
      salable_large: salableLarge === null ? 'unlimited' : toDecimal(salableLarge),
    };
  }),
};
