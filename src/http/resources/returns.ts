// returns and return_line_items: shipped quantities coming back. Create a return for an order
// with its lines in one request (attribute return_line_items: [{ line_item_id, quantity }]),
// optionally naming where it restocks (relationship stock_location: a return location of the
// order's model; default its highest-priority enabled one), changeable until restocked;
// trigger _restock puts the quantities on hand there.
import { Type } from 'typebox';
import { validation } from '../../domain/errors.js';
import { changeReturnLocation, createReturn, restockReturn } from '../../flows/returns.js';
import { defineResource } from './define.js';
import { nullable } from './attribute-types.js';
import { updateCommonAttributes } from './common-attributes.js';
import { refuseOrderChange, viaOrder } from './order-scope.js';

const ReturnLine = Type.Object({
  line_item_id: Type.String({ minLength: 1 }),
  quantity: Type.Union([Type.Number({ exclusiveMinimum: 0 }), Type.String({ minLength: 1 })]),
}, { additionalProperties: false });

export const returns = defineResource({
  type: 'returns',
  table: 'returns',
  idPrefix: 'ret',
  attributes: {
    number: { schema: Type.String(), write: false, filter: true, sort: true },
    status: { schema: Type.String(), write: false, filter: true, sort: true },
    restocked_at: { schema: nullable(Type.String()), write: false, sort: true },
    return_line_items: { schema: Type.Array(ReturnLine, { minItems: 1 }), write: 'create', hidden: true },
  },
  relationships: {
    order: { type: 'orders', toOne: 'order_id', required: true },
    stock_location: { type: 'stock_locations', toOne: 'stock_location_id' },
    return_line_items: { type: 'return_line_items', toMany: { foreignKey: 'return_id' } },
  },
  access: { salesChannel: 'read', scope: viaOrder('returns') },
  create: async (api, { attributes: a, relationships: r }) => {
    if (!a.return_line_items) throw validation('return_line_items', 'a return needs return_line_items: [{ line_item_id, quantity }]');
    const lines = a.return_line_items.map((l) => ({ lineItemId: l.line_item_id, quantity: l.quantity }));
    return (await createReturn(api.flow, r.order ?? '', lines, { stockLocationId: r.stock_location ?? null })).id;
  },
  update: async (api, id, { attributes: a, relationships: r }) => {
    await refuseOrderChange(api, 'returns', id, r.order);
    if (r.stock_location !== undefined) await changeReturnLocation(api.flow, id, r.stock_location);
    await updateCommonAttributes(api, returns, id, a);
  },
  delete: false,
  triggers: {
    _restock: async (api, id) => { await restockReturn(api.flow, id); },
  },
});

export const returnLineItems = defineResource({
  type: 'return_line_items',
  table: 'return_line_items',
  idPrefix: 'rli',
  readOnly: true,
  attributes: {
    sku_code: { schema: Type.String(), filter: true, sort: true },
    quantity: { schema: Type.Number(), filter: true, sort: true },
    restocked_at: { schema: nullable(Type.String()), sort: true },
  },
  relationships: {
    return: { type: 'returns', toOne: 'return_id' },
    line_item: { type: 'line_items', toOne: 'line_item_id' },
  },
});
