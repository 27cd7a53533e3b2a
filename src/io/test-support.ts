// Test helpers for the CSV importers: temporary CSV files and a small catalogue.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../store/db.js';
import { importCsv } from './csv-import.js';
import { CSV_TABLES } from './tables.js';

export function csvFile(lines: readonly string[], name = 'data.csv'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sr-csv-')), name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** Empties the catalogue tables so one database can serve a whole test file. */
export async function emptyCatalogue(db: Db): Promise<void> {
  for (const table of ['stock_movements', 'stock_items', 'skus', 'shipping_categories', 'stock_locations', 'addresses'] as const) {
    await db.kysely.deleteFrom(table).execute();
  }
}

/** Two categories, two locations (PAR, BER), three SKUs (A1, B2 and do_not_track GIFT). */
export async function aCatalogue(db: Db): Promise<void> {
  await importCsv(db, CSV_TABLES.shipping_categories, csvFile(['code,name', 'standard,Standard', 'bulky,Bulky']));
  await importCsv(db, CSV_TABLES.stock_locations, csvFile([
    'code,name,enabled,line_1,city,zip_code,state_code,country_code,lat,lng',
    'PAR,Paris,true,1 Rue de Rivoli,Paris,75001,,FR,48.86,2.34',
    'BER,Berlin,true,Unter den Linden 1,Berlin,10117,BE,DE,52.52,13.39',
  ]));
  await importCsv(db, CSV_TABLES.skus, csvFile([
    'code,name,shipping_category,do_not_track,allow_backorders,weight,unit_of_weight,quantity_decimal',
    'A1,Apple,standard,false,false,0.2,kg,false',
    'B2,Bulk rice,bulky,false,true,25,kg,true',
    'GIFT,Gift wrap,standard,true,false,,,false',
  ]));
}
