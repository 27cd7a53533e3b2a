// inventory_models: an ordered set of stock locations, a strategy (the five Commerce Layer
// ones, from the strategy registry) and cutoffs.
import { Type } from 'typebox';
import { strategyNames } from '../../domain/strategies/index.js';
import { defineResource } from './define.js';
import { name } from './attribute-types.js';

export const inventoryModels = defineResource({
  type: 'inventory_models',
  table: 'inventory_models',
  idPrefix: 'im',
  attributes: {
    name: { schema: name(), required: true, filter: true, sort: true },
    strategy: { schema: Type.String({ enum: strategyNames(), description: `one of ${strategyNames().join(', ')}` }), filter: true, sort: true },
    stock_locations_cutoff: { schema: Type.Integer({ minimum: 1, maximum: 50 }), filter: true },
    stock_reservation_cutoff: { schema: Type.Integer({ minimum: 1 }), filter: true },
    put_stock_transfers_on_hold: { schema: Type.Boolean(), filter: true },
    manual_stock_decrement: { schema: Type.Boolean(), filter: true },
  },
  relationships: {
    inventory_stock_locations: { type: 'inventory_stock_locations', toMany: { foreignKey: 'inventory_model_id' } },
    inventory_return_locations: { type: 'inventory_return_locations', toMany: { foreignKey: 'inventory_model_id' } },
    markets: { type: 'markets', toMany: { foreignKey: 'inventory_model_id' } },
  },
  access: {
    salesChannel: 'read',
    scope: (auth, eb) => eb('inventory_models.id', 'in', eb.selectFrom('markets').select('markets.inventory_model_id').where('markets.id', '=', auth.marketId ?? '')),
  },
});
