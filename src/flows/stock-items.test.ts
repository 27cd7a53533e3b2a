import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainFailure } from '../domain/errors.js';
import { qty } from '../domain/quantity.js';
import { createReservation } from '../store/stock-ledger.js';
import { aLocation, aSku } from '../store/test-support/inventory-fixtures.js';
import { enginesUnderTest, openTestDb, type TestDb } from '../store/test-support/engines.js';
import { inTransaction } from '../store/transaction.js';
import { flowContext, type FlowContext } from './context.js';
import { createStockItem, updateStockItem } from './stock-items.js';

const domainError = async (p: Promise<unknown>) => {
  try { await p; } catch (e) { if (e instanceof DomainFailure) return e.error; throw e; }
  throw new Error('expected a DomainFailure');
};

describe.each(enginesUnderTest())('stock item flows on %s', (engine) => {
  let db: TestDb;
  let ctx: FlowContext;
  beforeAll(async () => { db = await openTestDb(engine); ctx = flowContext(db); });
  afterAll(async () => { await db.close(); });

  const ledger = async (id: string) => db.kysely.selectFrom('stock_movements').select(['reason', 'delta', 'quantity_after', 'reference'])
    .where('stock_item_id', '=', id).orderBy('seq').execute();
  const onHandEqualsLedger = async (id: string) => {
    const item = await db.kysely.selectFrom('stock_items').select('quantity').where('id', '=', id).executeTakeFirstOrThrow();
    const moves = await ledger(id);
    expect(moves.reduce((a, m) => a + qty(m.delta), 0)).toBe(qty(item.quantity));
  };

  it('creates a stock item by codes with an initial movement', async () => {
    const sku = await aSku(db.kysely);
    const loc = await aLocation(db.kysely);
    const item = await createStockItem(ctx, { skuCode: sku.code, stockLocationCode: loc.code, quantity: 12, reference: 'opening' });
    expect(item).toMatchObject({ sku_code: sku.code, stock_location_id: loc.id, quantity: 12, reserved_quantity: 0, status: 'in_stock' });
    expect(await ledger(item.id)).toEqual([{ reason: 'initial', delta: 12, quantity_after: 12, reference: 'opening' }]);
  });

  it('writes no movement for an empty stock item, and refuses a second one for the same SKU and location', async () => {
    const sku = await aSku(db.kysely);
    const loc = await aLocation(db.kysely);
    const item = await createStockItem(ctx, { skuId: sku.id, stockLocationId: loc.id, status: 'out_of_stock' });
    expect(item).toMatchObject({ quantity: 0, status: 'out_of_stock' });
    expect(await ledger(item.id)).toEqual([]);
    expect(await domainError(createStockItem(ctx, { skuId: sku.id, stockLocationId: loc.id, quantity: 1 })))
      .toMatchObject({ code: 'RECORD_NOT_UNIQUE', field: 'stock_location' });
  });

  it('names the field of bad input', async () => {
    const sku = await aSku(db.kysely);
    const untracked = await aSku(db.kysely, { do_not_track: true });
    const loc = await aLocation(db.kysely);
    const cases: [Parameters<typeof createStockItem>[1], object][] = [
      [{ skuCode: 'NOPE', stockLocationId: loc.id }, { code: 'RECORD_NOT_FOUND', resource: 'sku', id: 'NOPE' }],
      [{ skuCode: sku.code, stockLocationCode: 'nowhere' }, { code: 'RECORD_NOT_FOUND', resource: 'stock_location' }],
      [{ stockLocationId: loc.id }, { code: 'VALIDATION_ERROR', field: 'sku' }],
      [{ skuCode: sku.code }, { code: 'VALIDATION_ERROR', field: 'stock_location' }],
      [{ skuCode: sku.code, stockLocationId: loc.id, quantity: -1 }, { code: 'VALIDATION_ERROR', field: 'quantity' }],
      [{ skuCode: sku.code, stockLocationId: loc.id, quantity: 1.5 }, { code: 'VALIDATION_ERROR', field: 'quantity' }],
      [{ skuCode: sku.code, stockLocationId: loc.id, quantity: 'ten' }, { code: 'VALIDATION_ERROR', field: 'quantity' }],
      [{ skuCode: sku.code, stockLocationId: loc.id, status: 'gone' }, { code: 'VALIDATION_ERROR', field: 'status' }],
      [{ skuCode: untracked.code, stockLocationId: loc.id }, { code: 'VALIDATION_ERROR', field: 'sku' }],
    ];
    for (const [input, expected] of cases) expect(await domainError(createStockItem(ctx, input))).toMatchObject(expected);
    expect(await db.kysely.selectFrom('stock_items').select('id').where('stock_location_id', '=', loc.id).execute()).toEqual([]);
  });

  it('accepts decimal stock for a SKU sold in decimals', async () => {
    const sku = await aSku(db.kysely, { quantity_decimal: true });
    const item = await createStockItem(ctx, { skuCode: sku.code, stockLocationId: (await aLocation(db.kysely)).id, quantity: '2.75' });
    const after = await updateStockItem(ctx, item.id, { delta: -0.5 });
    expect(after.quantity).toBe(2.25);
    await onHandEqualsLedger(item.id);
  });

  it('records a count as the difference and a delta as given, every change in the ledger', async () => {
    const sku = await aSku(db.kysely);
    const item = await createStockItem(ctx, { skuCode: sku.code, stockLocationId: (await aLocation(db.kysely)).id, quantity: 10 });
    await updateStockItem(ctx, item.id, { quantity: 7, reference: 'cycle count' });
    await updateStockItem(ctx, item.id, { delta: 5, reason: 'import' });
    const same = await updateStockItem(ctx, item.id, { quantity: 12, status: 'out_of_stock' });
    expect(same).toMatchObject({ quantity: 12, status: 'out_of_stock', reference: 'cycle count' });
    expect((await ledger(item.id)).map((m) => [m.reason, m.delta, m.quantity_after])).toEqual([
      ['initial', 10, 10], ['adjustment', -3, 7], ['import', 5, 12],
    ]);
    await onHandEqualsLedger(item.id);
  });

  it('refuses to count below what orders hold, naming the reserved quantity', async () => {
    const sku = await aSku(db.kysely);
    const item = await createStockItem(ctx, { skuCode: sku.code, stockLocationId: (await aLocation(db.kysely)).id, quantity: 10 });
    await inTransaction(db, (trx) => createReservation(trx, { stockItemId: item.id, quantity: qty(6), status: 'pending' }));
    const error = await domainError(updateStockItem(ctx, item.id, { quantity: 5 }));
    expect(error).toMatchObject({ code: 'INSUFFICIENT_STOCK', field: 'quantity', sku: sku.code, held: qty(6), requested: qty(5), available: qty(4) });
    expect(error.message).toMatch(/10 on hand, 6 held by orders, so at most 4 can be removed/);
    expect(await domainError(updateStockItem(ctx, item.id, { delta: -5 }))).toMatchObject({ code: 'INSUFFICIENT_STOCK', field: 'delta', requested: qty(5) });
    expect((await ledger(item.id)).map((m) => m.delta)).toEqual([10]);
    expect((await updateStockItem(ctx, item.id, { quantity: 6 })).quantity).toBe(6);
  });

  it('refuses bad updates without changing anything', async () => {
    const sku = await aSku(db.kysely);
    const item = await createStockItem(ctx, { skuCode: sku.code, stockLocationId: (await aLocation(db.kysely)).id, quantity: 3 });
    expect(await domainError(updateStockItem(ctx, 'si_missing', { quantity: 1 }))).toMatchObject({ code: 'RECORD_NOT_FOUND', resource: 'stock_item' });
    expect(await domainError(updateStockItem(ctx, item.id, { quantity: 1, delta: 1 }))).toMatchObject({ field: 'delta' });
    expect(await domainError(updateStockItem(ctx, item.id, { delta: -4 }))).toMatchObject({ field: 'delta' });
    expect(await domainError(updateStockItem(ctx, item.id, { quantity: 0.5 }))).toMatchObject({ field: 'quantity' });
    expect(await domainError(updateStockItem(ctx, item.id, { delta: 1, reason: 'order_approved' }))).toMatchObject({ field: 'reason' });
    expect(await domainError(updateStockItem(ctx, item.id, { delta: 1, status: 'lost' }))).toMatchObject({ field: 'status' });
    expect((await ledger(item.id))).toHaveLength(1);
  });

  it('records the reason of an adjustment, and refuses a reason that points the other way', async () => {
    const sku = await aSku(db.kysely);
    const item = await createStockItem(ctx, { skuCode: sku.code, stockLocationId: (await aLocation(db.kysely)).id, quantity: 10 });
    await updateStockItem(ctx, item.id, { delta: 4, reason: 'received', reference: 'PO-7' });
    await updateStockItem(ctx, item.id, { delta: -1, reason: 'damaged' });
    await updateStockItem(ctx, item.id, { quantity: 12, reason: 'count_correction' });
    expect(await domainError(updateStockItem(ctx, item.id, { delta: -1, reason: 'received' }))).toMatchObject({ code: 'VALIDATION_ERROR', field: 'reason' });
    expect(await domainError(updateStockItem(ctx, item.id, { delta: 1, reason: 'lost' }))).toMatchObject({ code: 'VALIDATION_ERROR', field: 'reason' });
    expect(await domainError(updateStockItem(ctx, item.id, { delta: 1, reason: 'gift' }))).toMatchObject({ code: 'VALIDATION_ERROR', field: 'reason' });
    expect(await domainError(updateStockItem(ctx, item.id, { delta: 0 }))).toMatchObject({ code: 'VALIDATION_ERROR', field: 'delta' });
    expect((await ledger(item.id)).map((m) => [m.reason, m.delta, m.quantity_after, m.reference])).toEqual([
      ['initial', 10, 10, null], ['received', 4, 14, 'PO-7'], ['damaged', -1, 13, null], ['count_correction', -1, 12, null],
    ]);
    await onHandEqualsLedger(item.id);
  });

  it('counts with the expected on-hand: a stale count changes nothing and names the current quantity', async () => {
    const sku = await aSku(db.kysely);
    const item = await createStockItem(ctx, { skuCode: sku.code, stockLocationId: (await aLocation(db.kysely)).id, quantity: 10 });
    await updateStockItem(ctx, item.id, { delta: -2 });
    const stale = await domainError(updateStockItem(ctx, item.id, { quantity: 15, expectedQuantity: 10, reason: 'count_correction', status: 'out_of_stock' }));
    expect(stale).toMatchObject({ code: 'STALE_QUANTITY', sku: sku.code, expected: qty(10), current: qty(8) });
    expect(await db.kysely.selectFrom('stock_items').select(['quantity', 'status']).where('id', '=', item.id).executeTakeFirstOrThrow()).toEqual({ quantity: 8, status: 'in_stock' });
    expect((await updateStockItem(ctx, item.id, { quantity: 15, expectedQuantity: 8, reason: 'count_correction' })).quantity).toBe(15);
    expect((await updateStockItem(ctx, item.id, { quantity: 15, expectedQuantity: 15 })).quantity).toBe(15);
    expect(await domainError(updateStockItem(ctx, item.id, { delta: 1, expectedQuantity: 15 }))).toMatchObject({ field: 'expected_quantity' });
    expect((await ledger(item.id)).map((m) => m.delta)).toEqual([10, -2, 7]);
  });
});
