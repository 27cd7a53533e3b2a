// Stock items as a merchant manages them: create one per SKU × location, count it (absolute
// quantity, optionally compared with the expected on-hand) or adjust it (delta), with a
// reason, and mark it in/out of stock. Each call is one transaction; every change of on-hand
// goes through the ledger (flows/stock-changes.ts: a movement with reason and reference), and
// any increase gives backordered orders their chance at the new stock (onStockArrived).
// Quantities here are decimals as the user wrote them (2, "2.5"), not scaled Quantity values.
import { fail, notFound, validation } from '../domain/errors.js';
import { newId } from '../store/ids.js';
import type { Row } from '../store/schema.js';
import { applyMovement } from '../store/stock-ledger.js';
import { inTransaction, isUniqueViolation, type Trx } from '../store/transaction.js';
import type { FlowContext } from './context.js';
import { onStockArrived } from './stock-arrived.js';
import { changeOnHand, parseChange, parseReason, parseStock } from './stock-changes.js';

export type StockStatus = 'in_stock' | 'out_of_stock';

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
  /** With `quantity`: the on-hand the client last saw; refused (STALE_QUANTITY) when it is no longer that. */
  readonly expectedQuantity?: number | string;
  readonly status?: string;
  readonly reason?: string;
  readonly reference?: string | null;
  readonly metadata?: Record<string, unknown>;
}

export async function updateStockItem(ctx: FlowContext, id: string, change: StockItemChange): Promise<Row<'stock_items'>> {
  return inTransaction(ctx.db, async (trx) => {
    const item = await trx.selectFrom('stock_items').selectAll().where('id', '=', id).executeTakeFirst();
    if (!item) throw notFound('stock_item', id);
    const sku = await trx.selectFrom('skus').select(['code', 'quantity_decimal']).where('id', '=', item.sku_id).executeTakeFirstOrThrow();
    const stockChange = parseChange(change, sku);
    const reason = parseReason(change.reason);
    const status = change.status === undefined ? undefined : parseStatus(change.status);
    if (status !== undefined || change.reference !== undefined || change.metadata !== undefined) {
      await trx.updateTable('stock_items').set({
        updated_at: ctx.now(),
        ...(status !== undefined ? { status } : {}),
        ...(change.reference !== undefined ? { reference: change.reference } : {}),
        ...(change.metadata !== undefined ? { metadata: JSON.stringify(change.metadata) } : {}),
      }).where('id', '=', id).execute();
    }
    const changed = stockChange ? await changeOnHand(trx, { item, change: stockChange, reason, reference: change.reference }) : undefined;
    if ((changed && changed.delta > 0) || (status === 'in_stock' && item.status === 'out_of_stock')) {
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

function parseStatus(raw: string): StockStatus {
  if (raw === 'in_stock' || raw === 'out_of_stock') return raw;
  throw validation('status', `status must be in_stock or out_of_stock, not ${JSON.stringify(raw)}`);
}
