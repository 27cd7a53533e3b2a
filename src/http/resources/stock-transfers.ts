// stock_transfers: a SKU quantity moving between two locations, planned by the
// ship_from_primary strategies (origin reserved at placement). Triggers follow DOMAIN.md's
// transfer lifecycle; _complete decrements the origin and increments the destination.
import { Type } from 'typebox';
import { triggerTransfer } from '../../flows/transfers.js';
import { defineResource, type ApiContext } from './define.js';
import { nullable } from './attribute-types.js';
import { viaOrder } from './order-scope.js';
import { createdByFlows } from './shipments.js';

const timestamp = () => ({ schema: nullable(Type.String()), write: false as const, filter: true, sort: true });
const TRIGGERS = ['_upcoming', '_on_hold', '_picking', '_in_transit', '_complete', '_cancel'] as const;
const run = (trigger: string) => async (api: ApiContext, id: string) => { await triggerTransfer(api.flow, id, trigger); };

export const stockTransfers = defineResource({
  type: 'stock_transfers',
  table: 'stock_transfers',
  idPrefix: 'str',
  attributes: {
    number: { schema: Type.String(), write: false, filter: true, sort: true },
    sku_code: { schema: Type.String(), write: false, filter: true, sort: true },
    quantity: { schema: Type.Number(), write: false, filter: true, sort: true },
    status: { schema: Type.String(), write: false, filter: true, sort: true },
    upcoming_at: timestamp(), on_hold_at: timestamp(), picking_at: timestamp(), in_transit_at: timestamp(),
    completed_at: timestamp(), cancelled_at: timestamp(),
  },
  relationships: {
    sku: { type: 'skus', toOne: 'sku_id', write: false },
    origin_stock_location: { type: 'stock_locations', toOne: 'origin_stock_location_id', write: false },
    destination_stock_location: { type: 'stock_locations', toOne: 'destination_stock_location_id', write: false },
    order: { type: 'orders', toOne: 'order_id', write: false },
    shipment: { type: 'shipments', toOne: 'shipment_id', write: false },
    line_item: { type: 'line_items', toOne: 'line_item_id', write: false },
    stock_reservation: { type: 'stock_reservations', toOne: 'stock_reservation_id', write: false },
  },
  access: { salesChannel: 'read', scope: viaOrder('stock_transfers') },
  create: async () => { throw createdByFlows('stock_transfers'); },
  delete: false,
  triggers: Object.fromEntries(TRIGGERS.map((t) => [t, run(t)])) as Record<(typeof TRIGGERS)[number], ReturnType<typeof run>>,
});
