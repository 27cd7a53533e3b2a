// stock_items: on-hand quantity of one SKU at one location. Writes go through the stock
// flows, so every quantity change is a stock movement; `sku_code` (or the sku relationship)
// names the SKU.
import { Type } from 'typebox';
import { createStockItem, updateStockItem } from '../../flows/stock-items.js';
import { defineResource } from './define.js';
import { code, quantity } from './attribute-types.js';

export const stockItems = defineResource({
  type: 'stock_items',
  table: 'stock_items',
  idPrefix: 'si',
  attributes: {
    sku_code: { schema: code(), write: 'create', filter: true, sort: true },
    quantity: { schema: quantity(), quantity: true, filter: true, sort: true },
    status: { schema: Type.String({ enum: ['in_stock', 'out_of_stock'] }), filter: true, sort: true },
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
  update: async (api, id, { attributes: a }) => {
    await updateStockItem(api.flow, id, {
      ...(a.quantity !== undefined ? { quantity: a.quantity } : {}),
      ...(a.status ? { status: a.status } : {}),
      ...(a.reference !== undefined ? { reference: a.reference } : {}),
      ...(a.metadata ? { metadata: a.metadata } : {}),
    });
  },
});
