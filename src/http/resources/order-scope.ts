// Sales channels see records of their own market's orders only; these scopes express that
// for resources that hang off an order (line items, shipments, …). And such records never
// move to another order.
import { validation } from '../../domain/errors.js';
import type { ApiContext, Scope } from './define.js';

/** Rows whose `<table>.order_id` belongs to an order of the caller's market. */
export const viaOrder = (table: string): Scope => (auth, eb) =>
  eb(`${table}.order_id`, 'in', eb.selectFrom('orders').select('orders.id').where('orders.market_id', '=', auth.marketId ?? ''));

/** A record that belongs to an order stays with it: a PATCH naming another order is 422. */
export async function refuseOrderChange(api: ApiContext, table: 'line_items' | 'returns' | 'source_selections', id: string, orderId: string | null | undefined): Promise<void> {
  if (orderId === undefined) return;
  const row = await api.flow.db.kysely.selectFrom(table).select('order_id').where('id', '=', id).executeTakeFirst();
  if (row && row.order_id === orderId) return;
  throw validation('/data/relationships/order', `a ${table.replace(/s$/, '').replace('_', ' ')} cannot move to another order`);
}
