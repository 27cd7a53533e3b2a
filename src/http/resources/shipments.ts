// shipments: what leaves one stock location for an order, created by placement or by a
// submitted source selection. Only triggers move them (DOMAIN.md's shipment lifecycle);
// illegal transitions are 422 naming the current status.
import { Type } from 'typebox';
import { validation } from '../../domain/errors.js';
import { triggerShipment } from '../../flows/shipments.js';
import { defineResource, type ApiContext } from './define.js';
import { nullable } from './attribute-types.js';
import { viaOrder } from './order-scope.js';

const timestamp = () => ({ schema: nullable(Type.String()), write: false as const, filter: true, sort: true });
const TRIGGERS = [
  '_upcoming', '_on_hold', '_picking', '_packing', '_ready_to_ship', '_ship', '_deliver', '_cancel',
  '_decrement_stock', '_release_stock',
] as const;

const run = (trigger: string) => async (api: ApiContext, id: string) => { await triggerShipment(api.flow, id, trigger); };

export const shipments = defineResource({
  type: 'shipments',
  table: 'shipments',
  idPrefix: 'shp',
  attributes: {
    number: { schema: Type.String(), write: false, filter: true, sort: true },
    status: { schema: Type.String(), write: false, filter: true, sort: true },
    stock_decremented: { schema: Type.Boolean(), write: false, filter: true },
    upcoming_at: timestamp(), on_hold_at: timestamp(), picking_at: timestamp(), packing_at: timestamp(),
    ready_to_ship_at: timestamp(), shipped_at: timestamp(), delivered_at: timestamp(), cancelled_at: timestamp(),
  },
  relationships: {
    order: { type: 'orders', toOne: 'order_id', write: false },
    stock_location: { type: 'stock_locations', toOne: 'stock_location_id', write: false },
    inventory_stock_location: { type: 'inventory_stock_locations', toOne: 'inventory_stock_location_id', write: false },
    shipping_category: { type: 'shipping_categories', toOne: 'shipping_category_id', write: false },
    source_selection: { type: 'source_selections', toOne: 'source_selection_id', write: false },
    stock_line_items: { type: 'stock_line_items', toMany: { foreignKey: 'shipment_id' } },
    stock_transfers: { type: 'stock_transfers', toMany: { foreignKey: 'shipment_id' } },
  },
  access: { salesChannel: 'read', scope: viaOrder('shipments') },
  create: async () => { throw createdByFlows('shipments'); },
  delete: false,
  // shipping_category as the code too (API.md lists it as an attribute), on single GET.
  show: async (api, row) => {
    if (!row.shipping_category_id) return { shipping_category: null };
    const c = await api.flow.db.kysely.selectFrom('shipping_categories').select('code')
      .where('id', '=', String(row.shipping_category_id)).executeTakeFirst();
    return { shipping_category: c?.code ?? null };
  },
  triggers: Object.fromEntries(TRIGGERS.map((t) => [t, run(t)])) as Record<(typeof TRIGGERS)[number], ReturnType<typeof run>>,
});

/** For resources only the flows create: POST answers 422 saying where they come from. */
export const createdByFlows = (type: string) =>
  validation('/data', `${type} are created by placing an order or submitting a source selection, not directly`);
