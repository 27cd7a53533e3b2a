// Statements marked `-- prepared generic:` (db.ts) are planned once per connection and run
// with that generic plan; the setting that makes it so never outlives the statement, even
// when it fails, and inside a transaction such a statement runs as any prepared one.
// One connection in the pool, so every step reuses the connection that prepared the statement.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aLocation, aModel, aModelLocation, aSku, aStockItem } from './test-support/inventory-fixtures.js';
import { openTestDb, type TestDb } from './test-support/engines.js';
import { skuWithInventory } from './sku-inventory.js';
import { inTransaction } from './transaction.js';

describe('statements prepared with their generic plan', () => {
  let db: TestDb;
  beforeAll(async () => { db = await openTestDb('postgres', { poolSize: 1 }); });
  afterAll(async () => { await db.close(); });

  const plans = async (name: string) => (await sql<{ generic_plans: number; custom_plans: number }>`
    SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = ${name}`.execute(db.kysely)).rows[0];
  const planMode = async () => (await sql<{ plan_cache_mode: string }>`SHOW plan_cache_mode`.execute(db.kysely)).rows[0]!.plan_cache_mode;

  it('reads a SKU with its inventory planned once, however often it is read, and leaves the setting as it was', async () => {
    const k = db.kysely;
    const model = await aModel(k);
    const [near, far] = [await aLocation(k, { code: 'gp-near' }), await aLocation(k, { code: 'gp-far' })];
    await aModelLocation(k, model.id, near.id, { priority: 1 });
    await aModelLocation(k, model.id, far.id, { priority: 2 });
    const sku = await aSku(k, { code: 'GP-1' });
    await aStockItem(db, sku, near, 4);
    await aStockItem(db, sku, far, 3);
    for (let i = 0; i < 8; i++) {
      const found = await skuWithInventory(k, { skuId: sku.id, inventoryModelId: model.id });
      expect(found?.inventory).toEqual({
        available: true, quantity: 7, levels: [{ stock_location_code: 'gp-near', quantity: 4 }, { stock_location_code: 'gp-far', quantity: 3 }],
      });
    }
    expect(await plans('generic_sku_with_inventory')).toEqual({ generic_plans: 8, custom_plans: 0 });
    expect(await planMode()).toBe('auto');
  });

  it('leaves the setting as it was when the statement fails', async () => {
    const divide = (by: number) => sql<{ q: number }>`-- prepared generic: divides\nSELECT 6 / ${by}::int AS q`.execute(db.kysely);
    await expect(divide(0)).rejects.toThrow(/division by zero/);
    expect(await planMode()).toBe('auto');
    expect((await divide(3)).rows).toEqual([{ q: 2 }]);
    expect(await plans('generic_divides')).toEqual({ generic_plans: 2, custom_plans: 0 });
  });

  it('inside a transaction runs it as a protocol-level prepared statement, the setting untouched', async () => {
    const modes = await inTransaction(db, async (trx) => {
      const sku = await skuWithInventory(trx, { skuCode: 'GP-1' });
      expect(sku?.inventory.quantity).toBe(7);
      return (await sql<{ plan_cache_mode: string }>`SHOW plan_cache_mode`.execute(trx)).rows[0]!.plan_cache_mode;
    });
    expect(modes).toBe('auto');
    expect(await plans('sku_with_inventory')).toBeDefined();
  });

  it('answers again after its table gained a column, with the column', async () => {
    await sql`ALTER TABLE skus ADD COLUMN gp_note text`.execute(db.kysely);
    const found = await skuWithInventory(db.kysely, { skuCode: 'GP-1' });
    expect(found?.sku).toHaveProperty('gp_note', null);
    expect(found?.inventory.quantity).toBe(7);
  });
});
