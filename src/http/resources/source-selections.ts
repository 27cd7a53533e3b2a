// source_selections: Magento's Source Selection Algorithm as a resource. Create one for an
// order (relationship `order`: its unshipped quantities) or as a dry run (attributes
// inventory_model_id, items [{ sku_code, quantity }], shipping_address), with an algorithm
// (priority, distance + distance_mode). PATCH `items` to edit the quantities to deduct
// (422 with a pointer at the offending line and location); PATCH `_submit: true` turns it
// into one shipment per location with stock deducted (relationship `shipments`).
// With fewest_shipments, read-only `optimality` says what the plan is worth ({status:
// proven | budget_exhausted, shipments, lower_bound}); null for the other algorithms.
import { Type } from 'typebox';
import { validation } from '../../domain/errors.js';
import { DISTANCE_MODES } from '../../domain/routing.js';
import { createSourceSelection, submitSourceSelection, updateSourceSelectionItems } from '../../flows/source-selections.js';
import { defineResource } from './define.js';
import { nullable } from './attribute-types.js';
import { updateCommonAttributes } from './common-attributes.js';
import { refuseOrderChange } from './order-scope.js';

const looseObject = () => Type.Object({}, { additionalProperties: true });

export const sourceSelections = defineResource({
  type: 'source_selections',
  table: 'source_selections',
  idPrefix: 'ss',
  attributes: {
    algorithm: { schema: Type.String({ minLength: 1 }), write: 'create', filter: true, sort: true },
    distance_mode: { schema: Type.String({ enum: [...DISTANCE_MODES] }), write: 'create', filter: true },
    inventory_model_id: { schema: Type.String({ minLength: 1 }), write: 'create', filter: true },
    shipping_address: { schema: nullable(looseObject()), write: 'create' },
    items: { schema: Type.Array(looseObject()) },
    algorithm_used: { schema: Type.String(), write: false, filter: true },
    fallback_reason: { schema: nullable(Type.String()), write: false },
    shippable: { schema: Type.Boolean(), write: false, filter: true },
    status: { schema: Type.String(), write: false, filter: true, sort: true },
    explanation: { schema: Type.Array(Type.String()), write: false },
    optimality: { schema: nullable(looseObject()), write: false },
    submitted_at: { schema: nullable(Type.String()), write: false, sort: true },
  },
  relationships: {
    order: { type: 'orders', toOne: 'order_id' },
    inventory_model: { type: 'inventory_models', toOne: 'inventory_model_id', write: false },
    shipments: { type: 'shipments', toMany: { foreignKey: 'source_selection_id' } },
  },
  create: async (api, { attributes: a, relationships: r }) => {
    const options = {
      ...(a.algorithm ? { algorithm: a.algorithm } : {}),
      ...(a.distance_mode ? { distanceMode: a.distance_mode } : {}),
    };
    if (r.order) return (await createSourceSelection(api.flow, { orderId: r.order, ...options })).id;
    if (!a.inventory_model_id) {
      throw validation('inventory_model_id', 'a source selection needs relationship order, or inventory_model_id and items for a dry run');
    }
    const items = (a.items ?? []).map((item) => {
      const { sku_code, quantity } = item as { sku_code?: unknown; quantity?: unknown };
      return { skuCode: String(sku_code ?? ''), quantity: quantity as number | string };
    });
    const selection = await createSourceSelection(api.flow, {
      inventoryModelId: a.inventory_model_id,
      items,
      ...(a.shipping_address ? { shippingAddress: a.shipping_address } : {}),
      ...options,
    });
    return selection.id;
  },
  update: async (api, id, { attributes: a, relationships: r }) => {
    await refuseOrderChange(api, 'source_selections', id, r.order);
    if (a.items !== undefined) await updateSourceSelectionItems(api.flow, id, a.items);
    await updateCommonAttributes(api, sourceSelections, id, a);
  },
  delete: false,
  triggers: {
    _submit: async (api, id) => { await submitSourceSelection(api.flow, id); },
  },
});
