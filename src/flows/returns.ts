// Returns: a customer sends back shipped quantities of an order's lines; restocking puts them
// on hand at the return's stock location ('return_restock' movements, the stock item created
// when the location never held the SKU), and offers the stock to backorders. The location is
// named by the return or chosen when it is created (return-locations.ts: the model's
// highest-priority enabled return location), and may change until the return is restocked.
// A line can be returned up to what shipped, less what earlier (not cancelled) returns
// already took back.
import { notFound, validation } from '../domain/errors.js';
import { isQuantityError, parseQuantity, qty, sub, toDecimal, toDecimalString } from '../domain/quantity.js';
import { newId } from '../store/ids.js';
import type { Row } from '../store/schema.js';
import { applyMovement, lockStockItems } from '../store/stock-ledger.js';
import { inTransaction } from '../store/transaction.js';
import type { FlowContext } from './context.js';
import { linesOf, lockOrder, modelOf } from './orders/records.js';
import { RETURN_LOCATION_FIELD, requireOpenReturn, returnLocationFor } from './return-locations.js';
import { onStockArrived } from './stock-arrived.js';
import { stockItemAt } from './transfers.js';

export type ReturnRow = Row<'returns'>;

export interface ReturnLineInput {
  readonly lineItemId: string;
  readonly quantity: number | string;
}

export interface ReturnOptions {
  /** Where it restocks: a return location of the order's model; default the first enabled one. */
  readonly stockLocationId?: string | null;
}

export async function createReturn(ctx: FlowContext, orderId: string, lines: readonly ReturnLineInput[], options: ReturnOptions = {}): Promise<ReturnRow> {
  return inTransaction(ctx.db, async (trx) => {
    const order = await lockOrder(trx, orderId);
    if (lines.length === 0) throw validation('return_line_items', 'a return needs at least one line');
    const stockLocationId = await returnLocationFor(trx, await modelOf(trx, order), options.stockLocationId ?? null);
    const orderLines = await linesOf(trx, orderId);
    const { count } = await trx.selectFrom('returns').select((eb) => eb.fn.countAll<number>().as('count')).where('order_id', '=', orderId).executeTakeFirstOrThrow();
    const ret = await trx.insertInto('returns').values({
      id: newId('ret'), number: `${order.number}/R/${Number(count) + 1}`, order_id: orderId, status: 'requested', stock_location_id: stockLocationId, updated_at: ctx.now(),
      metadata: '{}', reference: null, reference_origin: null,
    }).returningAll().executeTakeFirstOrThrow();
    for (const [i, l] of lines.entries()) {
      const line = orderLines.find((x) => x.id === l.lineItemId);
      if (!line) throw validation(`return_line_items/${i}/line_item_id`, `line item ${l.lineItemId} is not a line of order ${order.number}`);
      const q = parseQuantity(l.quantity);
      if (isQuantityError(q) || q <= 0) throw validation(`return_line_items/${i}/quantity`, `return quantity must be a positive number with at most 4 decimals, not ${JSON.stringify(l.quantity)}`);
      const returned = await trx.selectFrom('return_line_items as rli').innerJoin('returns as r', 'r.id', 'rli.return_id')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('rli.quantity'), eb.val(0)).as('total'))
        .where('rli.line_item_id', '=', line.id).where('r.status', '<>', 'cancelled').executeTakeFirstOrThrow();
      const returnable = sub(qty(line.shipped_quantity), qty(Number(returned.total)));
      if (q > returnable) throw validation(`return_line_items/${i}/quantity`, `${line.sku_code}: ${toDecimal(q)} cannot be returned, only ${toDecimal(returnable)} shipped and not yet returned`);
      await trx.insertInto('return_line_items').values({
        id: newId('rli'), return_id: ret.id, line_item_id: line.id, sku_code: line.sku_code, quantity: toDecimalString(q), metadata: '{}', reference: null, reference_origin: null,
      }).execute();
    }
    return ret;
  });
}

export async function restockReturn(ctx: FlowContext, returnId: string): Promise<ReturnRow> {
  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.now();
    const found = await trx.selectFrom('returns').select('order_id').where('id', '=', returnId).executeTakeFirst();
    if (!found) throw notFound('return', returnId);
    const order = await lockOrder(trx, found.order_id);
    const ret = await trx.selectFrom('returns').selectAll().where('id', '=', returnId).forUpdate().executeTakeFirstOrThrow();
    requireOpenReturn(ret, '_restock');
    const model = await modelOf(trx, order);
    const at = await returnLocationFor(trx, model, ret.stock_location_id);
    if (at === null) throw validation(RETURN_LOCATION_FIELD, `inventory model ${model.name} has no enabled return location to restock at`);
    // do_not_track SKUs have no stock to restock: their lines are only marked.
    const lines = await trx.selectFrom('return_line_items as rli').innerJoin('line_items as li', 'li.id', 'rli.line_item_id')
      .innerJoin('skus as s', 's.id', 'li.sku_id').select(['rli.id', 'rli.quantity', 'rli.sku_code', 'li.sku_id', 's.do_not_track'])
      .where('rli.return_id', '=', returnId).orderBy('rli.id').execute();
    const items = new Map<string, string>();
    for (const l of lines) if (l.sku_id !== null && !l.do_not_track) items.set(l.id, await stockItemAt(trx, l.sku_id, at, true));
    await lockStockItems(trx, [...items.values()]);
    for (const l of lines) {
      const item = items.get(l.id);
      if (item !== undefined) await applyMovement(trx, { stockItemId: item, delta: qty(l.quantity), reason: 'return_restock', orderId: order.id, returnId });
      await trx.updateTable('return_line_items').set({ restocked_at: now, updated_at: now }).where('id', '=', l.id).execute();
    }
    for (const code of new Set(lines.filter((l) => !l.do_not_track).map((l) => l.sku_code))) await onStockArrived(trx, { skuCode: code, stockLocationId: at });
    return trx.updateTable('returns').set({ status: 'restocked', restocked_at: now, stock_location_id: at, updated_at: now })
      .where('id', '=', returnId).returningAll().executeTakeFirstOrThrow();
  });
}

/** Names where an open return restocks (PATCH of its stock_location relationship; null: the default). */
export async function changeReturnLocation(ctx: FlowContext, returnId: string, stockLocationId: string | null): Promise<ReturnRow> {
  return inTransaction(ctx.db, async (trx) => {
    const found = await trx.selectFrom('returns').select('order_id').where('id', '=', returnId).executeTakeFirst();
    if (!found) throw notFound('return', returnId);
    const order = await lockOrder(trx, found.order_id);
    const ret = await trx.selectFrom('returns').selectAll().where('id', '=', returnId).forUpdate().executeTakeFirstOrThrow();
    requireOpenReturn(ret, 'stock_location');
    const location = await returnLocationFor(trx, await modelOf(trx, order), stockLocationId);
    return trx.updateTable('returns').set({ stock_location_id: location, updated_at: ctx.now() }).where('id', '=', returnId).returningAll().executeTakeFirstOrThrow();
  });
}
