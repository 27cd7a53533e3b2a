// Streams GeoNames postal-code files (tab-separated, no header, no quoting: country code,
// postal code, place name, admin name1, admin code1, admin name2, admin code2, admin name3,
// admin code3, latitude, longitude, accuracy) into geonames_postcodes, 1,000 rows per
// INSERT, all files in one transaction. The first time a country appears in this run, its
// existing rows are deleted, so re-importing a country replaces it instead of doubling it.
import { parse } from 'csv-parse';
import type { Db } from '../store/db.js';
import { deleteCountry, insertPostcodes } from '../store/geonames.js';
import type { NewRow } from '../store/schema.js';
import { inTransaction } from '../store/transaction.js';
import { fileSize, openCountedFile } from './counted-file.js';
import { ImportError } from './import-error.js';

const COLUMNS = [
  'country_code', 'postal_code', 'place_name', 'admin_name1', 'admin_code1', 'admin_name2',
  'admin_code2', 'admin_name3', 'admin_code3', 'latitude', 'longitude', 'accuracy',
] as const;

export interface GeonamesSummary {
  readonly files: number;
  readonly rows: number;
  readonly countries: readonly string[];
  readonly replaced: number;
}

export interface GeonamesImportOptions {
  readonly batchSize?: number;
  /** Called with (bytes read over all files, total bytes). */
  readonly onProgress?: (done: number, total: number) => void;
}

export async function importGeonames(db: Db, files: readonly string[], options: GeonamesImportOptions = {}): Promise<GeonamesSummary> {
  const batchSize = options.batchSize ?? 1000;
  const opened = files.map((f) => ({ path: f, size: fileSize(f) }));
  const total = opened.reduce((n, f) => n + f.size, 0);
  return inTransaction(db, async (trx) => {
    options.onProgress?.(0, total);
    const seen = new Set<string>();
    let rows = 0;
    let replaced = 0;
    let doneBefore = 0;
    for (const { path, size } of opened) {
      const file = openCountedFile(path);
      const parser = file.stream.pipe(
        parse({ delimiter: '\t', quote: false, relax_column_count: true, skip_empty_lines: true, bom: true, info: true }),
      );
      let batch: NewRow<'geonames_postcodes'>[] = [];
      try {
        for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
          const row = toRow(record, info.lines, path);
          if (!seen.has(row.country_code)) {
            await insertPostcodes(trx, batch);
            batch = [];
            seen.add(row.country_code);
            replaced += await deleteCountry(trx, row.country_code);
          }
          batch.push(row);
          rows++;
          if (batch.length >= batchSize) {
            await insertPostcodes(trx, batch);
            batch = [];
            options.onProgress?.(doneBefore + file.bytesRead(), total);
          }
        }
      } finally {
        file.stream.destroy();
      }
      await insertPostcodes(trx, batch);
      doneBefore += size;
      options.onProgress?.(doneBefore, total);
    }
    return { files: files.length, rows, countries: [...seen].sort(), replaced };
  });
}

function toRow(record: string[], line: number, path: string): NewRow<'geonames_postcodes'> {
  const bad = (column: string, detail: string) => new ImportError(line, column, `${detail} (${path})`);
  if (record.length < 11) throw bad('longitude', `expected at least 11 tab-separated fields, found ${record.length}`);
  const field = (i: number) => (record[i] ?? '').trim();
  const optional = (i: number) => field(i) || null;
  const country = field(0).toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) throw bad(COLUMNS[0], `not a two-letter country code: "${field(0)}"`);
  const postal = field(1);
  if (!postal) throw bad(COLUMNS[1], 'postal code is empty');
  const lat = Number(field(9));
  if (field(9) === '' || !Number.isFinite(lat) || lat < -90 || lat > 90) throw bad(COLUMNS[9], `not a latitude: "${field(9)}"`);
  const lng = Number(field(10));
  if (field(10) === '' || !Number.isFinite(lng) || lng < -180 || lng > 180) throw bad(COLUMNS[10], `not a longitude: "${field(10)}"`);
  const accuracy = field(11) === '' ? null : Number(field(11));
  if (accuracy !== null && !Number.isInteger(accuracy)) throw bad(COLUMNS[11], `not an integer: "${field(11)}"`);
  return {
    country_code: country, postal_code: postal.toUpperCase(), place_name: field(2),
    admin_name1: optional(3), admin_code1: optional(4), admin_name2: optional(5), admin_code2: optional(6),
    admin_name3: optional(7), admin_code3: optional(8), lat, lng, accuracy,
  };
}
