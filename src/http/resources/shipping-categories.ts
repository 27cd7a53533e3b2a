// shipping_categories: what ships together; one shipment per category and location. As in
// Commerce Layer, `code` may be left out: it is then made from the name ("Bulky goods" →
// "bulky-goods").
import { defineResource } from './define.js';
import { code, name } from './attribute-types.js';
import { defaultCreate } from './write.js';

const slug = (text: string) => text.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'category';

export const shippingCategories = defineResource({
  type: 'shipping_categories',
  table: 'shipping_categories',
  idPrefix: 'shc',
  attributes: {
    code: { schema: code(), filter: true, sort: true },
    name: { schema: name(), required: true, filter: true, sort: true },
  },
  relationships: {
    skus: { type: 'skus', toMany: { foreignKey: 'shipping_category_id' } },
  },
  access: { salesChannel: 'read' },
  create: async (api, input): Promise<string> =>
    defaultCreate(api, shippingCategories, { ...input, attributes: { ...input.attributes, code: input.attributes.code ?? slug(input.attributes.name ?? '') } }),
});
