import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInvariants } from '../flows/check.js';
import { enginesUnderTest, openTestDb, type TestDb } from '../store/test-support/engines.js';
import { maybeLoadDemo } from './auto-load.js';
import { DemoRefused, loadDemo, type DemoSummary } from './load.js';

describe.each(enginesUnderTest())('the demo dataset on %s', (engine) => {
  let db: TestDb;
  let summary: DemoSummary;
  const logged: string[] = [];
  beforeAll(async () => {
    db = await openTestDb(engine);
    expect(await maybeLoadDemo(db, { enabled: false, log: (m) => logged.push(m) })).toBeNull();
    expect(logged).toEqual([]);
    summary = (await maybeLoadDemo(db, { enabled: true, log: (m) => logged.push(m), seed: 42, orders: 80 }))!;
  }, 300_000);
  afterAll(async () => {
    await db.close();
  });

  it('announces itself and loads once', async () => {
    expect(logged[0]).toContain('loading the demo');
    expect(logged[1]).toContain('20 stock locations');
    expect(await maybeLoadDemo(db, { enabled: true, log: (m) => logged.push(m) })).toBeNull();
    expect(logged).toHaveLength(2);
    await expect(loadDemo(db)).rejects.toBeInstanceOf(DemoRefused);
    const { n } = await db.kysely.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n)).toBe(80);
  });

  it('has 20 locations, 3 markets with different strategies and an on-hold location', async () => {
    const markets = await db.kysely.selectFrom('markets').innerJoin('inventory_models as m', 'm.id', 'markets.inventory_model_id')
      .select(['markets.code', 'm.strategy']).orderBy('markets.code').execute();
    expect(markets).toEqual([
      { code: 'eu', strategy: 'split_shipments' }, { code: 'na', strategy: 'no_split' }, { code: 'uk', strategy: 'ship_from_primary' },
    ]);
    const located = await db.kysely.selectFrom('stock_locations as l').innerJoin('addresses as a', 'a.id', 'l.address_id')
      .select(['l.code', 'a.lat', 'a.lng', 'a.country_code']).execute();
    expect(located).toHaveLength(20);
    expect(new Set(located.map((l) => l.country_code))).toEqual(new Set(['FR', 'DE', 'IT', 'ES', 'NL', 'PL', 'AT', 'GB', 'US', 'CA']));
    const held = await db.kysely.selectFrom('inventory_stock_locations').select('id').where('on_hold', '=', true).execute();
    expect(held).toHaveLength(1);
  });

  it('has ~2,000 SKUs of every kind, some out of stock everywhere', async () => {
    const skus = await db.kysely.selectFrom('skus').select(['code', 'do_not_ship', 'do_not_track', 'allow_backorders']).execute();
    expect(skus).toHaveLength(2000);
    expect(skus.filter((s) => s.do_not_ship).length).toBeGreaterThan(10);
    expect(skus.filter((s) => s.do_not_track).length).toBeGreaterThan(5);
    expect(skus.filter((s) => s.allow_backorders).length).toBeGreaterThan(50);
    const empty = await db.kysely.selectFrom('skus as s').select('s.code')
      .where('s.do_not_track', '=', false).where('s.do_not_ship', '=', false)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('stock_items as si').select('si.id').whereRef('si.sku_id', '=', 's.id').where('si.quantity', '>', 0))))
      .execute();
    expect(empty.length).toBeGreaterThan(50);
    expect(summary.outOfStockSkus).toBe(empty.length);
  });

  it('has orders in every state, and paid placed orders served from two locations', async () => {
    const states = await db.kysely.selectFrom('orders').select('status').distinct().execute();
    expect(new Set(states.map((s) => s.status))).toEqual(new Set(['draft', 'placed', 'approved', 'cancelled']));
    const shipped = await db.kysely.selectFrom('shipments').select('id').where('status', '=', 'shipped').execute();
    expect(shipped.length).toBeGreaterThan(0);
    const twoSources = await db.kysely.selectFrom('orders as o').innerJoin('shipments as sh', 'sh.order_id', 'o.id')
      .select('o.id').where('o.status', '=', 'placed').where('o.payment_status', '=', 'paid')
      .groupBy('o.id').having((eb) => eb.fn.count('sh.stock_location_id').distinct(), '>=', 2).execute();
    expect(twoSources.length).toBeGreaterThanOrEqual(summary.twoSourceOrders);
    expect(summary.twoSourceOrders).toBeGreaterThanOrEqual(4);
  });

  it('satisfies every invariant (on hand = Σ movements, reserved = Σ reservations, …)', async () => {
    const violations = await checkInvariants(db);
    expect(violations.map((v) => `${v.rule}: ${v.message}`)).toEqual([]);
  });
});
