// Inventory models and their locations (priority 1 = primary; on-hold flag).
import { getAll, getDoc, update } from './client.js';
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
