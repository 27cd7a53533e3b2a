// Read-only views of the stock ledger: reserved_stocks (a stock item's running reserved
// quantity, same id as the stock item), stock_reservations and stock_movements.
import { Type } from 'typebox';
import { MOVEMENT_REASONS } from '../../store/stock-ledger.js';
import { defineResource } from './define.js';
import { nullable } from './attribute-types.js';

export const reservedStocks = defineResource({
  type: 'reserved_stocks',
  table: 'stock_items',
  idPrefix: 'si',
  readOnly: true,
  attributes: {
    quantity: { schema: Type.Number(), column: 'reserved_quantity', filter: true, sort: true },
    sku_code: { schema: Type.String(), filter: true, sort: true },
  },
  relationships: {
    stock_item: { type: 'stock_items', toOne: 'id' },
    sku: { type: 'skus', toOne: 'sku_id' },
    stock_reservations: { type: 'stock_reservations', toMany: { foreignKey: 'stock_item_id' } },
  },
});

export const stockReservations = defineResource({
  type: 'stock_reservations',
  table: 'stock_reservations',
  idPrefix: 'res',
  readOnly: true,
  attributes: {
    status: { schema: Type.String(), filter: true, sort: true },
    quantity: { schema: Type.Number(), filter: true, sort: true },
    expires_at: { schema: nullable(Type.String()), filter: true, sort: true },
  },
  relationships: {
    stock_item: { type: 'stock_items', toOne: 'stock_item_id' },
    reserved_stock: { type: 'reserved_stocks', toOne: 'stock_item_id' },
    order: { type: 'orders', toOne: 'order_id' },
    line_item: { type: 'line_items', toOne: 'line_item_id' },
  },
});

export const stockMovements = defineResource({
  type: 'stock_movements',
  table: 'stock_movements',
  idPrefix: 'mov',
  readOnly: true,
  attributes: {
    sku_code: { schema: Type.String(), filter: true, sort: true },
    delta: { schema: Type.Number(), filter: true, sort: true },
    reason: { schema: Type.String({ enum: [...MOVEMENT_REASONS] }), filter: true, sort: true },
    quantity_after: { schema: Type.Number(), filter: true },
    seq: { schema: Type.Integer(), filter: true, sort: true },
  },
  relationships: {
    stock_item: { type: 'stock_items', toOne: 'stock_item_id' },
    stock_location: { type: 'stock_locations', toOne: 'stock_location_id' },
    order: { type: 'orders', toOne: 'order_id' },
    shipment: { type: 'shipments', toOne: 'shipment_id' },
    stock_transfer: { type: 'stock_transfers', toOne: 'stock_transfer_id' },
    return: { type: 'returns', toOne: 'return_id' },
  },
});
