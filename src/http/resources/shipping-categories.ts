// shipping_categories: what ships together; one shipment per category and location.
import { defineResource } from './define.js';
import { code, name } from './attribute-types.js';

export const shippingCategories = defineResource({
  type: 'shipping_categories',
  table: 'shipping_categories',
  idPrefix: 'shc',
  attributes: {
    code: { schema: code(), required: true, filter: true, sort: true },
    name: { schema: name(), required: true, filter: true, sort: true },
  },
  relationships: {
    skus: { type: 'skus', toMany: { foreignKey: 'shipping_category_id' } },
  },
  access: { salesChannel: 'read' },
});
