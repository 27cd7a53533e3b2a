// stock_line_items (read-only): the quantity of a SKU served from one location for one order
// line, in a shipment (or in none for do_not_ship SKUs).
import { Type } from 'typebox';
import { defineResource } from './define.js';
import { viaOrder } from './order-scope.js';

export const stockLineItems = defineResource({
  type: 'stock_line_items',
  table: 'stock_line_items',
  idPrefix: 'sli',
  readOnly: true,
  attributes: {
    sku_code: { schema: Type.String(), filter: true, sort: true },
    quantity: { schema: Type.Number(), filter: true, sort: true },
    decremented: { schema: Type.Boolean(), filter: true },
  },
  relationships: {
    order: { type: 'orders', toOne: 'order_id' },
    shipment: { type: 'shipments', toOne: 'shipment_id' },
    line_item: { type: 'line_items', toOne: 'line_item_id' },
    stock_location: { type: 'stock_locations', toOne: 'stock_location_id' },
    stock_item: { type: 'stock_items', toOne: 'stock_item_id' },
    stock_reservation: { type: 'stock_reservations', toOne: 'stock_reservation_id' },
    stock_transfer: { type: 'stock_transfers', toOne: 'stock_transfer_id' },
  },
  access: { salesChannel: 'read', scope: viaOrder('stock_line_items') },
});
