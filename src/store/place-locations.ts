// Locations and shipping addresses without coordinates are placed offline from their address
// by the GeoNames table (country + postcode, then city, then region: see geonames.ts), as
// Magento's offline distance provider places its sources, so distance ranking can measure
// them. Those with coordinates, and those GeoNames cannot place, are returned unchanged.
// Source selections and placements measure through these two functions alike.
import type { Kysely } from 'kysely';
import type { Destination } from '../domain/routing.js';
import { geocode } from './geonames.js';
import type { Database } from './schema.js';

export interface Placeable { readonly stockLocationId: string; readonly lat: number | null; readonly lng: number | null }

export async function placeLocations<L extends Placeable>(db: Kysely<Database>, locations: readonly L[]): Promise<L[]> {
  const missing = locations.filter((l) => l.lat === null || l.lng === null).map((l) => l.stockLocationId);
  if (missing.length === 0) return [...locations];
  const addresses = await db.selectFrom('stock_locations as sl').innerJoin('addresses as a', 'a.id', 'sl.address_id')
    .select(['sl.id', 'a.country_code', 'a.zip_code', 'a.city', 'a.state_code']).where('sl.id', 'in', missing).execute();
  const placed = new Map<string, { lat: number; lng: number }>();
  for (const a of addresses) {
    if (!a.country_code) continue;
    const hit = await geocode(db, { countryCode: a.country_code, zipCode: a.zip_code, city: a.city, stateCode: a.state_code });
    if (hit) placed.set(a.id, { lat: hit.lat, lng: hit.lng });
  }
  return locations.map((l) => {
    const at = placed.get(l.stockLocationId);
    return at && (l.lat === null || l.lng === null) ? { ...l, lat: at.lat, lng: at.lng } : l;
  });
}

/** An address as orders and dry runs carry it. */
export interface PlaceableAddress {
  readonly city?: string | null; readonly zip_code?: string | null; readonly state_code?: string | null;
  readonly country_code?: string | null; readonly lat?: number | null; readonly lng?: number | null;
}

/** The destination of an address: its coordinates, else where GeoNames places it. */
export async function placeDestination(db: Kysely<Database>, a: PlaceableAddress | null): Promise<Destination | null> {
  if (a === null) return null;
  let lat = a.lat ?? null;
  let lng = a.lng ?? null;
  if ((lat === null || lng === null) && a.country_code) {
    const hit = await geocode(db, { countryCode: a.country_code, zipCode: a.zip_code ?? null, city: a.city ?? null, stateCode: a.state_code ?? null });
    if (hit) ({ lat, lng } = hit);
  }
  return { lat, lng, countryCode: a.country_code ?? null, zipCode: a.zip_code ?? null };
}
