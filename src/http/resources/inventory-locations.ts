// inventory_stock_locations and inventory_return_locations: the locations of an inventory
// model with their priority (1 = primary); stock locations may be put on hold.
import { Type } from 'typebox';
import { defineResource } from './define.js';
import { priority } from './attribute-types.js';

const modelAndLocation = {
  inventory_model: { type: 'inventory_models', toOne: 'inventory_model_id', required: true },
  stock_location: { type: 'stock_locations', toOne: 'stock_location_id', required: true },
} as const;

export const inventoryStockLocations = defineResource({
  type: 'inventory_stock_locations',
  table: 'inventory_stock_locations',
  idPrefix: 'isl',
  attributes: {
    priority: { schema: priority(), required: true, filter: true, sort: true },
    on_hold: { schema: Type.Boolean(), filter: true },
  },
  relationships: modelAndLocation,
});

export const inventoryReturnLocations = defineResource({
  type: 'inventory_return_locations',
  table: 'inventory_return_locations',
  idPrefix: 'irl',
  attributes: {
    priority: { schema: priority(), required: true, filter: true, sort: true },
  },
  relationships: modelAndLocation,
});
