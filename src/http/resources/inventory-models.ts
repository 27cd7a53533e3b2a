// inventory_models: an ordered set of stock locations, a strategy (the five Commerce Layer
// ones, from the strategy registry) and cutoffs.
import { Type } from 'typebox';
import { strategyNames } from '../../domain/strategies/index.js';
import { defineResource } from './define.js';
import { name, nullable } from './attribute-types.js';
import { reoptimiseModel } from '../../flows/reoptimise.js';
import { ApiError } from '../errors.js';
import type { ApiContext } from './define.js';

/** A batch re-optimisation run (admin integrations); the run is read at reoptimization_runs. */
async function reoptimiseBy(api: ApiContext, id: string, dryRun: boolean): Promise<void> {
  if (api.auth.kind !== 'integration' || api.auth.role !== 'admin') throw new ApiError('FORBIDDEN', 'only an admin integration may re-optimise orders');
  await reoptimiseModel(api.flow, { modelId: id, trigger: 'api', ...(dryRun ? { dryRun: true } : {}) });
}

/** The algorithms order placement can route with (inventory_models.routing_algorithm). */
export const ROUTING_ALGORITHMS = ['priority', 'distance', 'fewest_shipments'] as const;

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
    routing_algorithm: { schema: Type.String({ enum: [...ROUTING_ALGORITHMS], description: `how _place routes orders: one of ${ROUTING_ALGORITHMS.join(', ')}` }), filter: true },
    reoptimize_every_s: {
      schema: nullable(Type.Integer({ minimum: 10, maximum: 86_400, description: 'seconds between batch re-optimisation runs by the server; null (default) = never' })),
      filter: true,
    },
    routing_time_budget_ms: { schema: Type.Integer({ minimum: 1, maximum: 10_000, description: 'milliseconds the fewest_shipments search may take per order (default 25)' }), filter: true },
  },
  relationships: {
    inventory_stock_locations: { type: 'inventory_stock_locations', toMany: { foreignKey: 'inventory_model_id' } },
    inventory_return_locations: { type: 'inventory_return_locations', toMany: { foreignKey: 'inventory_model_id' } },
    markets: { type: 'markets', toMany: { foreignKey: 'inventory_model_id' } },
    reoptimization_runs: { type: 'reoptimization_runs', toMany: { foreignKey: 'inventory_model_id' } },
  },
  triggers: {
    _reoptimize: (api, id) => reoptimiseBy(api, id, false),
    _reoptimize_dry_run: (api, id) => reoptimiseBy(api, id, true),
  },
  access: {
    salesChannel: 'read',
    scope: (auth, eb) => eb('inventory_models.id', 'in', eb.selectFrom('markets').select('markets.inventory_model_id').where('markets.id', '=', auth.marketId ?? '')),
  },
});
