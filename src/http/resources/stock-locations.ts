// stock_locations: physical places holding stock (Magento sources), with an address.
import { Type } from 'typebox';
import { defineResource } from './define.js';
import { code, name } from './attribute-types.js';

export const stockLocations = defineResource({
  type: 'stock_locations',
  table: 'stock_locations',
  idPrefix: 'sl',
  attributes: {
    code: { schema: code(), required: true, filter: true, sort: true },
    name: { schema: name(), required: true, filter: true, sort: true },
    enabled: { schema: Type.Boolean(), filter: true, sort: true },
    label_format: { schema: Type.String({ minLength: 1, maxLength: 16 }), filter: true },
  },
  relationships: {
    address: { type: 'addresses', toOne: 'address_id' },
    stock_items: { type: 'stock_items', toMany: { foreignKey: 'stock_location_id' } },
    inventory_stock_locations: { type: 'inventory_stock_locations', toMany: { foreignKey: 'stock_location_id' } },
    inventory_return_locations: { type: 'inventory_return_locations', toMany: { foreignKey: 'stock_location_id' } },
  },
});
