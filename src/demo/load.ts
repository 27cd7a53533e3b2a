// Loads the whole demo dataset into an empty database: generate the catalogue and stock
// from the seed, write them in one bulk transaction, then create the orders through the
// order flows. Refuses (changing nothing) when the database already has stock locations.
import { flowContext } from '../flows/context.js';
import type { Db } from '../store/db.js';
import { generateCatalogue } from './catalogue.js';
import { loadCatalogue } from './load-catalogue.js';
import { DEMO_LOCATIONS } from './locations.js';
import { DEMO_MODELS } from './markets.js';
import { createDemoOrders, type DemoOutcome } from './orders.js';
import { Random } from './random.js';
import { generateStock } from './stock.js';

export interface DemoOptions {
  readonly seed?: number;
  readonly skus?: number;
  readonly orders?: number;
  /** Progress of the two phases: rows written, then orders created. */
  readonly onProgress?: (phase: 'catalogue' | 'orders', done: number, total: number) => void;
}

export interface DemoSummary {
  readonly seed: number;
  readonly locations: number;
  readonly markets: readonly { code: string; strategy: string }[];
  readonly skus: number;
  readonly stockItems: number;
  readonly units: number;
  readonly outOfStockSkus: number;
  readonly orders: Record<DemoOutcome, number>;
  readonly twoSourceOrders: number;
  readonly seconds: number;
}

export class DemoRefused extends Error {
  override readonly name = 'DemoRefused';
}

export async function hasData(db: Db): Promise<boolean> {
  return (await db.kysely.selectFrom('stock_locations').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export async function loadDemo(db: Db, options: DemoOptions = {}): Promise<DemoSummary> {
  const started = Date.now();
  const seed = options.seed ?? 42;
  if (await hasData(db)) {
    throw new DemoRefused('the database already has stock locations; the demo loads only into an empty database (use a fresh --data-dir)');
  }
  const rng = new Random(seed);
  const skus = generateCatalogue(rng, options.skus ?? 2000);
  const stock = generateStock(rng, skus, DEMO_LOCATIONS);
  const catalogueRows = skus.length + stock.length + stock.filter((s) => s.quantity > 0).length;
  let written = 0;
  await loadCatalogue(db, skus, stock, (n) => options.onProgress?.('catalogue', (written += n), catalogueRows));

  const orderCount = options.orders ?? 300;
  let created = 0;
  const { outcomes, twoSource } = await createDemoOrders(flowContext(db), rng, orderCount, skus, stock, () =>
    options.onProgress?.('orders', ++created, orderCount),
  );
  const stocked = new Set(stock.filter((s) => s.quantity > 0).map((s) => s.skuCode));
  return {
    seed,
    locations: DEMO_LOCATIONS.length,
    markets: DEMO_MODELS.map((m) => ({ code: m.market.code, strategy: m.strategy })),
    skus: skus.length,
    stockItems: stock.length,
    units: stock.reduce((n, s) => n + s.quantity, 0),
    outOfStockSkus: skus.filter((s) => !s.doNotTrack && !s.doNotShip && !stocked.has(s.code)).length,
    orders: outcomes,
    twoSourceOrders: twoSource,
    seconds: (Date.now() - started) / 1000,
  };
}

export function formatSummary(s: DemoSummary): string {
  const o = s.orders;
  return [
    `Demo data loaded in ${s.seconds.toFixed(1)}s (seed ${s.seed}):`,
    `  ${s.locations} stock locations in Europe and North America`,
    `  ${s.markets.length} markets: ${s.markets.map((m) => `${m.code} (${m.strategy})`).join(', ')}`,
    `  ${s.skus} SKUs, ${s.stockItems} stock items, ${Math.round(s.units)} units on hand; ${s.outOfStockSkus} SKUs out of stock everywhere`,
    `  ${Object.values(o).reduce((a, b) => a + b, 0)} orders: ${o.draft} draft, ${o.placed + o.placed_paid} placed (${o.placed_paid} paid, ` +
      `${s.twoSourceOrders} needing two locations), ${o.approved} approved, ${o.shipped} shipped, ${o.cancelled} cancelled` +
      (o.refused > 0 ? `, ${o.refused} left as drafts (not enough stock)` : ''),
  ].join('\n');
}
