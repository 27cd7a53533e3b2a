// orders: created as drafts (with their market, optionally a shipping address and payment
// status), filled through line_items, then moved by triggers: _place runs the inventory
// model's strategy; _approve / _capture / _approve_and_capture / _cancel / _fulfill follow
// DOMAIN.md's lifecycle. A sales channel sees and creates only orders of its own market and
// may only _place them.
import { Type } from 'typebox';
import { notFound } from '../../domain/errors.js';
import { createOrder, type AddressInput } from '../../flows/orders/create.js';
import {
  approveAndCaptureOrder, approveOrder, cancelOrder, captureOrder, fulfillOrder,
} from '../../flows/orders/lifecycle.js';
import { placeOrder } from '../../flows/orders/place.js';
import { newId } from '../../store/ids.js';
import { inTransaction } from '../../store/transaction.js';
import { ApiError } from '../errors.js';
import { defineResource, type ApiContext } from './define.js';
import { nullable } from './attribute-types.js';

const PAYMENT = ['unpaid', 'authorized', 'paid', 'free'] as const;
const timestamp = () => ({ schema: nullable(Type.String()), write: false as const, filter: true, sort: true });

const adminOnly = (run: (api: ApiContext, id: string) => Promise<unknown>) => async (api: ApiContext, id: string) => {
  if (api.auth.kind !== 'integration') throw new ApiError('FORBIDDEN', 'a sales channel may only place orders');
  await run(api, id);
};

// Payment is the merchant's business: a storefront marking its own orders paid would let them ship.
const paymentByShop = () => new ApiError('FORBIDDEN', 'a sales channel may not set payment_status', { pointer: '/data/attributes/payment_status' });

export const orders = defineResource({
  type: 'orders',
  table: 'orders',
  idPrefix: 'ord',
  attributes: {
    number: { schema: Type.String(), write: false, filter: true, sort: true },
    status: { schema: Type.String(), write: false, filter: true, sort: true },
    payment_status: { schema: Type.String({ enum: [...PAYMENT] }), filter: true, sort: true },
    fulfillment_status: { schema: Type.String(), write: false, filter: true, sort: true },
    placed_at: timestamp(),
    approved_at: timestamp(),
    cancelled_at: timestamp(),
    fulfilled_at: timestamp(),
    reoptimize: { schema: Type.Boolean({ description: 'false: batch re-optimisation leaves this order alone (default true)' }), filter: true },
  },
  relationships: {
    market: { type: 'markets', toOne: 'market_id', required: true },
    shipping_address: { type: 'addresses', toOne: 'shipping_address_id' },
    line_items: { type: 'line_items', toMany: { foreignKey: 'order_id' } },
    shipments: { type: 'shipments', toMany: { foreignKey: 'order_id' } },
    stock_line_items: { type: 'stock_line_items', toMany: { foreignKey: 'order_id' } },
    stock_transfers: { type: 'stock_transfers', toMany: { foreignKey: 'order_id' } },
    stock_reservations: { type: 'stock_reservations', toMany: { foreignKey: 'order_id' } },
    returns: { type: 'returns', toMany: { foreignKey: 'order_id' } },
  },
  access: { salesChannel: 'write', scope: (auth, eb) => eb('orders.market_id', '=', auth.marketId ?? '') },
  create: async (api, { attributes: a, relationships: r }) => {
    const marketId = r.market ?? '';
    // A sales channel cannot even learn that another market exists.
    if (api.auth.kind === 'sales_channel' && marketId !== api.auth.marketId) throw notFound('market', marketId);
    if (api.auth.kind === 'sales_channel' && a.payment_status !== undefined) throw paymentByShop();
    const shippingAddress = r.shipping_address ? await addressCopy(api, r.shipping_address) : undefined;
    const order = await createOrder(api.flow, {
      marketId,
      ...(shippingAddress ? { shippingAddress } : {}),
      ...(a.payment_status ? { paymentStatus: a.payment_status as (typeof PAYMENT)[number] } : {}),
      ...(a.reference !== undefined ? { reference: a.reference } : {}),
      ...(a.reference_origin !== undefined ? { referenceOrigin: a.reference_origin } : {}),
      ...(a.metadata ? { metadata: a.metadata } : {}),
      ...(a.reoptimize !== undefined ? { reoptimize: a.reoptimize } : {}),
    });
    return order.id;
  },
  update: async (api, id, { attributes: a, relationships: r }) => {
    if (api.auth.kind === 'sales_channel' && a.payment_status !== undefined) throw paymentByShop();
    if (r.market !== undefined) throw new ApiError('FORBIDDEN', 'an order cannot move to another market', { pointer: '/data/relationships/market' });
    // Like on create, the order keeps its own copy: editing the shared address later must not move the order.
    const copy = r.shipping_address ? await addressCopy(api, r.shipping_address) : undefined; // 404 when unknown
    await inTransaction(api.flow.db, async (trx) => {
      let addressId: string | null | undefined = r.shipping_address === null ? null : undefined;
      if (copy) {
        addressId = newId('adr');
        await trx.insertInto('addresses').values({ id: addressId, ...copy, metadata: '{}' }).execute();
      }
      await trx.updateTable('orders').set({
        ...(a.payment_status !== undefined ? { payment_status: a.payment_status as (typeof PAYMENT)[number] } : {}),
        ...(addressId !== undefined ? { shipping_address_id: addressId } : {}),
        ...(a.reference !== undefined ? { reference: a.reference } : {}),
        ...(a.reference_origin !== undefined ? { reference_origin: a.reference_origin } : {}),
        ...(a.metadata ? { metadata: JSON.stringify(a.metadata) } : {}),
        ...(a.reoptimize !== undefined ? { reoptimize: a.reoptimize } : {}),
        updated_at: api.flow.now(),
      }).where('id', '=', id).execute();
    });
  },
  delete: false,
  triggersFindTheirRecord: ['_place'],
  triggers: {
    // The placement finds the order itself, under its lock, in the caller's market.
    _place: async (api, id) => (await placeOrder(api.flow, id, api.auth.kind === 'sales_channel' ? { marketId: api.auth.marketId ?? '' } : {})).order,
    _approve: adminOnly((api, id) => approveOrder(api.flow, id)),
    _approve_and_capture: adminOnly((api, id) => approveAndCaptureOrder(api.flow, id)),
    _capture: adminOnly((api, id) => captureOrder(api.flow, id)),
    _cancel: adminOnly((api, id) => cancelOrder(api.flow, id)),
    _fulfill: adminOnly((api, id) => fulfillOrder(api.flow, id)),
  },
});

/** The fields of an existing address, for the order's own copy (orders keep the address they were placed with). */
async function addressCopy(api: ApiContext, addressId: string): Promise<AddressInput> {
  const row = await api.flow.db.kysely.selectFrom('addresses')
    .select(['line_1', 'city', 'zip_code', 'state_code', 'country_code', 'lat', 'lng'])
    .where('id', '=', addressId).executeTakeFirst();
  if (!row) throw notFound('address', addressId);
  return row;
}
