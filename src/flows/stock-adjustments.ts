// Many stock changes in one transaction, all or nothing (an ERP sync, a CSV in --mode adjust):
// each row names a SKU and a location by code and carries a delta, or a count (quantity, with
// expected_quantity when the sender knows what it last saw), and a reason.
// 1. SKUs and locations are resolved by code; a row naming an unknown or untracked one fails;
// 2. every row's change and reason are parsed, so bad input fails before anything is written;
// 3. the stock items are found, a missing one created empty, and all locked in id order;
// 4. the rows are applied in order through the one change rule (flows/stock-changes.ts);
// 5. arrivals then serve backorders. The first refused row fails the whole batch with its index.
import { DomainFailure, validation, type DomainError } from '../domain/errors.js';
import type { ManualReason, StockChange } from '../domain/ledger/stock-change.js';
import type { Quantity } from '../domain/quantity.js';
import { newId } from '../store/ids.js';
import { lockStockItems } from '../store/stock-ledger.js';
import { inTransaction, type Trx } from '../store/transaction.js';
import type { FlowContext } from './context.js';
import { onStockArrived } from './stock-arrived.js';
import { changeOnHand, parseChange, parseReason } from './stock-changes.js';

export const MAX_ADJUSTMENT_ROWS = 250;

export interface AdjustmentRow {
  readonly skuCode: string;
  readonly stockLocationCode: string;
  readonly delta?: number | string | undefined;
  readonly quantity?: number | string | undefined;
  readonly expectedQuantity?: number | string | undefined;
  readonly reason?: string | undefined;
  readonly reference?: string | null | undefined;
}

export interface AdjustmentResult {
  readonly stockItemId: string;
  readonly reason: ManualReason;
  readonly delta: Quantity;
  readonly quantityAfter: Quantity;
  /** null when a count found on-hand already right. */
  readonly movementId: string | null;
}

/** A refusal of one row: `row` is its index in the batch, `error.field` the attribute at fault. */
export class RowFailure extends DomainFailure {
  constructor(readonly row: number, error: DomainError) {
    super(error);
    this.name = 'RowFailure';
  }
}

export async function applyStockAdjustments(ctx: FlowContext, rows: readonly AdjustmentRow[]): Promise<AdjustmentResult[]> {
  if (rows.length > MAX_ADJUSTMENT_ROWS) throw validation('/data', `at most ${MAX_ADJUSTMENT_ROWS} adjustments per request, not ${rows.length}`);
  return inTransaction(ctx.db, (trx) => adjustStockRows(trx, rows));
}

/** Applies the rows inside the caller's transaction (the CSV import calls it batch by batch). */
export async function adjustStockRows(trx: Trx, rows: readonly AdjustmentRow[]): Promise<AdjustmentResult[]> {
  const skus = await skusByCode(trx, rows.map((r) => r.skuCode));
  const locations = await locationsByCode(trx, rows.map((r) => r.stockLocationCode));
  const parsed = rows.map((row, i) => atRow(i, () => {
    const sku = skus.get(row.skuCode);
    if (!sku) throw validation('sku_code', `unknown SKU ${JSON.stringify(row.skuCode)}`);
    if (sku.do_not_track) throw validation('sku_code', `${sku.code} is do_not_track: it has no stock`);
    const location = locations.get(row.stockLocationCode);
    if (!location) throw validation('stock_location_code', `unknown stock location ${JSON.stringify(row.stockLocationCode)}`);
    const change: StockChange | undefined = parseChange(row, sku);
    if (!change) throw validation('delta', 'give delta (an adjustment) or quantity (a count)');
    return { row, sku, location, change, reason: parseReason(row.reason) };
  }));
  if (parsed.length === 0) return [];
  const items = await stockItemsFor(trx, parsed.map((p) => ({ skuId: p.sku.id, skuCode: p.sku.code, locationId: p.location.id })));
  await lockStockItems(trx, [...items.values()]);
  const results: AdjustmentResult[] = [];
  const arrived = new Map<string, { skuCode: string; stockLocationId: string }>();
  for (const [i, p] of parsed.entries()) {
    const id = items.get(pairKey(p.sku.id, p.location.id))!;
    const item = { id, sku_code: p.sku.code, stock_location_id: p.location.id };
    const changed = await atRowAsync(i, () => changeOnHand(trx, { item, change: p.change, reason: p.reason, reference: p.row.reference }));
    results.push({ stockItemId: id, reason: p.reason, ...changed });
    if (changed.delta > 0) arrived.set(id, { skuCode: p.sku.code, stockLocationId: p.location.id });
  }
  for (const arrival of arrived.values()) await onStockArrived(trx, arrival);
  return results;
}

const pairKey = (skuId: string, locationId: string) => `${skuId}\u0000${locationId}`;

async function skusByCode(trx: Trx, codes: readonly string[]) {
  const unique = [...new Set(codes)];
  const found = unique.length === 0 ? [] : await trx.selectFrom('skus').select(['id', 'code', 'quantity_decimal', 'do_not_track']).where('code', 'in', unique).execute();
  return new Map(found.map((r) => [r.code, r]));
}

async function locationsByCode(trx: Trx, codes: readonly string[]) {
  const unique = [...new Set(codes)];
  const found = unique.length === 0 ? [] : await trx.selectFrom('stock_locations').select(['id', 'code']).where('code', 'in', unique).execute();
  return new Map(found.map((r) => [r.code, r]));
}

/** (SKU, location) → stock item id, inserting an empty stock item where there is none. */
async function stockItemsFor(trx: Trx, pairs: readonly { skuId: string; skuCode: string; locationId: string }[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const load = async () => {
    const rows = await trx.selectFrom('stock_items').select(['id', 'sku_id', 'stock_location_id'])
      .where('sku_id', 'in', [...new Set(pairs.map((p) => p.skuId))]).where('stock_location_id', 'in', [...new Set(pairs.map((p) => p.locationId))]).execute();
    for (const r of rows) ids.set(pairKey(r.sku_id, r.stock_location_id), r.id);
  };
  await load();
  const missing = [...new Map(pairs.filter((p) => !ids.has(pairKey(p.skuId, p.locationId))).map((p) => [pairKey(p.skuId, p.locationId), p])).values()];
  if (missing.length === 0) return ids;
  await trx.insertInto('stock_items').values(missing.map((p) => ({
    id: newId('si'), sku_id: p.skuId, sku_code: p.skuCode, stock_location_id: p.locationId, quantity: 0, status: 'in_stock', reference: null, metadata: '{}',
  }))).onConflict((oc) => oc.columns(['sku_id', 'stock_location_id']).doNothing()).execute();
  await load();
  return ids;
}

function atRow<T>(row: number, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw error instanceof DomainFailure && !(error instanceof RowFailure) ? new RowFailure(row, error.error) : error;
  }
}

async function atRowAsync<T>(row: number, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof DomainFailure && !(error instanceof RowFailure) ? new RowFailure(row, error.error) : error;
  }
}
