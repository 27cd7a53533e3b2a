// Stock items as a merchant manages them: create one per SKU × location, count it (absolute
// quantity) or adjust it (delta), mark it in/out of stock. Each call is one transaction; every
// change of on-hand goes through the ledger (a movement with reason and reference), and any
// increase gives backordered orders their chance at the new stock (onStockArrived).
// Quantities here are decimals as the user wrote them (2, "2.5"), not scaled Quantity values.
import { fail, notFound, validation } from '../domain/errors.js';
import { ZERO, isQuantityError, isWhole, parseQuantity, qty, sub, toDecimal, type Quantity } from '../domain/quantity.js';
import { newId } from '../store/ids.js';
import type { Row } from '../store/schema.js';
import { applyMovement, isMovementReason, lockStockItems, type MovementReason } from '../store/stock-ledger.js';
import { inTransaction, isUniqueViolation, type Trx } from '../store/transaction.js';
import type { FlowContext } from './context.js';
import { onStockArrived } from './stock-arrived.js';

export type StockStatus = 'in_stock' | 'out_of_stock';
/** Reasons a merchant may give to a manual change; the others belong to order flows. */
export const MANUAL_REASONS = ['adjustment', 'import'] as const satisfies readonly MovementReason[];

export interface NewStockItem {
  readonly skuId?: string; readonly skuCode?: string;
  readonly stockLocationId?: string; readonly stockLocationCode?: string;
  readonly quantity?: number | string;
  readonly status?: string;
  readonly reference?: string | null;
  readonly metadata?: Record<string, unknown>;
}

export async function createStockItem(ctx: FlowContext, input: NewStockItem): Promise<Row<'stock_items'>> {
  return inTransaction(ctx.db, async (trx) => {
    const sku = await findSku(trx, input);
    if (sku.do_not_track) throw validation('sku', `${sku.code} is do_not_track: it has no stock items`);
    const location = await findLocation(trx, input);
    const quantity = parseStock(input.quantity ?? 0, sku, 'quantity');
    const status = parseStatus(input.status ?? 'in_stock');
    const id = newId('si');
    try {
      await trx.insertInto('stock_items').values({
        id, sku_id: sku.id, sku_code: sku.code, stock_location_id: location.id, quantity: 0, status,
        reference: input.reference ?? null, metadata: JSON.stringify(input.metadata ?? {}),
      }).execute();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw fail({ code: 'RECORD_NOT_UNIQUE', field: 'stock_location', message: `${location.code} already has a stock item for ${sku.code}` });
    }
    if (quantity > 0) {
      await applyMovement(trx, { stockItemId: id, delta: quantity, reason: 'initial', reference: input.reference });
      await onStockArrived(trx, { skuCode: sku.code, stockLocationId: location.id });
    }
    return trx.selectFrom('stock_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  });
}

export interface StockItemChange {
  /** Absolute on-hand count; the difference is recorded as a movement. */
  readonly quantity?: number | string;
  /** Signed change of on-hand. */
  readonly delta?: number | string;
  readonly status?: string;
  readonly reason?: string;
  readonly reference?: string | null;
  readonly metadata?: Record<string, unknown>;
}

export async function updateStockItem(ctx: FlowContext, id: string, change: StockItemChange): Promise<Row<'stock_items'>> {
  return inTransaction(ctx.db, async (trx) => {
    if (change.quantity !== undefined && change.delta !== undefined) throw validation('delta', 'give either quantity or delta, not both');
    const [item] = await lockStockItems(trx, [id]);
    if (!item) throw notFound('stock_item', id);
    const sku = await trx.selectFrom('skus').selectAll().where('id', '=', item.sku_id).executeTakeFirstOrThrow();
    const current = qty(item.quantity);
    const reserved = qty(item.reserved_quantity);
    let delta: Quantity = ZERO;
    let field: 'quantity' | 'delta' = 'quantity';
    if (change.quantity !== undefined) delta = sub(parseStock(change.quantity, sku, 'quantity'), current);
    if (change.delta !== undefined) {
      field = 'delta';
      delta = parseDelta(change.delta, sku);
      if (current + delta < 0) throw validation('delta', `${sku.code} has ${item.quantity} on hand; cannot remove ${toDecimal(sub(ZERO, delta))}`);
    }
    const after = current + delta;
    if (delta < 0 && after < reserved) {
      throw validation(field, `cannot set ${sku.code} on hand to ${toDecimal(after as Quantity)}: ${item.reserved_quantity} is reserved by placed orders, and a count cannot go below what orders hold`);
    }
    const reason = change.reason ?? 'adjustment';
    if (!isMovementReason(reason) || !(MANUAL_REASONS as readonly string[]).includes(reason)) {
      throw validation('reason', `reason must be one of ${MANUAL_REASONS.join(', ')}`);
    }
    const status = change.status === undefined ? item.status : parseStatus(change.status);
    await trx.updateTable('stock_items').set({
      status, updated_at: ctx.now(),
      ...(change.reference !== undefined ? { reference: change.reference } : {}),
      ...(change.metadata !== undefined ? { metadata: JSON.stringify(change.metadata) } : {}),
    }).where('id', '=', id).execute();
    if (delta !== 0) await applyMovement(trx, { stockItemId: id, delta, reason, reference: change.reference ?? null });
    if (delta > 0 || (status === 'in_stock' && item.status === 'out_of_stock')) {
      await onStockArrived(trx, { skuCode: sku.code, stockLocationId: item.stock_location_id });
    }
    return trx.selectFrom('stock_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  });
}

async function findSku(trx: Trx, input: NewStockItem): Promise<Row<'skus'>> {
  if (input.skuId === undefined && input.skuCode === undefined) throw validation('sku', 'a stock item needs a SKU (id or code)');
  let q = trx.selectFrom('skus').selectAll();
  q = input.skuId !== undefined ? q.where('id', '=', input.skuId) : q.where('code', '=', input.skuCode ?? '');
  const sku = await q.executeTakeFirst();
  if (!sku) throw notFound('sku', input.skuId ?? input.skuCode ?? '');
  return sku;
}

async function findLocation(trx: Trx, input: NewStockItem): Promise<Row<'stock_locations'>> {
  if (input.stockLocationId === undefined && input.stockLocationCode === undefined) {
    throw validation('stock_location', 'a stock item needs a stock location (id or code)');
  }
  let q = trx.selectFrom('stock_locations').selectAll();
  q = input.stockLocationId !== undefined ? q.where('id', '=', input.stockLocationId) : q.where('code', '=', input.stockLocationCode ?? '');
  const location = await q.executeTakeFirst();
  if (!location) throw notFound('stock_location', input.stockLocationId ?? input.stockLocationCode ?? '');
  return location;
}

/** A non-negative on-hand count: whole units unless the SKU is sold in decimals. */
function parseStock(raw: unknown, sku: Row<'skus'>, field: string): Quantity {
  const q = parseDelta(raw, sku, field);
  if (q < 0) throw validation(field, `${field} of ${sku.code} cannot be negative: ${String(raw)}`);
  return q;
}

function parseDelta(raw: unknown, sku: Row<'skus'>, field = 'delta'): Quantity {
  const q = parseQuantity(raw);
  if (isQuantityError(q)) throw validation(field, `${field} must be a number with at most 4 decimals, not ${JSON.stringify(raw)}`);
  if (!sku.quantity_decimal && !isWhole(q)) throw validation(field, `${sku.code} is counted in whole units, not ${String(raw)}`);
  return q;
}

function parseStatus(raw: string): StockStatus {
  if (raw === 'in_stock' || raw === 'out_of_stock') return raw;
  throw validation('status', `status must be in_stock or out_of_stock, not ${JSON.stringify(raw)}`);
}
