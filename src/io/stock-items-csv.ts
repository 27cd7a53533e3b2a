// stock_items as CSV: sku_code, stock_location_code, quantity, status (and optionally
// expected_quantity, reason). Upsert by (sku_code, stock_location_code). A quantity change is
// written as an 'import' stock movement (or the row's reason) of the difference, so
// on_hand = Σ movements still holds, and announced as stock_items.update to webhooks. A row
// with expected_quantity fails when on-hand is no longer that (compare-and-set). Existing rows are locked FOR UPDATE
// in id order before they are compared, and a quantity below what open orders have reserved
// is refused (it would oversell). Stock that arrives serves backordered orders first.
import { sql } from 'kysely';
import { MANUAL_REASONS, directionRefusal, type ManualReason } from '../domain/ledger/stock-change.js';
import { isWhole, sub, toDecimal, toDecimalString, parseQuantity, type Quantity } from '../domain/quantity.js';
import { enqueueEvent } from '../store/outbox.js';
import { onStockArrived } from '../flows/stock-arrived.js';
import { newId } from '../store/ids.js';
import type { Trx } from '../store/transaction.js';
import type { Cells } from './csv-cells.js';
import type { BatchWriter, CsvTable, Located, WriteCounts } from './csv-table.js';
import { ImportError } from './import-error.js';


export interface StockItemRow {
  readonly skuCode: string;
  readonly locationCode: string;
  readonly quantity: Quantity;
  readonly status: 'in_stock' | 'out_of_stock' | undefined;
  readonly expected?: Quantity | null | undefined;
  readonly reason?: ManualReason | null | undefined;
}

export const stockItemsCsv: CsvTable<StockItemRow> = {
  name: 'stock_items',
  columns: [
    { name: 'sku_code', required: true, help: 'SKU code (the SKU must exist and be tracked)' },
    { name: 'stock_location_code', required: true, help: 'stock location code (must exist)' },
    { name: 'quantity', required: true, help: 'on-hand quantity, ≥ 0, at least the reserved quantity' },
    { name: 'status', help: 'in_stock (default) or out_of_stock' },
    { name: 'expected_quantity', help: 'the on-hand last seen; the import fails if on-hand differs (a stock item not yet there has 0)', importOnly: true },
    { name: 'reason', help: 'reason recorded on the movement: import (default), count_correction, received, … (see --mode adjust)', importOnly: true },
  ],
  read(cells: Cells): StockItemRow {
    const quantity = cells.quantity('quantity');
    if (quantity === null || quantity === undefined) throw cells.error('quantity', 'is required');
    return {
      skuCode: cells.requiredText('sku_code'),
      locationCode: cells.requiredText('stock_location_code'),
      quantity,
      status: cells.oneOf('status', ['in_stock', 'out_of_stock'] as const) ?? (cells.has('status') ? 'in_stock' : undefined),
      expected: cells.quantity('expected_quantity'),
      reason: cells.oneOf('reason', MANUAL_REASONS),
    };
  },
  key: (row) => `${row.skuCode}\u0000${row.locationCode}`,
  writer: (trx, header) => new StockItemsWriter(trx, header.has('status')),
  async *exportPages(db, pageSize) {
    let after = '';
    for (;;) {
      const page = await db.kysely
        .selectFrom('stock_items as si')
        .innerJoin('stock_locations as l', 'l.id', 'si.stock_location_id')
        .select(['si.id', 'si.sku_code', 'l.code as stock_location_code', 'si.quantity', 'si.status'])
        .where('si.id', '>', after)
        .orderBy('si.id')
        .limit(pageSize)
        .execute();
      if (page.length === 0) return;
      after = page[page.length - 1]!.id;
      yield page.map(({ id: _id, ...rest }) => rest);
    }
  },
};

class StockItemsWriter implements BatchWriter<StockItemRow> {
  private readonly locations = new Map<string, string>();
  private listening: boolean | undefined;

  constructor(
    private readonly trx: Trx,
    private readonly withStatus: boolean,
  ) {}

  async write(rows: readonly Located<StockItemRow>[], counts: WriteCounts): Promise<void> {
    const skus = await this.resolveSkus(rows);
    await this.resolveLocations(rows);
    const resolved = rows.map(({ row, line }) => {
      const sku = skus.get(row.skuCode);
      const locationId = this.locations.get(row.locationCode);
      if (!sku) throw new ImportError(line, 'sku_code', `unknown SKU "${row.skuCode}"`);
      if (!locationId) throw new ImportError(line, 'stock_location_code', `unknown stock location "${row.locationCode}"`);
      if (sku.do_not_track) throw new ImportError(line, 'sku_code', `SKU "${row.skuCode}" is do_not_track: it has no stock items`);
      if (!sku.quantity_decimal && !isWhole(row.quantity)) throw new ImportError(line, 'quantity', `SKU "${row.skuCode}" takes whole quantities only`);
      return { row, line, skuId: sku.id, locationId };
    });
    // By SKU and location (the unique index), then matched to the exact pairs in JS.
    const skuIds = [...new Set(resolved.map((r) => r.skuId))];
    const locationIds = [...new Set(resolved.map((r) => r.locationId))];
    const locked = await this.trx
      .selectFrom('stock_items')
      .select(['id', 'sku_id', 'stock_location_id', 'quantity', 'reserved_quantity', 'status'])
      .where('sku_id', 'in', skuIds)
      .where('stock_location_id', 'in', locationIds)
      .orderBy('id')
      .forUpdate()
      .execute();
    const existing = new Map(locked.map((s) => [`${s.sku_id}\u0000${s.stock_location_id}`, s]));

    const changes = [];
    for (const r of resolved) {
      const current = existing.get(`${r.skuId}\u0000${r.locationId}`);
      const before = current ? (parseQuantity(current.quantity) as Quantity) : (0 as Quantity);
      const reserved = current ? (parseQuantity(current.reserved_quantity) as Quantity) : (0 as Quantity);
      if (r.row.expected !== null && r.row.expected !== undefined && r.row.expected !== before) {
        throw new ImportError(r.line, 'expected_quantity', `${r.row.skuCode} at ${r.row.locationCode} has ${toDecimalString(before)} on hand, not the expected ${toDecimalString(r.row.expected)}`);
      }
      const reason = r.row.reason ?? 'import';
      if (directionRefusal(reason, sub(r.row.quantity, before))) {
        throw new ImportError(r.line, 'reason', `${reason} cannot take on-hand from ${toDecimalString(before)} to ${toDecimalString(r.row.quantity)}`);
      }
      if (r.row.quantity < before && r.row.quantity < reserved) {
        throw new ImportError(r.line, 'quantity', `${toDecimalString(r.row.quantity)} is below the ${toDecimalString(reserved)} reserved by open orders`);
      }
      const status = r.row.status ?? current?.status ?? 'in_stock';
      if (current && r.row.quantity === before && status === current.status) {
        counts.unchanged++;
        continue;
      }
      if (current) counts.updated++;
      else counts.inserted++;
      changes.push({ ...r, id: current?.id ?? newId('si'), delta: sub(r.row.quantity, before), status, reason, reserved });
    }
    if (changes.length === 0) return;

    const written = await this.trx
      .insertInto('stock_items')
      .values(changes.map((c) => ({
        id: c.id, sku_id: c.skuId, sku_code: c.row.skuCode, stock_location_id: c.locationId,
        quantity: toDecimalString(c.row.quantity), status: c.status,
      })))
      .onConflict((oc) => oc.columns(['sku_id', 'stock_location_id']).doUpdateSet((eb) => ({
        quantity: eb.ref('excluded.quantity'),
        updated_at: sql<Date>`now()`,
        ...(this.withStatus ? { status: eb.ref('excluded.status') } : {}),
      })))
      .returning(['id', 'sku_id', 'stock_location_id'])
      .execute();
    // The id actually stored (a concurrent insert of the same pair would keep its own).
    const ids = new Map(written.map((w) => [`${w.sku_id}\u0000${w.stock_location_id}`, w.id]));
    const moved = changes.filter((c) => c.delta !== 0);
    if (moved.length === 0) return;
    const movements = moved.map((c) => ({
      id: newId('mov'), stock_item_id: ids.get(`${c.skuId}\u0000${c.locationId}`) ?? c.id, stock_location_id: c.locationId, sku_code: c.row.skuCode,
      delta: toDecimalString(c.delta), reason: c.reason, quantity_after: toDecimalString(c.row.quantity),
    }));
    await this.trx.insertInto('stock_movements').values(movements).execute();
    await this.announce(moved.map((c, i) => ({ change: c, movement: movements[i]! })));
    await this.serveBackorders(moved.filter((c) => c.delta > 0 && c.status === 'in_stock'));
  }

  /** stock_items.update for each movement, as the ledger sends it; nothing is read when no webhook listens. */
  private async announce(moves: readonly { change: { reserved: Quantity }; movement: { id: string; stock_item_id: string; sku_code: string; stock_location_id: string; delta: string; reason: string; quantity_after: string } }[]) {
    if (this.listening === undefined) {
      this.listening = (await this.trx.selectFrom('webhooks').select('id').where('topic', '=', 'stock_items.update').where('disabled_at', 'is', null).limit(1).executeTakeFirst()) !== undefined;
    }
    if (!this.listening) return;
    for (const { change, movement: m } of moves) {
      await enqueueEvent(this.trx, 'stock_items.update', {
        id: m.stock_item_id, sku_code: m.sku_code, stock_location_id: m.stock_location_id, quantity: Number(m.quantity_after),
        reserved_quantity: toDecimal(change.reserved), delta: Number(m.delta), reason: m.reason, quantity_after: Number(m.quantity_after),
        movement_id: m.id, reference: null,
      });
    }
  }

  /** Stock that arrived serves backordered demand first (flows/stock-arrived.ts). */
  private async serveBackorders(arrived: readonly { row: StockItemRow; locationId: string }[]) {
    if (arrived.length === 0) return;
    const codes = [...new Set(arrived.map((a) => a.row.skuCode))];
    const waiting = await this.trx.selectFrom('line_items').select('sku_code').distinct()
      .where('backordered_quantity', '>', 0).where('sku_code', 'in', codes).execute();
    const skus = new Set(waiting.map((w) => w.sku_code));
    for (const a of arrived) if (skus.has(a.row.skuCode)) await onStockArrived(this.trx, { skuCode: a.row.skuCode, stockLocationId: a.locationId });
  }

  private async resolveSkus(rows: readonly Located<StockItemRow>[]) {
    const codes = [...new Set(rows.map((r) => r.row.skuCode))];
    const found = await this.trx.selectFrom('skus').select(['id', 'code', 'do_not_track', 'quantity_decimal']).where('code', 'in', codes).execute();
    return new Map(found.map((s) => [s.code, s]));
  }

  private async resolveLocations(rows: readonly Located<StockItemRow>[]) {
    const missing = [...new Set(rows.map((r) => r.row.locationCode))].filter((c) => !this.locations.has(c));
    if (missing.length === 0) return;
    const found = await this.trx.selectFrom('stock_locations').select(['id', 'code']).where('code', 'in', missing).execute();
    for (const l of found) this.locations.set(l.code, l.id);
  }
}
