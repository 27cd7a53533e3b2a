// Inventory models and their locations (priority 1 = primary; on-hold flag).
import { getAll, getDoc, trigger, update } from './client.js';
import { Included, type Resource } from './jsonapi.js';
import type { InventoryModelAttrs, InventoryStockLocationAttrs, LocationAttrs } from './types.js';

export { STRATEGY_NAMES } from '../../../src/domain/routing.js';

export interface ModelRow {
  readonly link: Resource<InventoryStockLocationAttrs>;
  readonly location: Resource<LocationAttrs> | undefined;
}

export async function fetchModel(id: string): Promise<{ model: Resource<InventoryModelAttrs>; rows: ModelRow[] }> {
  const [model, links] = await Promise.all([
    getDoc<Resource<InventoryModelAttrs>>(`inventory_models/${id}`),
    getAll<InventoryStockLocationAttrs>('inventory_stock_locations', {
      'filter[q][inventory_model_id_eq]': id,
      include: 'stock_location',
      sort: 'priority',
    }),
  ]);
  const included = new Included(links.included);
  const rows = links.data
    .map((link) => ({ link, location: included.one<LocationAttrs>(link, 'stock_location') }))
    .sort((a, b) => a.link.attributes.priority - b.link.attributes.priority);
  return { model: model.data, rows };
}

/** Swaps the priorities of two locations of a model (moving one up or down). */
export async function swapPriorities(a: ModelRow, b: ModelRow): Promise<void> {
  const pa = a.link.attributes.priority;
  const pb = b.link.attributes.priority;
  await update('inventory_stock_locations', a.link.id, { attributes: { priority: pb } });
  await update('inventory_stock_locations', b.link.id, { attributes: { priority: pa } });
}

export function setOnHold(row: ModelRow, onHold: boolean) {
  return update('inventory_stock_locations', row.link.id, { attributes: { on_hold: onHold } });
}

export function saveModel(id: string, attributes: Partial<InventoryModelAttrs>) {
  return update<InventoryModelAttrs>('inventory_models', id, { attributes });
}

export interface ReoptimizationRunAttrs {
  status: 'completed' | 'dry_run' | 'unsupported';
  trigger: string;
  orders_considered: number;
  orders_skipped: number;
  orders_changed: number;
  shipments_before: number;
  shipments_baseline: number;
  shipments_after: number;
  km_before: number;
  km_after: number;
  elapsed_ms: number;
  message: string | null;
  created_at: string;
  changed_orders: { order_id: string; number: string; shipments_before: number; shipments_after: number; km_before: number; km_after: number }[];
}

/** The model's last batch re-optimisation runs, newest first. */
export async function fetchRuns(modelId: string): Promise<Resource<ReoptimizationRunAttrs>[]> {
  const doc = await getDoc<Resource<ReoptimizationRunAttrs>[]>(`inventory_models/${modelId}/reoptimization_runs`, { sort: '-created_at', 'page[size]': 5 });
  return doc.data;
}

/** Runs a batch re-optimisation of the model (`_reoptimize`), or only previews it (`_reoptimize_dry_run`). */
export function reoptimize(modelId: string, dryRun: boolean) {
  return trigger<InventoryModelAttrs>('inventory_models', modelId, dryRun ? 'reoptimize_dry_run' : 'reoptimize');
}
