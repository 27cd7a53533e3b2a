// Where a placement's time goes: `N=1000 npx tsx bench/place-profile.ts` places N two-line
// orders with 16 workers on a scratch PostgreSQL database (as bench/flows.ts does) and prints
// statements per placement with their mean time, by wrapping pg's Client.query. Run it under
// `node --cpu-prof --import tsx` for the Node side. A diagnostic, not one of `npm run bench`.
import pg from 'pg';
import type { Row } from '../src/store/schema.js';
import { flowContext } from '../src/flows/context.js';
import { placeOrder } from '../src/flows/orders/place.js';
import { aLocation, aMarket, aModel, aModelLocation, aShippingCategory, aSku, aStockItem } from '../src/store/test-support/inventory-fixtures.js';
import { withTempPostgres } from './temp-postgres.js';

const stats = new Map<string, { n: number; ms: number }>();
let counting = false;
type Query = (this: unknown, text: unknown, values?: unknown, cb?: unknown) => unknown;
const orig = pg.Client.prototype.query as unknown as Query;
(pg.Client.prototype as unknown as { query: Query }).query = function (this: unknown, text: unknown, values?: unknown, cb?: unknown) {
  if (!counting) return orig.call(this, text, values, cb);
  const sqlText = typeof text === 'string' ? text : String((text as { text?: unknown }).text);
  const key = sqlText.replace(/\$\d+/g, '?').replace(/\(\?(, \?)*\)/g, '(…)').slice(0, 110);
  const t = performance.now();
  const p = orig.call(this, text, values, cb);
  Promise.resolve(p).finally(() => { const s = stats.get(key) ?? { n: 0, ms: 0 }; s.n++; s.ms += performance.now() - t; stats.set(key, s); });
  return p;
};
await withTempPostgres(20, async (db) => {
  const k = db.kysely;
  const model = await aModel(k, { strategy: 'split_shipments', stock_locations_cutoff: 3 });
  const locs = [];
  for (let p = 1; p <= 3; p++) { const l = await aLocation(k, { code: `b-${p}` }); await aModelLocation(k, model.id, l.id, { priority: p }); locs.push(l); }
  const cat = await aShippingCategory(k, { code: 'bench' });
  const skus: Row<'skus'>[] = [];
  for (let i = 0; i < 200; i++) { const s = await aSku(k, { code: `B-${i}`, shipping_category_id: cat.id }); for (const l of locs) await aStockItem(db, s, l, 1e6); skus.push(s); }
  const market = await aMarket(k, model.id);
  const N = Number(process.env.N ?? 1500);
  const orders = Array.from({ length: N }, (_, j) => ({ id: `ord_p_${j}`, number: `P${j}`, market_id: market.id, metadata: '{}' }));
  await k.insertInto('orders').values(orders).execute();
  await k.insertInto('line_items').values(orders.flatMap((o, j) => [skus[(j * 7919) % 200]!, skus[(j * 104729 + 13) % 200]!].map((s, pos) => ({ id: `li_${o.id}_${pos}`, order_id: o.id, sku_id: s.id, sku_code: s.code, quantity: pos + 1, position: pos, metadata: '{}' })))).execute();
  const ctx = flowContext(db);
  let next = 0; counting = true;
  const t0 = performance.now(); const c0 = process.cpuUsage();
  await Promise.all(Array.from({ length: 16 }, async () => { while (next < N) await placeOrder(ctx, orders[next++]!.id); }));
  const cpu = process.cpuUsage(c0); const wall = performance.now() - t0;
  counting = false;
  const rows = [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms);
  let total = 0; for (const [, s] of rows) total += s.n;
  console.log(`${N} placements in ${(wall / 1000).toFixed(1)} s = ${(N / wall * 1000).toFixed(0)}/s; node cpu ${((cpu.user + cpu.system) / 1000 / N).toFixed(2)} ms/placement (user ${(cpu.user / 1000 / N).toFixed(2)}, system ${(cpu.system / 1000 / N).toFixed(2)}); ${(total / N).toFixed(1)} statements/placement`);
  for (const [k2, s] of rows) console.log(`${(s.n / N).toFixed(2).padStart(6)}/pl ${(s.ms / s.n).toFixed(2).padStart(7)} ms avg  ${k2}`);
});
