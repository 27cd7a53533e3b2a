// Oversell proof through the real placement flow: many placements at once against scarce
// stock. On PostgreSQL they truly run in parallel (pool of 20); on PGlite they interleave on
// one connection. Every placement either succeeds or is refused with INSUFFICIENT_STOCK —
// no deadlock or conflict surfaces — and the invariants of DOMAIN.md hold afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainFailure } from '../../domain/errors.js';
import { enginesUnderTest, openTestDb, type TestDb } from '../../store/test-support/engines.js';
import { checkInvariants } from '../check.js';
import { aWorld, level } from '../test-support/order-world.js';
import { placeOrder } from './place.js';

const outcome = (r: PromiseSettledResult<unknown>): string => {
  if (r.status === 'fulfilled') return 'placed';
  return r.reason instanceof DomainFailure ? r.reason.error.code : `unexpected: ${String(r.reason)}`;
};

const tally = (results: readonly PromiseSettledResult<unknown>[]) => {
  const counts: Record<string, number> = {};
  for (const r of results) counts[outcome(r)] = (counts[outcome(r)] ?? 0) + 1;
  return counts;
};

describe.each(enginesUnderTest())('concurrent placements on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => { db = await openTestDb(engine, { poolSize: 20 }); });
  afterAll(async () => { await db.close(); });
  const attempts = engine === 'postgres' ? 200 : 80;

  it(`${attempts} placements of 1 unit against 50 units: exactly 50 placed`, { timeout: 120_000 }, async () => {
    const w = await aWorld(db, { stock: { HOT: { 'eu-1': 50 } } });
    const orders = [];
    for (let i = 0; i < attempts; i++) orders.push(await w.order({ HOT: 1 }));
    const results = await Promise.allSettled(orders.map((o) => placeOrder(w.ctx, o.id)));
    expect(tally(results)).toEqual({ placed: 50, INSUFFICIENT_STOCK: attempts - 50 });
    expect(await level(db.kysely, w.sku.HOT!, w.location['eu-1']!)).toEqual({ onHand: 50, reserved: 50 });
    const placed = await db.kysely.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).where('market_id', '=', w.market.id).where('status', '=', 'placed').executeTakeFirstOrThrow();
    expect(Number(placed.n)).toBe(50);
    expect(await checkInvariants(db)).toEqual([]);
  });

  it('mixed multi-SKU orders naming their SKUs in different orders: no deadlock surfaces, nothing oversold', { timeout: 120_000 }, async () => {
    const codes = ['A', 'B', 'C', 'D'];
    const w = await aWorld(db, {
      locations: { 'eu-1': {}, 'eu-2': {} }, model: { strategy: 'split_shipments' },
      stock: Object.fromEntries(codes.map((c) => [c, { 'eu-1': 15, 'eu-2': 15 }])),
    });
    const orders = [];
    for (let i = 0; i < attempts / 2; i++) {
      const picked = [codes[i % 4]!, codes[(i + 1 + (i % 3)) % 4]!, codes[(i * 7 + 3) % 4]!];
      const lines = Object.fromEntries([...new Set(i % 2 === 0 ? picked : picked.reverse())].map((c) => [c, 1 + (i % 2)]));
      orders.push(await w.order(lines));
    }
    const results = await Promise.allSettled(orders.map((o) => placeOrder(w.ctx, o.id)));
    const counts = tally(results);
    expect(Object.keys(counts).every((k) => k === 'placed' || k === 'INSUFFICIENT_STOCK')).toBe(true);
    expect(counts.placed).toBeGreaterThan(0);
    for (const c of codes) {
      const reserved = await db.kysely.selectFrom('stock_line_items').select((eb) => eb.fn.sum<number>('quantity').as('q')).where('sku_code', '=', w.sku[c]!.code).executeTakeFirstOrThrow();
      const levels = [await level(db.kysely, w.sku[c]!, w.location['eu-1']!), await level(db.kysely, w.sku[c]!, w.location['eu-2']!)];
      expect(levels.every((l) => l.reserved <= l.onHand)).toBe(true);
      expect(levels[0]!.reserved + levels[1]!.reserved).toBe(Number(reserved.q ?? 0));
    }
    expect(await checkInvariants(db)).toEqual([]);
  });
});
