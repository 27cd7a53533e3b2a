import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { enginesUnderTest, openTestDb, type TestDb } from './test-support/engines.js';

describe.each(enginesUnderTest())('database on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => { db = await openTestDb(engine); });
  afterAll(async () => { await db.close(); });

  it('stores quantities exactly and returns them as numbers', async () => {
    await db.kysely.insertInto('shipping_categories').values({ id: 'sc_1', code: 'std', name: 'Standard' }).execute();
    await db.kysely.insertInto('skus').values({ id: 'sku_1', code: 'A', name: 'A', shipping_category_id: 'sc_1' }).execute();
    await db.kysely.insertInto('stock_locations').values({ id: 'loc_1', code: 'eu-1', name: 'EU 1' }).execute();
    await db.kysely.insertInto('stock_items')
      .values({ id: 'si_1', sku_id: 'sku_1', sku_code: 'A', stock_location_id: 'loc_1', quantity: '0.1' }).execute();
    await db.kysely.updateTable('stock_items').set({ quantity: sql`quantity + 0.2` }).where('id', '=', 'si_1').execute();
    const row = await db.kysely.selectFrom('stock_items').select(['quantity', 'reserved_quantity']).where('id', '=', 'si_1').executeTakeFirstOrThrow();
    expect(row.quantity).toBe(0.3);
    expect(row.reserved_quantity).toBe(0);
  });

  it('refuses a second stock item for the same SKU and location', async () => {
    await expect(db.kysely.insertInto('stock_items')
      .values({ id: 'si_2', sku_id: 'sku_1', sku_code: 'A', stock_location_id: 'loc_1', quantity: 1 }).execute()).rejects.toThrow();
  });

  it('refuses a negative on-hand quantity', async () => {
    await expect(db.kysely.updateTable('stock_items').set({ quantity: -1 }).where('id', '=', 'si_1').execute()).rejects.toThrow();
  });
});
