// `stockroute import stock_items --mode adjust` (rows are changes with reasons) and the
// compare-and-set columns of the default set mode, in process: all or nothing, the first
// refused row named by line and column, and stock_items.update sent for imported movements.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../store/ids.js';
import { enginesUnderTest, openTestDb, type TestDb } from '../store/test-support/engines.js';
import { importCsv } from './csv-import.js';
import { ImportError } from './import-error.js';
import { stockAdjustmentsCsv } from './stock-adjustments-csv.js';
import { CSV_TABLES } from './tables.js';
import { aCatalogue, csvFile, emptyCatalogue } from './test-support.js';

describe.each(enginesUnderTest())('stock adjustments from CSV on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => { db = await openTestDb(engine); });
  beforeEach(async () => {
    await db.kysely.deleteFrom('webhook_events').execute();
    await db.kysely.deleteFrom('webhooks').execute();
    await emptyCatalogue(db);
    await aCatalogue(db);
    await importCsv(db, CSV_TABLES.stock_items, csvFile(['sku_code,stock_location_code,quantity', 'A1,PAR,10', 'B2,BER,2.5']));
  });
  afterAll(async () => { await db.close(); });

  const ledger = () => db.kysely.selectFrom('stock_movements').select(['sku_code', 'delta', 'reason', 'quantity_after', 'reference']).orderBy('seq').execute();
  const onHand = async () => Object.fromEntries((await db.kysely.selectFrom('stock_items').select(['sku_code', 'quantity']).execute()).map((r) => [r.sku_code, r.quantity]));
  const adjust = (...lines: string[]) => importCsv(db, stockAdjustmentsCsv, csvFile(lines), { batchSize: 2 });

  it('applies deltas and counts in file order with their reasons, creating a missing stock item', async () => {
    const summary = await adjust(
      'sku_code,stock_location_code,delta,quantity,expected_quantity,reason,reference',
      'A1,PAR,5,,,received,ASN-1', 'A1,PAR,-2,,,damaged,', 'B2,BER,,3,2.5,count_correction,', 'A1,BER,4,,,,', 'A1,PAR,,13,13,,',
    );
    expect(summary).toMatchObject({ rows: 5, updated: 4, unchanged: 1 });
    expect((await ledger()).slice(2)).toEqual([
      { sku_code: 'A1', delta: 5, reason: 'received', quantity_after: 15, reference: 'ASN-1' },
      { sku_code: 'A1', delta: -2, reason: 'damaged', quantity_after: 13, reference: null },
      { sku_code: 'B2', delta: 0.5, reason: 'count_correction', quantity_after: 3, reference: null },
      { sku_code: 'A1', delta: 4, reason: 'import', quantity_after: 4, reference: null },
    ]);
  });

  it.each([
    ['an unknown SKU', ['sku_code,stock_location_code,delta', 'A1,PAR,1', 'A1,PAR,1', 'NOPE,PAR,1'], { line: 4, column: 'sku_code' }],
    ['a removal below zero', ['sku_code,stock_location_code,delta,reason', 'A1,PAR,1,', 'A1,PAR,-12,lost'], { line: 3, column: 'delta' }],
    ['a stale count', ['sku_code,stock_location_code,quantity,expected_quantity', 'A1,PAR,4,9'], { line: 2, column: 'expected_quantity' }],
    ['a reason that points the other way', ['sku_code,stock_location_code,delta,reason', 'A1,PAR,-1,received'], { line: 2, column: 'reason' }],
    ['a row with neither delta nor quantity', ['sku_code,stock_location_code,delta', 'A1,PAR,'], { line: 2, column: 'delta' }],
  ])('refuses %s in adjust mode with its line and column, writing nothing', async (_name, lines, where) => {
    const before = await ledger();
    const error = await adjust(...lines).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject(where);
    expect(await ledger()).toEqual(before);
    expect(await onHand()).toEqual({ A1: 10, B2: 2.5 });
  });

  it('in set mode, compares with expected_quantity, records the reason and tells webhooks', async () => {
    await db.kysely.insertInto('webhooks').values({ id: newId('wh'), topic: 'stock_items.update', callback_url: 'http://127.0.0.1:9/hook', shared_secret: 's' }).execute();
    const set = (...rows: string[]) => importCsv(db, CSV_TABLES.stock_items, csvFile(['sku_code,stock_location_code,quantity,expected_quantity,reason', ...rows]));
    expect(await set('A1,PAR,4,9,count_correction').catch((e: unknown) => e)).toMatchObject({ line: 2, column: 'expected_quantity' });
    expect(await set('A1,PAR,12,10,damaged').catch((e: unknown) => e)).toMatchObject({ line: 2, column: 'reason' });
    expect(await onHand()).toEqual({ A1: 10, B2: 2.5 });
    await set('A1,PAR,7,10,count_correction');
    expect((await ledger()).at(-1)).toEqual({ sku_code: 'A1', delta: -3, reason: 'count_correction', quantity_after: 7, reference: null });
    const events = await db.kysely.selectFrom('webhook_events').select('payload').execute();
    expect(events.map((e) => e.payload)).toEqual([expect.objectContaining({ sku_code: 'A1', delta: -3, reason: 'count_correction', quantity_after: 7 })]);
  });
});
