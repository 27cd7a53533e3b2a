import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enginesUnderTest, openTestDb, type TestDb } from '../store/test-support/engines.js';
import { exportCsv } from './csv-export.js';
import { importCsv } from './csv-import.js';
import { ImportError } from './import-error.js';
import { CSV_TABLES } from './tables.js';
import { aCatalogue, csvFile, emptyCatalogue } from './test-support.js';

async function exported(db: TestDb, table: keyof typeof CSV_TABLES): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await exportCsv(db, CSV_TABLES[table], out);
  return Buffer.concat(chunks).toString('utf8');
}

const stockFile = (...rows: string[]) => csvFile(['sku_code,stock_location_code,quantity,status', ...rows]);

describe.each(enginesUnderTest())('CSV import and export on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(engine);
  });
  beforeEach(async () => {
    await emptyCatalogue(db);
    await aCatalogue(db);
  });
  afterAll(async () => {
    await db.close();
  });

  const movements = () =>
    db.kysely.selectFrom('stock_movements').select(['sku_code', 'delta', 'reason', 'quantity_after']).orderBy('seq').execute();

  it('upserts stock items and records the differences as import movements', async () => {
    expect(await importCsv(db, CSV_TABLES.stock_items, stockFile('A1,PAR,10,', 'A1,BER,4,in_stock', 'B2,PAR,2.5,')))
      .toEqual({ rows: 3, inserted: 3, updated: 0, unchanged: 0 });
    expect(await importCsv(db, CSV_TABLES.stock_items, stockFile('A1,PAR,7,', 'A1,BER,4,out_of_stock', 'B2,PAR,2.5,')))
      .toEqual({ rows: 3, inserted: 0, updated: 2, unchanged: 1 });
    expect(await movements()).toEqual([
      { sku_code: 'A1', delta: 10, reason: 'import', quantity_after: 10 },
      { sku_code: 'A1', delta: 4, reason: 'import', quantity_after: 4 },
      { sku_code: 'B2', delta: 2.5, reason: 'import', quantity_after: 2.5 },
      { sku_code: 'A1', delta: -3, reason: 'import', quantity_after: 7 },
    ]);
    const items = await db.kysely.selectFrom('stock_items').select(['sku_code', 'quantity', 'status']).orderBy('quantity').execute();
    expect(items).toEqual([
      { sku_code: 'B2', quantity: 2.5, status: 'in_stock' },
      { sku_code: 'A1', quantity: 4, status: 'out_of_stock' },
      { sku_code: 'A1', quantity: 7, status: 'in_stock' },
    ]);
  });

  it('applies repeated rows for the same item in file order', async () => {
    await importCsv(db, CSV_TABLES.stock_items, stockFile('A1,PAR,10,', 'A1,PAR,12,', 'A1,PAR,11,'), { batchSize: 1000 });
    expect((await movements()).map((m) => m.delta)).toEqual([10, 2, -1]);
  });

  it('exports what it imports, byte for byte', async () => {
    await importCsv(db, CSV_TABLES.stock_items, stockFile('A1,PAR,10,', 'B2,BER,0.25,out_of_stock'));
    const before = { locations: await exported(db, 'stock_locations'), skus: await exported(db, 'skus'), stock: await exported(db, 'stock_items') };
    expect(before.skus.split('\n')[0]).toBe(CSV_TABLES.skus.columns.map((c) => c.name).join(','));

    const fresh = await openTestDb(engine);
    try {
      await importCsv(fresh, CSV_TABLES.shipping_categories, csvFile([(await exported(db, 'shipping_categories')).trim()]));
      await importCsv(fresh, CSV_TABLES.stock_locations, csvFile([before.locations.trim()]));
      await importCsv(fresh, CSV_TABLES.skus, csvFile([before.skus.trim()]));
      await importCsv(fresh, CSV_TABLES.stock_items, csvFile([before.stock.trim()]));
      expect(await exported(fresh, 'stock_locations')).toBe(before.locations);
      expect(await exported(fresh, 'skus')).toBe(before.skus);
      const sorted = (csv: string) => csv.trim().split('\n').sort();
      expect(sorted(await exported(fresh, 'stock_items'))).toEqual(sorted(before.stock));
    } finally {
      await fresh.close();
    }
  });

  it.each([
    ['a missing required column', ['sku_code,quantity', 'A1,3'], { line: 1, column: 'stock_location_code' }],
    ['an unknown column', ['sku_code,stock_location_code,quantity,colour', 'A1,PAR,3,red'], { line: 1, column: 'colour' }],
    ['a negative quantity', ['sku_code,stock_location_code,quantity', 'A1,PAR,3', 'A1,BER,-2'], { line: 3, column: 'quantity' }],
    ['a quantity that is not a number', ['sku_code,stock_location_code,quantity', 'A1,PAR,lots'], { line: 2, column: 'quantity' }],
    ['an unknown SKU code', ['sku_code,stock_location_code,quantity', 'A1,PAR,3', 'A1,BER,3', 'NOPE,PAR,1'], { line: 4, column: 'sku_code' }],
    ['an unknown location', ['sku_code,stock_location_code,quantity', 'A1,MAD,3'], { line: 2, column: 'stock_location_code' }],
    ['a do_not_track SKU', ['sku_code,stock_location_code,quantity', 'GIFT,PAR,3'], { line: 2, column: 'sku_code' }],
    ['a fraction of a whole-unit SKU', ['sku_code,stock_location_code,quantity', 'A1,PAR,1.5'], { line: 2, column: 'quantity' }],
    ['a bad status', ['sku_code,stock_location_code,quantity,status', 'A1,PAR,1,sold'], { line: 2, column: 'status' }],
    ['a short row', ['sku_code,stock_location_code,quantity', 'A1,PAR'], { line: 2 }],
  ])('rejects %s with its line and column, writing nothing', async (_name, lines, where) => {
    await importCsv(db, CSV_TABLES.stock_items, stockFile('A1,PAR,5,'));
    const error = await importCsv(db, CSV_TABLES.stock_items, csvFile(lines), { batchSize: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject(where);
    // All or nothing: even rows before the bad one (in earlier batches) are rolled back.
    expect(await movements()).toHaveLength(1);
    expect(await db.kysely.selectFrom('stock_items').select('quantity').execute()).toEqual([{ quantity: 5 }]);
  });

  it('rejects bad SKU rows (bad boolean, unknown category) and keeps the catalogue as it was', async () => {
    const before = await exported(db, 'skus');
    const badBool = await importCsv(db, CSV_TABLES.skus, csvFile(['code,name,shipping_category,do_not_ship', 'N1,New,standard,false', 'A1,Apple,standard,maybe']))
      .catch((e: unknown) => e);
    expect(badBool).toMatchObject({ line: 3, column: 'do_not_ship' });
    const badCategory = await importCsv(db, CSV_TABLES.skus, csvFile(['code,name,shipping_category', 'N1,New,frozen']), {}).catch((e: unknown) => e);
    expect(badCategory).toMatchObject({ line: 2, column: 'shipping_category' });
    expect(String((badCategory as Error).message)).toContain('unknown shipping category "frozen"');
    expect(await exported(db, 'skus')).toBe(before);
  });

  it('refuses a quantity below what open orders have reserved', async () => {
    await importCsv(db, CSV_TABLES.stock_items, stockFile('A1,PAR,10,'));
    await db.kysely.updateTable('stock_items').set({ reserved_quantity: 6 }).execute();
    const error = await importCsv(db, CSV_TABLES.stock_items, stockFile('A1,PAR,5,')).catch((e: unknown) => e);
    expect(error).toMatchObject({ line: 2, column: 'quantity' });
    expect((error as Error).message).toContain('reserved');
    expect(await importCsv(db, CSV_TABLES.stock_items, stockFile('A1,PAR,6,'))).toMatchObject({ updated: 1 });
  });

  it('keeps stored values for columns the file leaves out', async () => {
    await importCsv(db, CSV_TABLES.skus, csvFile(['code,name,shipping_category', 'B2,Rice 25kg,bulky']));
    const b2 = await db.kysely.selectFrom('skus').selectAll().where('code', '=', 'B2').executeTakeFirstOrThrow();
    expect(b2).toMatchObject({ name: 'Rice 25kg', allow_backorders: true, weight: 25, quantity_decimal: true });
  });
});
