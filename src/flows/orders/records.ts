// Reading and writing the order-side records the flows share: the order locked for update,
// its inventory model, its lines, shipment numbering, and status changes stamped with time.
import { fail, notFound, validation } from '../../domain/errors.js';
import { isDomainError } from '../../domain/lifecycle/machine.js';
import { decideOrder, type OrderTrigger } from '../../domain/lifecycle/order-machine.js';
import type { Row } from '../../store/schema.js';
import type { Trx } from '../../store/transaction.js';

export type OrderRow = Row<'orders'>;
export type LineRow = Row<'line_items'>;

/** The order, locked FOR UPDATE: one writer per order at a time. */
export async function lockOrder(trx: Trx, id: string): Promise<OrderRow> {
  const order = await trx.selectFrom('orders').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!order) throw notFound('order', id);
  return order;
}

export async function modelOf(trx: Trx, order: Pick<OrderRow, 'market_id'>): Promise<Row<'inventory_models'>> {
  return trx.selectFrom('inventory_models as m').innerJoin('markets as k', 'k.inventory_model_id', 'm.id')
    .selectAll('m').where('k.id', '=', order.market_id).executeTakeFirstOrThrow();
}

export async function linesOf(trx: Trx, orderId: string): Promise<LineRow[]> {
  return trx.selectFrom('line_items').selectAll().where('order_id', '=', orderId).orderBy('position').orderBy('id').execute();
}

/** Applies an order trigger's status change (refusing an illegal one) and returns the new row. */
export async function changeOrder(trx: Trx, order: OrderRow, trigger: OrderTrigger, now: Date, extra: Partial<Pick<OrderRow, 'fulfillment_status'>> = {}): Promise<OrderRow> {
  const change = decideOrder({ status: order.status, paymentStatus: order.payment_status }, trigger);
  if (isDomainError(change)) throw fail(change);
  return trx.updateTable('orders')
    .set({ status: change.status, payment_status: change.paymentStatus, updated_at: now, ...(change.stamp ? { [change.stamp]: now } : {}), ...extra })
    .where('id', '=', order.id).returningAll().executeTakeFirstOrThrow();
}

/** `<order number>/S/<n>`, n after the highest this order has used (the order row is locked):
 * a submit may drop planned shipments, so a count would hand out a number still in use. */
export async function nextShipmentNumber(trx: Trx, order: OrderRow, offset = 0): Promise<string> {
  const rows = await trx.selectFrom('shipments').select('number').where('order_id', '=', order.id).execute();
  const used = rows.map((r) => Number(/\/S\/(\d+)$/.exec(r.number)?.[1] ?? 0));
  return `${order.number}/S/${Math.max(0, ...used) + 1 + offset}`;
}

export async function nextTransferNumber(trx: Trx, order: OrderRow, offset = 0): Promise<string> {
  const { count } = await trx.selectFrom('stock_transfers').select((eb) => eb.fn.countAll<number>().as('count'))
    .where('order_id', '=', order.id).executeTakeFirstOrThrow();
  return `${order.number}/T/${Number(count) + 1 + offset}`;
}

export function requireDraft(order: OrderRow, what: string): void {
  if (order.status !== 'draft') throw validation('order', `${what} only on a draft order; order ${order.number} is ${order.status}`);
}

/** `fulfilled` once every line is shipped in full, `in_progress` once anything shipped. */
export function fulfillmentOf(lines: readonly Pick<LineRow, 'quantity' | 'shipped_quantity'>[]): OrderRow['fulfillment_status'] {
  if (lines.length > 0 && lines.every((l) => l.shipped_quantity >= l.quantity)) return 'fulfilled';
  return lines.some((l) => l.shipped_quantity > 0) ? 'in_progress' : 'unfulfilled';
}
