// reoptimization_runs (read-only): every batch re-optimisation run of an inventory model
// (flows/reoptimise.ts), started by `_reoptimize` / `_reoptimize_dry_run` on the model or by
// `stockroute reoptimize`: what it considered, changed and saved against the greedy baseline.
import { Type } from 'typebox';
import { defineResource } from './define.js';
import { nullable } from './attribute-types.js';

const changedOrder = Type.Object({
  order_id: Type.String(), number: Type.String(), shipments_before: Type.Integer(), shipments_after: Type.Integer(),
  km_before: Type.Number(), km_after: Type.Number(),
});

export const reoptimizationRuns = defineResource({
  type: 'reoptimization_runs',
  table: 'reoptimization_runs',
  idPrefix: 'rop',
  readOnly: true,
  attributes: {
    status: { schema: Type.String({ enum: ['completed', 'dry_run', 'unsupported'] }), filter: true, sort: true },
    trigger: { schema: Type.String({ enum: ['cli', 'api', 'schedule'] }), filter: true, sort: true },
    orders_considered: { schema: Type.Integer(), filter: true, sort: true },
    orders_skipped: { schema: Type.Integer({ description: 'orders that changed state (placed, approved, picked) before the run held their lock' }), filter: true },
    orders_changed: { schema: Type.Integer(), filter: true, sort: true },
    shipments_before: { schema: Type.Integer(), filter: true },
    shipments_after: { schema: Type.Integer(), filter: true },
    shipments_baseline: { schema: Type.Integer({ description: 'shipments of the order-by-order greedy re-plan (fewest_shipments in placement order)' }), filter: true },
    km_before: { schema: Type.Number({ description: 'Σ units × great-circle km' }), filter: true },
    km_after: { schema: Type.Number(), filter: true },
    km_baseline: { schema: Type.Number(), filter: true },
    search_moves: { schema: Type.Integer() },
    search_stopped: { schema: nullable(Type.String({ enum: ['converged', 'budget'] })), filter: true },
    elapsed_ms: { schema: Type.Number(), filter: true, sort: true },
    message: { schema: nullable(Type.String()) },
    changed_orders: { schema: Type.Array(changedOrder) },
  },
  relationships: {
    inventory_model: { type: 'inventory_models', toOne: 'inventory_model_id' },
  },
});
