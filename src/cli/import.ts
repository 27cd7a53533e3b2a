// `stockroute import <table> FILE`: upsert stock locations, SKUs or stock items from CSV,
// streaming, all or nothing.
import { InvalidArgumentError, type Command } from 'commander';
import { importCsv } from '../io/csv-import.js';
import { runWithDb, withDbOptions, type DbOptions } from '../io/cli-support.js';
import { startProgress } from '../io/progress.js';
import { csvTable, describeColumns } from '../io/tables.js';
import type { CsvTable } from '../io/csv-table.js';
import { UsageError } from '../io/import-error.js';
import { stockAdjustmentsCsv } from '../io/stock-adjustments-csv.js';

function importMode(value: string): 'set' | 'adjust' {
  if (value === 'set' || value === 'adjust') return value;
  throw new InvalidArgumentError('must be set or adjust');
}

function batchSize(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new InvalidArgumentError('must be an integer between 1 and 10000');
  return n;
}

export function register(program: Command): void {
  withDbOptions(
    program
      .command('import')
      .description('Import shipping categories, stock locations, SKUs or stock items from a CSV file (header row; upsert by code; all or nothing)')
      .argument('<table>', 'shipping_categories | stock_locations | skus | stock_items')
      .argument('<file>', 'CSV file with a header row')
      .option('--batch-size <n>', 'rows per INSERT statement (1-10000)', batchSize, 1000)
      .option('--mode <mode>', 'stock_items only: set (rows are on-hand counts, the default) or adjust (rows are changes: delta or quantity, expected_quantity, reason, reference)', importMode, 'set')
      .addHelpText(
        'after',
        `
Columns (a header row names them; optional columns may be left out and keep stored values):
${describeColumns()}

Rows are matched by code (stock items by sku_code + stock_location_code) and inserted or
updated. A stock item quantity change is recorded as an 'import' stock movement of the
difference (or with the row's reason). With --mode adjust, stock_items rows are changes
instead, applied in file order as PATCH /api/stock_items does them:
    sku_code,stock_location_code,delta,reason,reference
    TSH-1,paris,24,received,ASN-1001
    TSH-1,paris,-1,damaged,
A removal never goes below what orders hold; a count with expected_quantity fails when
on-hand differs. The whole file is one transaction: the first bad row is reported with its
line and column, nothing is written, and the exit status is 2.

Examples:
  $ stockroute import stock_locations locations.csv
  $ stockroute import skus skus.csv
  $ stockroute import stock_items stock.csv --data-dir ./data
  $ stockroute import stock_items receipts.csv --mode adjust
`,
      ),
  ).action(async (tableName: string, file: string, options: DbOptions & { batchSize: number; mode: 'set' | 'adjust' }) => {
    await runWithDb('import', options, async (db) => {
      if (options.mode === 'adjust' && tableName !== 'stock_items') throw new UsageError('--mode adjust is for stock_items only');
      const table = options.mode === 'adjust' ? (stockAdjustmentsCsv as CsvTable<unknown>) : csvTable(tableName);
      const started = Date.now();
      const bar = startProgress({ label: `import ${table.name}`, total: 1, bytes: true });
      try {
        const summary = await importCsv(db, table, file, {
          batchSize: options.batchSize,
          onProgress: (done, total) => {
            bar.setTotal(total);
            bar.update(done);
          },
        });
        bar.stop();
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        process.stdout.write(
          `Imported ${summary.rows} ${table.name} rows in ${seconds}s: ${summary.inserted} inserted, ` +
            `${summary.updated} updated, ${summary.unchanged} unchanged.\n`,
        );
      } finally {
        bar.stop();
      }
    });
  });
}
