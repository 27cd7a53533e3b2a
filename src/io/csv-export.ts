// Streams a table out as CSV (csv-stringify) page by page (keyset pagination, so memory
// stays flat and both engines behave the same), with a header row. The columns are exactly
// the import columns (less the import-only ones), so an export imports back unchanged.
import { createWriteStream } from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { Db } from '../store/db.js';
import type { CsvTable, CsvValue } from './csv-table.js';

export interface ExportOptions {
  readonly pageSize?: number;
  readonly onRows?: (rowsWritten: number) => void;
}

export async function exportCsv(db: Db, table: CsvTable<unknown>, out: string | Writable, options: ExportOptions = {}): Promise<number> {
  let count = 0;
  const pageSize = options.pageSize ?? 5000;
  async function* rows(): AsyncGenerator<Record<string, CsvValue>> {
    for await (const page of table.exportPages(db, pageSize)) {
      for (const row of page) yield row;
      count += page.length;
      options.onRows?.(count);
    }
  }
  const columns = table.columns.filter((c) => !c.importOnly).map((c) => c.name);
  const csv = stringify({ header: true, columns, cast: { boolean: (b) => (b ? 'true' : 'false') } });
  const destination = typeof out === 'string' ? createWriteStream(out) : out;
  await pipeline(Readable.from(rows()), csv, destination, { end: typeof out === 'string' });
  return count;
}
