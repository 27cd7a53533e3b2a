// Sales channels see records of their own market's orders only; these scopes express that
// for resources that hang off an order (line items, shipments, …).
import type { Scope } from './define.js';

/** Rows whose `<table>.order_id` belongs to an order of the caller's market. */
export const viaOrder = (table: string): Scope => (auth, eb) =>
  eb(`${table}.order_id`, 'in', eb.selectFrom('orders').select('orders.id').where('orders.market_id', '=', auth.marketId ?? ''));
