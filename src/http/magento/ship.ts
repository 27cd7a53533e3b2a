// POST /V1/order/{orderId}/ship: Magento's ShipOrder with a source (MSI), through the same
// flow as a submitted source selection, in one transaction:
// 1. propose a selection for the order (its own reservations count as available to it);
// 2. set Qty to Deduct to the requested quantity of each item at `source_code` (0 elsewhere;
//    no items = everything still unshipped) and submit it: stock is deducted there, the
//    order's reservations move there, the rest stays open and reserved;
// 3. the shipment leaves at once (Magento's shipment is the goods going out): shipped
//    quantities grow, and the order is complete when everything has shipped.
// Answers the new shipment's integer id. Without a source_code: the stock's only enabled
// source, else the source `default`.
import { Type } from 'typebox';
import { isReadyToShip } from '../../domain/lifecycle/order-machine.js';
import type { SelectionItem } from '../../domain/ledger/selection-items.js';
import { triggerShipment } from '../../flows/shipments.js';
import { createSourceSelection, submitSourceSelection, updateSourceSelectionItems } from '../../flows/source-selections.js';
import { inTransaction, joinTransaction, type Trx } from '../../store/transaction.js';
import { DEFAULT_SOURCE_CODE } from './default-stock.js';
import { MagentoError } from './errors.js';
import { isRecord, number, text } from './input.js';
import { orderNotFound } from './orders.js';
import { defineRoutes, param, type MagentoContext } from './routes.js';

const NOT_ALLOWED = 'The order does not allow a shipment to be created.';

function requestOf(body: unknown) {
  const b = isRecord(body) ? body : {};
  const items = Array.isArray(b.items) ? b.items.filter(isRecord).map((i) => ({ itemId: number(i, 'order_item_id', 'int'), qty: number(i, 'qty') })) : [];
  const args = isRecord(b.arguments) && isRecord(b.arguments.extension_attributes) ? b.arguments.extension_attributes : {};
  return { items, sourceCode: text(args, 'source_code') };
}

async function defaultSource(trx: Trx, orderId: string): Promise<string> {
  const enabled = await trx.selectFrom('orders as o').innerJoin('markets as k', 'k.id', 'o.market_id')
    .innerJoin('inventory_stock_locations as isl', 'isl.inventory_model_id', 'k.inventory_model_id').innerJoin('stock_locations as sl', 'sl.id', 'isl.stock_location_id')
    .select('sl.code').where('o.id', '=', orderId).where('sl.enabled', '=', true).execute();
  return enabled.length === 1 && enabled[0] ? enabled[0].code : DEFAULT_SOURCE_CODE;
}

async function ship(ctx: MagentoContext, entityId: number, body: unknown): Promise<number> {
  const { items, sourceCode } = requestOf(body);
  return inTransaction(ctx.db, async (trx) => {
    const flow = { ...ctx.flow, db: joinTransaction(ctx.db, trx) };
    const order = Number.isInteger(entityId) && entityId > 0 && entityId < 2 ** 31
      ? await trx.selectFrom('orders').selectAll().where('entity_id', '=', entityId).where('status', '<>', 'draft').forUpdate().executeTakeFirst() : undefined;
    if (!order) throw orderNotFound();
    if (!isReadyToShip({ status: order.status, paymentStatus: order.payment_status })) throw new MagentoError(400, NOT_ALLOWED);
    const source = sourceCode ?? await defaultSource(trx, order.id);
    const lines = await trx.selectFrom('line_items').select(['id', 'item_id']).where('order_id', '=', order.id).execute();
    const wanted = new Map<string, number>();
    for (const item of items) {
      const line = lines.find((l) => l.item_id === item.itemId);
      if (!line || item.qty === undefined) throw new MagentoError(400, 'The shipment item %1 is not an item of this order.', [String(item.itemId)]);
      wanted.set(line.id, (wanted.get(line.id) ?? 0) + item.qty);
    }
    const selection = await createSourceSelection(flow, { orderId: order.id, algorithm: 'priority' });
    const proposal = selection.items as SelectionItem[];
    for (const lineId of wanted.keys()) if (!proposal.some((p) => p.line_item_id === lineId)) throw new MagentoError(400, NOT_ALLOWED);
    const edit = proposal.map((p) => {
      const want = items.length === 0 ? p.quantity : (wanted.get(p.line_item_id ?? '') ?? 0);
      if (want > 0 && !p.sources.some((s) => s.stock_location_code === source)) throw new MagentoError(400, 'Source "%1" does not hold "%2" for this order.', [source, p.sku_code]);
      return { sources: p.sources.map((s) => ({ stock_location_code: s.stock_location_code, quantity_to_deduct: s.stock_location_code === source ? want : 0 })) };
    });
    if (edit.every((e) => e.sources.every((s) => s.quantity_to_deduct === 0))) throw new MagentoError(400, "You can't create a shipment without products.");
    await updateSourceSelectionItems(flow, selection.id, edit);
    const { shipments } = await submitSourceSelection(flow, selection.id);
    const [shipment] = shipments;
    if (!shipment) throw new MagentoError(400, "You can't create a shipment without products.");
    for (const trigger of ['_picking', '_packing', '_ready_to_ship', '_ship']) await triggerShipment(flow, shipment.id, trigger);
    return shipment.entity_id;
  });
}

export const shipRoutes = defineRoutes([
  {
    method: 'POST', url: '/order/:orderId/ship', summary: 'Ship order items from a source (arguments.extension_attributes.source_code); answers the shipment id', acl: 'Magento_Sales::ship',
    response: Type.Integer({ description: 'the new shipment\'s entity_id' }),
    params: Type.Object({ orderId: Type.Integer() }),
    body: Type.Object({
      items: Type.Optional(Type.Array(Type.Object({ order_item_id: Type.Integer(), qty: Type.Number() }))),
      notify: Type.Optional(Type.Boolean()), appendComment: Type.Optional(Type.Boolean()),
      arguments: Type.Optional(Type.Object({ extension_attributes: Type.Optional(Type.Object({ source_code: Type.Optional(Type.String()) })) })),
    }, { additionalProperties: true }),
    handler: async (ctx, request) => ship(ctx, Number(param(request, 'orderId')), request.body),
  },
]);
