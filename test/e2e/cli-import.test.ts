// `stockroute import` / `export` as a real process against an embedded data folder.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { csvFile } from '../../src/io/test-support.js';
import { expectNoStackTrace, stockroute, tempDataDir } from './cli-run.js';

describe('stockroute import and export', { timeout: 300_000 }, () => {
  const dataDir = tempDataDir();
  const db = ['--data-dir', dataDir];
  const files = {
    categories: csvFile(['code,name', 'standard,Standard parcel', 'bulky,Bulky freight']),
    locations: csvFile([
      'code,name,enabled,line_1,city,zip_code,state_code,country_code,lat,lng',
      'paris,Paris Bercy,true,45 Quai de Bercy,Paris,75012,IDF,FR,48.8339,2.3838',
      'chicago,Chicago DC,true,3500 S Morgan St,Chicago,60609,IL,US,41.8299,-87.651',
    ]),
    skus: csvFile([
      'code,name,shipping_category,do_not_ship,allow_backorders,weight,unit_of_weight',
      'TSH-1,"Cotton T-Shirt, white",standard,false,false,180,gr',
      'SOF-1,Sofa,bulky,false,true,45,kg',
    ]),
    stock: csvFile(['sku_code,stock_location_code,quantity,status', 'TSH-1,paris,120,in_stock', 'TSH-1,chicago,40,', 'SOF-1,paris,3,']),
  };

  beforeAll(async () => {
    for (const [table, file] of [['shipping_categories', files.categories], ['stock_locations', files.locations], ['skus', files.skus], ['stock_items', files.stock]] as const) {
      const run = await stockroute(['import', table, file, ...db]);
      expect(run, run.stderr).toMatchObject({ code: 0 });
      expect(run.stdout).toMatch(new RegExp(`^Imported \\d+ ${table} rows in [\\d.]+s: \\d+ inserted`));
    }
  }, 300_000);

  it('exports to standard output and to a file, in the columns import reads', async () => {
    const out = await stockroute(['export', 'stock_items', '-', ...db]);
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines[0]).toBe('sku_code,stock_location_code,quantity,status');
    expect(lines.slice(1).sort()).toEqual(['SOF-1,paris,3,in_stock', 'TSH-1,chicago,40,in_stock', 'TSH-1,paris,120,in_stock']);

    const target = csvFile([], 'skus-out.csv');
    const toFile = await stockroute(['export', 'skus', target, ...db]);
    expect(toFile.code).toBe(0);
    expect(toFile.stderr).toContain('Exported 2 skus rows');
    const skus = readFileSync(target, 'utf8');
    expect(skus).toContain('"Cotton T-Shirt, white",standard,false,false,false,180,gr');
    // Importing the export back changes nothing.
    const again = await stockroute(['import', 'skus', target, ...db]);
    expect(again.stdout).toContain('0 inserted, 2 updated');
  });

  it('reports a bad row with its line and column, exits 2 and writes nothing', async () => {
    const before = (await stockroute(['export', 'stock_items', ...db])).stdout;
    const bad = csvFile(['sku_code,stock_location_code,quantity', 'TSH-1,paris,100', 'SOF-1,chicago,-4', 'TSH-1,chicago,1']);
    const run = await stockroute(['import', 'stock_items', bad, ...db]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('stockroute import: line 3, column quantity: must be ≥ 0, got -4');
    expect(expectNoStackTrace(run.stderr)).toBe(true);
    expect((await stockroute(['export', 'stock_items', ...db])).stdout).toBe(before);

    const unknown = await stockroute(['import', 'stock_items', csvFile(['sku_code,stock_location_code,quantity', 'NOPE,paris,1']), ...db]);
    expect(unknown).toMatchObject({ code: 2 });
    expect(unknown.stderr).toContain('line 2, column sku_code: unknown SKU "NOPE"');
  });

  it('exits 2 with a clear message for bad usage', async () => {
    const table = await stockroute(['import', 'widgets', files.stock, ...db]);
    expect(table.code).toBe(2);
    expect(table.stderr).toContain('unknown table "widgets"');
    const missing = await stockroute(['import', 'skus', '/nonexistent/skus.csv', ...db]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read /nonexistent/skus.csv');
    expect(expectNoStackTrace(missing.stderr)).toBe(true);
  });

  it('documents the columns and gives an example', async () => {
    const help = await stockroute(['import', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('sku_code (required)');
    expect(help.stdout).toContain('$ stockroute import stock_items stock.csv');
    expect((await stockroute(['export', '--help'])).stdout).toContain('$ stockroute export stock_items stock.csv');
  });

  // Refusals of adjust rows are covered in process (src/io/stock-adjustments-csv.test.ts).
  it('applies stock changes with --mode adjust, and refuses the mode for other tables', async () => {
    const receipts = csvFile(['sku_code,stock_location_code,delta,reason,reference', 'TSH-1,chicago,5,received,ASN-9', 'TSH-1,chicago,-1,damaged,']);
    const run = await stockroute(['import', 'stock_items', receipts, '--mode', 'adjust', ...db]);
    expect(run, run.stderr).toMatchObject({ code: 0 });
    expect(run.stdout).toContain('2 updated');
    expect((await stockroute(['export', 'stock_items', ...db])).stdout).toContain('TSH-1,chicago,44,in_stock');
    const skus = await stockroute(['import', 'skus', files.skus, '--mode', 'adjust', ...db]);
    expect(skus.code).toBe(2);
    expect(skus.stderr).toContain('--mode adjust is for stock_items only');
  });
});
