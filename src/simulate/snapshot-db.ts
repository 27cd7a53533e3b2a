// Takes a stock snapshot from the database, read-only: one inventory model (by id or name),
// its locations with priority, on_hold and coordinates, every SKU, and the stock items at
// those locations. SKUs are listed by total on-hand in the model, most first: generated
// orders treat list order as popularity, and merchants stock most of what sells most.
import type { Kysely } from 'kysely';
import { isQuantityError, parseQuantity } from '../domain/quantity.js';
import type { Quantity } from '../domain/quantity.js';
import type { Database } from '../store/schema.js';
import { UsageError } from '../io/import-error.js';
import type { Snapshot } from './types.js';

/** The model asked for is not there (or not one): bad usage, exit status 2. */
export class SnapshotNotFound extends UsageError {
  override readonly name = 'SnapshotNotFound';
}

export async function loadSnapshotFromDb(db: Kysely<Database>, model: string): Promise<Snapshot> {
  const models = await db
    .selectFrom('inventory_models')
    .select(['id', 'name', 'stock_locations_cutoff'])
    .where((eb) => eb.or([eb('id', '=', model), eb('name', '=', model)]))
    .orderBy('id')
    .execute();
  const exact = models.find((m) => m.id === model);
  if (models.length === 0) {
    const known = await db.selectFrom('inventory_models').select(['id', 'name']).orderBy('name').limit(20).execute();
    const list = known.map((m) => `${m.name} (${m.id})`).join(', ');
    throw new SnapshotNotFound(`--model: no inventory model has id or name "${model}"${list ? `; known: ${list}` : ' (the database has none)'}`);
  }
  if (exact === undefined && models.length > 1) {
    throw new SnapshotNotFound(`--model: ${models.length} inventory models are named "${model}"; give an id: ${models.map((m) => m.id).join(', ')}`);
  }
  const chosen = exact ?? models[0]!;

  const locations = await db
    .selectFrom('inventory_stock_locations as isl')
    .innerJoin('stock_locations as sl', 'sl.id', 'isl.stock_location_id')
    .leftJoin('addresses as a', 'a.id', 'sl.address_id')
    .select(['sl.id', 'sl.code', 'isl.priority', 'sl.enabled', 'isl.on_hold', 'a.lat', 'a.lng'])
    .where('isl.inventory_model_id', '=', chosen.id)
    .orderBy('isl.priority')
    .orderBy('sl.code')
    .execute();
  const locationIds = locations.map((l) => l.id);
  const stock = locationIds.length === 0 ? [] : await db
    .selectFrom('stock_items as si')
    .innerJoin('stock_locations as sl', 'sl.id', 'si.stock_location_id')
    .select(['si.sku_code', 'sl.code as location', 'si.quantity', 'si.reserved_quantity', 'si.status'])
    .where('si.stock_location_id', 'in', locationIds)
    .orderBy('si.sku_code')
    .orderBy('sl.code')
    .execute();
  const totals = new Map<string, number>();
  for (const s of stock) totals.set(s.sku_code, (totals.get(s.sku_code) ?? 0) + Number(s.quantity));
  const skus = await db
    .selectFrom('skus')
    .leftJoin('shipping_categories as sc', 'sc.id', 'skus.shipping_category_id')
    .select(['skus.code', 'sc.code as category', 'skus.do_not_ship', 'skus.do_not_track', 'skus.allow_backorders'])
    .orderBy('skus.code')
    .execute();
  skus.sort((a, b) => (totals.get(b.code) ?? 0) - (totals.get(a.code) ?? 0) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  return {
    name: `inventory model ${chosen.name} (${chosen.id})`,
    stockLocationsCutoff: chosen.stock_locations_cutoff,
    locations: locations.map((l) => ({ code: l.code, priority: l.priority, enabled: l.enabled, onHold: l.on_hold, lat: l.lat, lng: l.lng })),
    skus: skus.map((s) => ({
      code: s.code,
      shippingCategory: s.category,
      doNotShip: s.do_not_ship,
      doNotTrack: s.do_not_track,
      allowBackorders: s.allow_backorders,
    })),
    stock: stock.map((s) => ({
      location: s.location,
      sku: s.sku_code,
      quantity: quantity(s.quantity),
      reserved: quantity(s.reserved_quantity),
      status: s.status,
    })),
  };
}

/** numeric(18,4) arrives as a number with at most 4 decimals. */
function quantity(value: number): Quantity {
  const q = parseQuantity(value);
  if (isQuantityError(q)) throw new Error(`the database holds a quantity that is not numeric(18,4): ${String(value)}`);
  return q;
}
