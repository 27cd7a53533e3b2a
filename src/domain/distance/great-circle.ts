// Great-circle distance: the offline distance measure (haversine on lat/lng, in metres). The
// table it builds is what the `distance` ranking sorts by; it has no travel times, so every
// mode (driving, bicycling, walking) measures the same straight-line metres.
import type { Destination, DistanceEntry, DistanceTable, LocationInput } from '../routing.js';

export const GREAT_CIRCLE = 'great_circle';

/** Mean Earth radius (IUGG), metres. */
const EARTH_RADIUS_M = 6_371_008.8;

export interface LatLng {
  readonly lat: number;
  readonly lng: number;
}

const radians = (degrees: number): number => (degrees * Math.PI) / 180;

/** Haversine distance between two points, in metres. */
export function haversineMetres(a: LatLng, b: LatLng): number {
  const dLat = radians(b.lat - a.lat);
  const dLng = radians(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Distance from the destination to every location. 'unavailable' (with the reason) when the
 * destination has no coordinates; locations without coordinates get distanceM null.
 */
export function greatCircleTable(destination: Destination | null, locations: readonly LocationInput[]): DistanceTable {
  if (destination === null) return { kind: 'unavailable', provider: GREAT_CIRCLE, reason: 'the order has no shipping address' };
  const { lat, lng } = destination;
  if (lat === null || lng === null) {
    return { kind: 'unavailable', provider: GREAT_CIRCLE, reason: 'the shipping address has no coordinates (lat/lng)' };
  }
  const entries = new Map<string, DistanceEntry>();
  for (const location of locations) {
    const distanceM =
      location.lat === null || location.lng === null ? null : haversineMetres({ lat, lng }, { lat: location.lat, lng: location.lng });
    entries.set(location.code, { distanceM, durationS: null });
  }
  return { kind: 'measured', provider: GREAT_CIRCLE, entries };
}
