// stock_items: on-hand quantity of one SKU at one location. Writes go through the stock
// flows, so every quantity change is a stock movement; `sku_code` (or the sku relationship)
// names the SKU. A PATCH changes on-hand by `delta` (race-free) or counts it (`quantity`,
// compared with `expected_quantity` when given), with a `reason`; GET sends an ETag for If-Match.
import { Type } from 'typebox';
import { MANUAL_REASONS } from '../../domain/ledger/stock-change.js';
import { createStockItem, updateStockItem } from '../../flows/stock-items.js';
import { defineResource } from './define.js';
import { code, quantity } from './attribute-types.js';
import { stockItemEtag } from './stock-item-etag.js';

export const stockItems = defineResource({
  type: 'stock_items',
  table: 'stock_items',
  idPrefix: 'si',
  attributes: {
    sku_code: { schema: code(), write: 'create', filter: true, sort: true },
    quantity: { schema: quantity(), quantity: true, filter: true, sort: true },
    status: { schema: Type.String({ enum: ['in_stock', 'out_of_stock'] }), filter: true, sort: true },
    delta: {
      schema: Type.Number({ description: 'signed change of on-hand, applied atomically (exclusive with quantity)' }),
      write: 'update', hidden: true, quantity: true,
    },
    expected_quantity: {
      schema: quantity({ description: 'with quantity: the on-hand last seen; a different on-hand is refused (409 STALE_QUANTITY)' }),
      write: 'update', hidden: true, quantity: true,
    },
    reason: {
      schema: Type.String({ enum: [...MANUAL_REASONS], description: 'recorded on the stock movement; adjustment by default' }),
      write: 'update', hidden: true,
    },
  },
  relationships: {
    stock_location: { type: 'stock_locations', toOne: 'stock_location_id', required: true },
    sku: { type: 'skus', toOne: 'sku_id' },
    reserved_stock: { type: 'reserved_stocks', toOne: 'id', write: false },
    stock_reservations: { type: 'stock_reservations', toMany: { foreignKey: 'stock_item_id' } },
    stock_movements: { type: 'stock_movements', toMany: { foreignKey: 'stock_item_id' } },
  },
  create: async (api, { attributes: a, relationships: r }) => {
    const item = await createStockItem(api.flow, {
      ...(r.sku ? { skuId: r.sku } : {}),
      ...(a.sku_code ? { skuCode: a.sku_code } : {}),
      ...(r.stock_location ? { stockLocationId: r.stock_location } : {}),
      ...(a.quantity !== undefined ? { quantity: a.quantity } : {}),
      ...(a.status ? { status: a.status } : {}),
      ...(a.reference !== undefined ? { reference: a.reference } : {}),
      ...(a.metadata ? { metadata: a.metadata } : {}),
    });
    return item.id;
  },
  etag: stockItemEtag,
  update: async (api, id, { attributes: a }) => {
    await updateStockItem(api.flow, id, {
      ...(a.quantity !== undefined ? { quantity: a.quantity } : {}),
      ...(a.delta !== undefined ? { delta: a.delta } : {}),
      ...(a.expected_quantity !== undefined ? { expectedQuantity: a.expected_quantity } : {}),
      ...(a.reason !== undefined ? { reason: a.reason } : {}),
      ...(a.status ? { status: a.status } : {}),
      ...(a.reference !== undefined ? { reference: a.reference } : {}),
      ...(a.metadata ? { metadata: a.metadata } : {}),
    });
  },
});
