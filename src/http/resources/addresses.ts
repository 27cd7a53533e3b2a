// addresses: postal addresses with optional coordinates (stock locations, shipping addresses).
// Sales channels may create them for their orders; they never see warehouse addresses or
// those of another market's orders.
import { Type } from 'typebox';
import { defineResource } from './define.js';
import { nullable, text } from './attribute-types.js';

export const addresses = defineResource({
  type: 'addresses',
  table: 'addresses',
  idPrefix: 'addr',
  attributes: {
    line_1: { schema: text(), filter: true },
    city: { schema: text(), filter: true, sort: true },
    zip_code: { schema: text(), filter: true, sort: true },
    state_code: { schema: text(), filter: true },
    country_code: { schema: nullable(Type.String({ minLength: 2, maxLength: 2 })), filter: true, sort: true },
    lat: { schema: nullable(Type.Number({ minimum: -90, maximum: 90 })), filter: true },
    lng: { schema: nullable(Type.Number({ minimum: -180, maximum: 180 })), filter: true },
  },
  relationships: {
    stock_locations: { type: 'stock_locations', toMany: { foreignKey: 'address_id' } },
  },
  access: {
    salesChannel: 'write',
    // Never a warehouse's address, nor one used by another market's order.
    scope: (auth, eb) => eb.and([
      eb('addresses.id', 'not in', eb.selectFrom('orders').select('orders.shipping_address_id')
        .where('orders.market_id', '<>', auth.marketId ?? '').where('orders.shipping_address_id', 'is not', null)),
      eb('addresses.id', 'not in', eb.selectFrom('stock_locations').select('stock_locations.address_id').where('stock_locations.address_id', 'is not', null)),
    ]),
  },
});
