import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainFailure } from '../domain/errors.js';
import { qty } from '../domain/quantity.js';
import { createReservation } from '../store/stock-ledger.js';
import { aLocation, aMarket, aModel, aModelLocation, aSku, aStockItem, anOrderLine } from '../store/test-support/inventory-fixtures.js';
import { enginesUnderTest, openTestDb, type TestDb } from '../store/test-support/engines.js';
import { inTransaction } from '../store/transaction.js';
import { salableQuantity, skuInventory } from './salable.js';

const domainError = async (p: Promise<unknown>) => {
  try { await p; } catch (e) { if (e instanceof DomainFailure) return e.error; throw e; }
  throw new Error('expected a DomainFailure');
};

describe.each(enginesUnderTest())('salable quantity on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => { db = await openTestDb(engine); });
  afterAll(async () => { await db.close(); });

  /** Model with cutoff 2: p1 disabled (50), p2 (5, 1 reserved), p3 (3), p4 (100, beyond the cutoff). */
  async function world(skuOverrides: Parameters<typeof aSku>[1] = {}) {
    const k = db.kysely;
    const sku = await aSku(k, skuOverrides);
    const model = await aModel(k, { stock_locations_cutoff: 2 });
    const market = await aMarket(k, model.id);
    const [off, first, second, far] = [await aLocation(k, { enabled: false }), await aLocation(k), await aLocation(k), await aLocation(k)];
    for (const [loc, priority] of [[off, 1], [first, 2], [second, 3], [far, 4]] as const) await aModelLocation(k, model.id, loc.id, { priority });
    await aStockItem(db, sku, off, 50);
    const itemFirst = await aStockItem(db, sku, first, 5);
    await aStockItem(db, sku, second, 3);
    await aStockItem(db, sku, far, 100);
    await inTransaction(db, (trx) => createReservation(trx, { stockItemId: itemFirst.id, quantity: qty(1), status: 'pending' }));
    return { sku, model, market, first, second };
  }

  it('sums available over the first cutoff enabled locations', async () => {
    const { sku, model } = await world();
    expect(await salableQuantity(db, { skuCode: sku.code, inventoryModelId: model.id })).toBe(qty(7));
  });

  it('ignores out_of_stock items', async () => {
    const { sku, model, second } = await world();
    await db.kysely.updateTable('stock_items').set({ status: 'out_of_stock' }).where('stock_location_id', '=', second.id).execute();
    expect(await salableQuantity(db.kysely, { skuCode: sku.code, inventoryModelId: model.id })).toBe(qty(4));
  });

  it('subtracts backordered demand of open orders in the model, and the threshold', async () => {
    const { sku, model, market } = await world({ out_of_stock_threshold: 1, allow_backorders: true });
    await anOrderLine(db.kysely, market.id, sku, { status: 'placed', quantity: 4, backordered: 2 });
    await anOrderLine(db.kysely, market.id, sku, { status: 'approved', quantity: 1, backordered: 1 });
    await anOrderLine(db.kysely, market.id, sku, { status: 'cancelled', quantity: 9, backordered: 9 });
    await anOrderLine(db.kysely, market.id, sku, { status: 'draft', quantity: 9, backordered: 9 });
    const elsewhere = await aMarket(db.kysely, (await aModel(db.kysely)).id);
    await anOrderLine(db.kysely, elsewhere.id, sku, { status: 'placed', quantity: 9, backordered: 9 });
    expect(await salableQuantity(db, { skuCode: sku.code, inventoryModelId: model.id })).toBe(qty(7 - 3 - 1));
  });

  it('never goes below zero; do_not_track is unlimited', async () => {
    const { sku, model } = await world({ out_of_stock_threshold: 20 });
    expect(await salableQuantity(db, { skuCode: sku.code, inventoryModelId: model.id })).toBe(0);
    const untracked = await aSku(db.kysely, { do_not_track: true });
    expect(await salableQuantity(db, { skuCode: untracked.code, inventoryModelId: model.id })).toBeNull();
  });

  it('names an unknown SKU or model', async () => {
    const { sku, model } = await world();
    expect(await domainError(salableQuantity(db, { skuCode: 'NOPE', inventoryModelId: model.id }))).toMatchObject({ code: 'RECORD_NOT_FOUND', resource: 'sku' });
    expect(await domainError(salableQuantity(db, { skuCode: sku.code, inventoryModelId: 'invm_x' }))).toMatchObject({ code: 'RECORD_NOT_FOUND', resource: 'inventory_model' });
    expect(await domainError(skuInventory(db, 'NOPE'))).toMatchObject({ code: 'RECORD_NOT_FOUND', resource: 'sku' });
  });

  it('summarises SKU inventory per model and overall', async () => {
    const { sku, model, first, second } = await world();
    const codes = await db.kysely.selectFrom('stock_locations').select(['id', 'code']).where('id', 'in', [first.id, second.id]).execute();
    const code = (id: string) => codes.find((c) => c.id === id)?.code;
    expect(await skuInventory(db, sku.code, model.id)).toEqual({
      available: true, quantity: 7,
      levels: [{ stock_location_code: code(first.id), quantity: 4 }, { stock_location_code: code(second.id), quantity: 3 }],
    });
    const overall = await skuInventory(db, sku.code);
    expect(overall).toMatchObject({ available: true, quantity: 107 });
    expect(overall.levels).toHaveLength(3);
    const untracked = await aSku(db.kysely, { do_not_track: true });
    expect(await skuInventory(db, untracked.code, model.id)).toEqual({ available: true, quantity: null, levels: [] });
  });
});
