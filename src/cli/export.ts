// `stockroute export <table> [FILE|-]`: stream stock locations, SKUs or stock items as CSV.
import type { Command } from 'commander';
import { exportCsv } from '../io/csv-export.js';
import { runWithDb, withDbOptions, type DbOptions } from '../io/cli-support.js';
import { csvTable, describeColumns } from '../io/tables.js';

export function register(program: Command): void {
  withDbOptions(
    program
      .command('export')
      .description('Export shipping categories, stock locations, SKUs or stock items as CSV (the same columns import reads)')
      .argument('<table>', 'shipping_categories | stock_locations | skus | stock_items')
      .argument('[file]', 'output file, or - for standard output', '-')
      .addHelpText(
        'after',
        `
Columns:
${describeColumns()}

Examples:
  $ stockroute export stock_items stock.csv
  $ stockroute export skus - | head
`,
      ),
  ).action(async (tableName: string, file: string, options: DbOptions) => {
    await runWithDb('export', options, async (db) => {
      const table = csvTable(tableName);
      const count = await exportCsv(db, table, file === '-' ? process.stdout : file);
      if (file !== '-') process.stderr.write(`Exported ${count} ${table.name} rows to ${file}.\n`);
    });
  });
}
