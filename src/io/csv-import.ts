// Streams a CSV file into a table, all or nothing: the file is read through csv-parse
// (never held in memory), rows are validated one by one and written in batches of 1,000 by
// the table's batch writer, all inside ONE transaction. The first bad row aborts the
// transaction with an ImportError naming its line and column, so nothing is written.
import { CsvError, parse } from 'csv-parse';
import type { Db } from '../store/db.js';
import { inTransaction } from '../store/transaction.js';
import { fileSize, openCountedFile } from './counted-file.js';
import { Cells } from './csv-cells.js';
import type { CsvTable, Located, WriteCounts } from './csv-table.js';
import { ImportError } from './import-error.js';

export interface ImportOptions {
  readonly batchSize?: number;
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
}

export interface ImportSummary extends WriteCounts {
  readonly rows: number;
}

export async function importCsv<Row>(db: Db, table: CsvTable<Row>, path: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? 1000;
  fileSize(path); // fail early, outside the transaction, when the file cannot be read
  return inTransaction(db, async (trx) => {
    const file = openCountedFile(path);
    let header: ReadonlySet<string> | undefined;
    const parser = file.stream.pipe(
      parse({
        bom: true, trim: true, skip_empty_lines: true, info: true,
        columns: (names: string[]) => {
          header = checkHeader(table, names);
          return names;
        },
      }),
    );
    const counts: WriteCounts = { inserted: 0, updated: 0, unchanged: 0 };
    let rows = 0;
    let batch: Located<Row>[] = [];
    let keys = new Set<string>();
    let writer: ReturnType<CsvTable<Row>['writer']> | undefined;
    const flush = async () => {
      if (batch.length === 0) return;
      writer ??= table.writer(trx, header ?? new Set());
      await writer.write(batch, counts);
      batch = [];
      keys = new Set();
      options.onProgress?.(file.bytesRead(), file.size);
    };
    options.onProgress?.(0, file.size);
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
        const row = table.read(new Cells(record, info.lines));
        const key = table.key(row);
        if (keys.has(key)) await flush();
        keys.add(key);
        batch.push({ row, line: info.lines });
        rows++;
        if (batch.length >= batchSize) await flush();
      }
      if (!header) throw new ImportError(1, undefined, `the file is empty; expected a header row: ${table.columns.map((c) => c.name).join(',')}`);
      await flush();
    } catch (error) {
      if (error instanceof CsvError) throw new ImportError(Number(error.lines ?? 0), undefined, error.message.replace(/ on line \d+$/, ''));
      throw error;
    } finally {
      file.stream.destroy();
    }
    options.onProgress?.(file.size, file.size);
    return { rows, ...counts };
  });
}

function checkHeader(table: CsvTable<unknown>, names: readonly string[]): ReadonlySet<string> {
  const known = new Set(table.columns.map((c) => c.name));
  const seen = new Set<string>();
  for (const name of names) {
    if (!known.has(name)) throw new ImportError(1, name, `unknown column for ${table.name}; columns are ${[...known].join(', ')}`);
    if (seen.has(name)) throw new ImportError(1, name, 'column appears twice');
    seen.add(name);
  }
  for (const c of table.columns) if (c.required && !seen.has(c.name)) throw new ImportError(1, c.name, 'required column is missing from the header');
  return seen;
}
