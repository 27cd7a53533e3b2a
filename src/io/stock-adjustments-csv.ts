// stock_items in `--mode adjust`: each row is a stock change, not a stored state, applied
// through the same rule as PATCH and POST /api/stock_adjustments (flows/stock-adjustments.ts):
// a signed `delta` (or a count `quantity`, with `expected_quantity` when known) and a
// `reason`. Two rows for the same stock item both apply, in file order. The whole file is one
// transaction; the first refused row is reported with its line and column.
import { DomainFailure, type DomainError } from '../domain/errors.js';
import { adjustStockRows, RowFailure, type AdjustmentRow } from '../flows/stock-adjustments.js';
import type { Cells } from './csv-cells.js';
import type { BatchWriter, CsvTable, Located, WriteCounts } from './csv-table.js';
import { ImportError } from './import-error.js';
import { stockItemsCsv } from './stock-items-csv.js';

export const stockAdjustmentsCsv: CsvTable<AdjustmentRow> = {
  name: 'stock_items',
  columns: [
    { name: 'sku_code', required: true, help: 'SKU code (the SKU must exist and be tracked)' },
    { name: 'stock_location_code', required: true, help: 'stock location code (must exist; a missing stock item is created)' },
    { name: 'delta', help: 'signed change of on-hand, e.g. 5 or -2 (or give quantity)' },
    { name: 'quantity', help: 'absolute on-hand count (or give delta)' },
    { name: 'expected_quantity', help: 'with quantity: the on-hand last seen; the import fails if it differs' },
    { name: 'reason', help: 'received, returned, damaged, lost, found, count_correction, adjustment or import (default)' },
    { name: 'reference', help: 'kept on the stock movement, e.g. the ERP document number' },
  ],
  read(cells: Cells): AdjustmentRow {
    const text = (column: string) => cells.text(column) ?? undefined;
    return {
      skuCode: cells.requiredText('sku_code'),
      stockLocationCode: cells.requiredText('stock_location_code'),
      delta: text('delta'), quantity: text('quantity'), expectedQuantity: text('expected_quantity'),
      reason: text('reason') ?? 'import', reference: text('reference') ?? null,
    };
  },
  // Every row its own key: rows for the same item may share a batch, they apply in order.
  key: (() => {
    let n = 0;
    return () => String(n++);
  })(),
  writer: (trx) => new AdjustmentsWriter(trx),
  exportPages: stockItemsCsv.exportPages,
};

class AdjustmentsWriter implements BatchWriter<AdjustmentRow> {
  constructor(private readonly trx: Parameters<typeof adjustStockRows>[0]) {}

  async write(rows: readonly Located<AdjustmentRow>[], counts: WriteCounts): Promise<void> {
    try {
      const results = await adjustStockRows(this.trx, rows.map((r) => r.row));
      for (const r of results) {
        if (r.movementId) counts.updated++;
        else counts.unchanged++;
      }
    } catch (error) {
      if (!(error instanceof DomainFailure)) throw error;
      const line = error instanceof RowFailure ? rows[error.row]?.line ?? 0 : 0;
      throw new ImportError(line, columnOf(error.error), error.error.message);
    }
  }
}

/** The CSV column a refusal is about. */
function columnOf(e: DomainError): string | undefined {
  if (e.code === 'VALIDATION_ERROR') return e.field;
  if (e.code === 'INSUFFICIENT_STOCK') return e.field;
  if (e.code === 'STALE_QUANTITY') return 'expected_quantity';
  return undefined;
}
