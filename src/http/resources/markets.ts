// markets: what orders are sold through; each points at one inventory model. A sales channel
// sees only its own market.
import { defineResource } from './define.js';
import { code, name } from './attribute-types.js';

export const markets = defineResource({
  type: 'markets',
  table: 'markets',
  idPrefix: 'mkt',
  attributes: {
    code: { schema: code(), required: true, filter: true, sort: true },
    name: { schema: name(), required: true, filter: true, sort: true },
  },
  relationships: {
    inventory_model: { type: 'inventory_models', toOne: 'inventory_model_id', required: true },
    orders: { type: 'orders', toMany: { foreignKey: 'market_id' } },
  },
  access: { salesChannel: 'read', scope: (auth, eb) => eb('markets.id', '=', auth.marketId ?? '') },
});
