// What a CSV-importable/exportable table provides: its columns (documented in --help), how to
// read one record into a row, a batch writer that upserts rows inside the import
// transaction, and the pages of rows to export.
import type { Db } from '../store/db.js';
import type { Trx } from '../store/transaction.js';
import type { Cells } from './csv-cells.js';

export interface CsvColumn {
  readonly name: string;
  readonly required?: boolean;
  readonly help: string;
  /** Read on import, never exported (a condition or a note about the change, not stored state). */
  readonly importOnly?: boolean;
}

export interface Located<Row> {
  readonly row: Row;
  readonly line: number;
}

export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface BatchWriter<Row> {
  write(rows: readonly Located<Row>[], counts: WriteCounts): Promise<void>;
}

export type CsvValue = string | number | boolean | null;

export interface CsvTable<Row> {
  readonly name: string;
  readonly columns: readonly CsvColumn[];
  read(cells: Cells): Row;
  /** Rows with the same key go to different batches, so a later row sees the earlier one. */
  key(row: Row): string;
  writer(trx: Trx, header: ReadonlySet<string>): BatchWriter<Row>;
  exportPages(db: Db, pageSize: number): AsyncIterable<readonly Record<string, CsvValue>[]>;
}
