// The tables `stockroute import` / `export` know, by their CLI name.
import type { CsvTable } from './csv-table.js';
import { UsageError } from './import-error.js';
import { shippingCategoriesCsv } from './shipping-categories-csv.js';
import { skusCsv } from './skus-csv.js';
import { stockItemsCsv } from './stock-items-csv.js';
import { stockLocationsCsv } from './stock-locations-csv.js';

export const CSV_TABLES = {
  shipping_categories: shippingCategoriesCsv,
  stock_locations: stockLocationsCsv,
  skus: skusCsv,
  stock_items: stockItemsCsv,
} as const;

export type CsvTableName = keyof typeof CSV_TABLES;

export function csvTable(name: string): CsvTable<unknown> {
  if (!(name in CSV_TABLES)) throw new UsageError(`unknown table "${name}"; use one of ${Object.keys(CSV_TABLES).join(', ')}`);
  return CSV_TABLES[name as CsvTableName] as CsvTable<unknown>;
}

/** The column list for --help. */
export function describeColumns(): string {
  return Object.values(CSV_TABLES)
    .map((t) => `  ${t.name}:\n${t.columns.map((c) => `    ${c.name}${c.required ? ' (required)' : ''} — ${c.help}`).join('\n')}`)
    .join('\n');
}
