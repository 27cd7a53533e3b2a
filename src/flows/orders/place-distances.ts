// Distances for a placement measured by the configured provider (an OSRM-compatible engine),
// before the placement's transaction: a routing engine is a network call, and locks are not
// held across one. Only when the model routes by distance or fewest_shipments and the
// provider is not the offline great-circle one (which the placement computes from its own
// snapshot, in Node). Locations and the address without coordinates are placed by GeoNames,
// as for source selections. A provider that fails gives an unavailable table: the engine
// falls back to priority and records why, as today.
import type { DistanceTable } from '../../domain/routing.js';
import { placeDestination, placeLocations } from '../../store/place-locations.js';
import { loadModelLocations } from '../../store/routing-stock.js';
import type { FlowContext } from '../context.js';

export async function measuredForPlacement(ctx: FlowContext, orderId: string): Promise<DistanceTable | undefined> {
  const provider = ctx.distance;
  if (provider === undefined || provider.name === 'great_circle') return undefined;
  const k = ctx.db.kysely;
  const order = await k.selectFrom('orders as o').innerJoin('markets as mk', 'mk.id', 'o.market_id').innerJoin('inventory_models as im', 'im.id', 'mk.inventory_model_id')
    .leftJoin('addresses as a', 'a.id', 'o.shipping_address_id')
    .select(['im.id as model', 'im.routing_algorithm', 'a.id as address_id', 'a.lat', 'a.lng', 'a.city', 'a.zip_code', 'a.state_code', 'a.country_code'])
    .where('o.id', '=', orderId).executeTakeFirst();
  if (order === undefined || order.routing_algorithm === 'priority') return undefined;
  const locations = await loadModelLocations(k, order.model);
  const destination = (order.address_id === null ? null : await placeDestination(k, order)) ?? { lat: null, lng: null, countryCode: null, zipCode: null };
  try {
    return await provider.measure(destination, await placeLocations(k, locations), 'driving');
  } catch (error) {
    return { kind: 'unavailable', provider: provider.name, reason: `${provider.name} failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
