// Where a return restocks (Commerce Layer's inventory return locations): a location the
// return names must be one of the return locations of the order's inventory model; without
// one, the highest-priority return location (priority 1 first, then code) whose stock
// location is enabled. Errors point at the return's `stock_location` relationship.
import { fail, validation } from '../domain/errors.js';
import type { Row } from '../store/schema.js';
import type { Trx } from '../store/transaction.js';

export const RETURN_LOCATION_FIELD = '/data/relationships/stock_location';

type Model = Pick<Row<'inventory_models'>, 'id' | 'name'>;

/** The stock location id a return restocks at; null when the model has no enabled return location. */
export async function returnLocationFor(trx: Trx, model: Model, requested: string | null): Promise<string | null> {
  const rows = await trx.selectFrom('inventory_return_locations as irl').innerJoin('stock_locations as sl', 'sl.id', 'irl.stock_location_id')
    .select(['sl.id', 'sl.code', 'sl.enabled']).where('irl.inventory_model_id', '=', model.id)
    .orderBy('irl.priority').orderBy('sl.code').execute();
  if (requested === null) return rows.find((r) => r.enabled)?.id ?? null;
  const named = rows.find((r) => r.id === requested);
  if (!named) {
    const known = rows.length === 0 ? 'it has none' : `its return locations are ${rows.map((r) => r.code).join(', ')}`;
    throw validation(RETURN_LOCATION_FIELD, `stock location ${requested} is not a return location of inventory model ${model.name} (${known})`);
  }
  return named.id;
}

/** Refuses a change to a return that is already restocked or cancelled. */
export function requireOpenReturn(ret: Row<'returns'>, trigger: string): void {
  if (ret.status === 'restocked' || ret.status === 'cancelled') {
    throw fail({ code: 'ILLEGAL_TRANSITION', resource: 'return', state: ret.status, trigger, message: `return ${ret.number} is already ${ret.status}` });
  }
}
