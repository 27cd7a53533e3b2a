// line_items: what a draft order asks for (a SKU code and a quantity, checked against the
// SKU's sale rules). backordered_quantity and shipped_quantity are kept by the flows.
// Trigger _reserve_stock holds stock for the cart line with a draft reservation that
// expires after the model's stock_reservation_cutoff.
import { Type } from 'typebox';
import { notFound } from '../../domain/errors.js';
import { addLineItem, removeLineItem, updateLineItem } from '../../flows/orders/create.js';
import { reserveLineItemStock } from '../../flows/orders/drafts.js';
import { defineResource, type ApiContext } from './define.js';
import { code } from './attribute-types.js';
import { updateCommonAttributes } from './common-attributes.js';
import { refuseOrderChange, viaOrder } from './order-scope.js';

export const lineItems = defineResource({
  type: 'line_items',
  table: 'line_items',
  idPrefix: 'li',
  attributes: {
    sku_code: { schema: code(), required: true, write: 'create', filter: true, sort: true },
    quantity: { schema: Type.Number({ exclusiveMinimum: 0 }), quantity: true, required: true, filter: true, sort: true },
    backordered_quantity: { schema: Type.Number(), write: false, filter: true, sort: true },
    shipped_quantity: { schema: Type.Number(), write: false, filter: true, sort: true },
    position: { schema: Type.Integer(), write: false, sort: true },
  },
  relationships: {
    order: { type: 'orders', toOne: 'order_id', required: true },
    sku: { type: 'skus', toOne: 'sku_id', write: false },
    stock_line_items: { type: 'stock_line_items', toMany: { foreignKey: 'line_item_id' } },
    stock_reservations: { type: 'stock_reservations', toMany: { foreignKey: 'line_item_id' } },
    stock_transfers: { type: 'stock_transfers', toMany: { foreignKey: 'line_item_id' } },
  },
  access: { salesChannel: 'write', scope: viaOrder('line_items') },
  create: async (api, { attributes: a, relationships: r }) => {
    const orderId = r.order ?? '';
    await requireVisibleOrder(api, orderId);
    const line = await addLineItem(api.flow, orderId, { skuCode: a.sku_code ?? '', quantity: a.quantity ?? 0 });
    return line.id;
  },
  update: async (api, id, { attributes: a, relationships: r }) => {
    await refuseOrderChange(api, 'line_items', id, r.order);
    if (a.quantity !== undefined) await updateLineItem(api.flow, id, { quantity: a.quantity });
    await updateCommonAttributes(api, lineItems, id, a);
  },
  delete: (api, id) => removeLineItem(api.flow, id),
  triggers: {
    _reserve_stock: async (api, id) => { await reserveLineItemStock(api.flow, id); },
  },
});

async function requireVisibleOrder(api: ApiContext, orderId: string): Promise<void> {
  let q = api.flow.db.kysely.selectFrom('orders').select('id').where('id', '=', orderId);
  if (api.auth.kind === 'sales_channel') q = q.where('market_id', '=', api.auth.marketId ?? '');
  if (!(await q.executeTakeFirst())) throw notFound('order', orderId);
}
