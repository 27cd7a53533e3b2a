// Magento orders (read) over Stockroute orders: GET /V1/orders/{id}, GET /V1/orders
// (searchCriteria). entity_id and item_id are the integer ids of migration 009, increment_id
// the order number. Drafts are carts in Magento terms and are not orders here. state/status:
//   cancelled → canceled; everything shipped (fulfilled) → complete; paid or free
//   (invoiced) → processing; otherwise new / pending.
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { Row } from '../../store/schema.js';
import { MagentoError } from './errors.js';
import { timestamp } from './products.js';
import { defineRoutes, param, queryOf, type MagentoContext } from './routes.js';
import { parseSearchCriteria, searchList, type Fields } from './search-criteria.js';
import { OrderAnswer, searchResult } from './schemas.js';

const ACL = 'Magento_Sales::sales';

export const orderNotFound = () => new MagentoError(404, "The entity that was requested doesn't exist. Verify the entity and try again.");

const STATE = sql<string>`(CASE WHEN o.status = 'cancelled' THEN 'canceled' WHEN o.fulfillment_status = 'fulfilled' THEN 'complete'
  WHEN o.payment_status IN ('paid', 'free') THEN 'processing' ELSE 'new' END)`;
const STATUS = sql<string>`(CASE WHEN o.status = 'cancelled' THEN 'canceled' WHEN o.fulfillment_status = 'fulfilled' THEN 'complete'
  WHEN o.payment_status IN ('paid', 'free') THEN 'processing' ELSE 'pending' END)`;

const ORDER_FIELDS: Fields = {
  entity_id: { sql: sql.ref('o.entity_id'), kind: 'number' }, increment_id: { sql: sql.ref('o.number'), kind: 'text' },
  state: { sql: STATE, kind: 'text' }, status: { sql: STATUS, kind: 'text' },
  created_at: { sql: sql.ref('o.created_at'), kind: 'date' }, updated_at: { sql: sql.ref('o.updated_at'), kind: 'date' },
};

export function ordersQuery(ctx: MagentoContext) {
  return ctx.db.kysely.selectFrom('orders as o').select(['o.id', 'o.entity_id', 'o.number', 'o.status as sr_status', 'o.created_at', 'o.updated_at'])
    .select([STATE.as('state'), STATUS.as('status')]).where('o.status', '<>', 'draft');
}

type OrderRow = Record<string, unknown> & { id: string };

async function withItems(ctx: MagentoContext, orders: readonly OrderRow[]) {
  const ids = orders.map((o) => o.id);
  const lines: Row<'line_items'>[] = ids.length === 0 ? [] : await ctx.db.kysely.selectFrom('line_items').selectAll().where('order_id', 'in', ids).orderBy('position').orderBy('item_id').execute();
  return orders.map((o) => {
    const items = lines.filter((l) => l.order_id === o.id).map((l) => ({
      item_id: l.item_id, order_id: o.entity_id, sku: l.sku_code, product_type: 'simple',
      qty_ordered: Number(l.quantity), qty_shipped: Number(l.shipped_quantity), qty_backordered: Number(l.backordered_quantity),
      qty_canceled: o.sr_status === 'cancelled' ? Number(l.quantity) - Number(l.shipped_quantity) : 0,
      created_at: timestamp(l.created_at), updated_at: timestamp(l.updated_at),
    }));
    return {
      entity_id: o.entity_id, increment_id: o.number, state: o.state, status: o.status, store_id: 1,
      created_at: timestamp(o.created_at as Date), updated_at: timestamp(o.updated_at as Date),
      total_item_count: items.length, total_qty_ordered: items.reduce((t, i) => t + i.qty_ordered, 0), items,
    };
  });
}

export const orderRoutes = defineRoutes([
  {
    method: 'GET', url: '/orders/:id', summary: 'Get an order by entity_id', acl: ACL, response: OrderAnswer, params: Type.Object({ id: Type.Integer() }),
    handler: async (ctx, request) => {
      const id = Number(param(request, 'id'));
      const row = Number.isInteger(id) && id > 0 && id < 2 ** 31 ? await ordersQuery(ctx).where('o.entity_id', '=', id).executeTakeFirst() : undefined;
      if (!row) throw orderNotFound();
      return (await withItems(ctx, [row]))[0];
    },
  },
  {
    method: 'GET', url: '/orders', summary: 'Find orders by searchCriteria (increment_id = order number, state, status, dates)', acl: ACL, response: searchResult(OrderAnswer),
    handler: async (ctx, request) => {
      const list = await searchList(ordersQuery(ctx), parseSearchCriteria(queryOf(request)), ORDER_FIELDS, ['entity_id'], (r) => r as OrderRow);
      return { ...list, items: await withItems(ctx, list.items) };
    },
  },
]);
