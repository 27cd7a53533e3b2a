// Fixture builders for routing problems: every field has a plain default, a test states only
// what matters to it — aLocation({ code: 'eu-2', priority: 2 }), aProblem({ lines: [...] }).
// Quantities are given as decimals and turned into exact quantities here.
import { qty } from '../quantity.js';
import type { Destination, LocationInput, OrderLine, RoutingProblem, SkuInput, StockInput } from '../routing.js';

export function aLocation(overrides: Partial<LocationInput> & { code: string }): LocationInput {
  return { priority: 1, enabled: true, onHold: false, lat: null, lng: null, ...overrides };
}

export function aSku(overrides: Partial<SkuInput> & { code: string }): SkuInput {
  return { shippingCategory: null, doNotShip: false, doNotTrack: false, allowBackorders: false, ...overrides };
}

type Decimal = number | string;

export function aStock(location: string, sku: string, quantity: Decimal, more: { reserved?: Decimal; status?: StockInput['status'] } = {}): StockInput {
  return { location, sku, quantity: qty(quantity), reserved: qty(more.reserved ?? 0), status: more.status ?? 'in_stock' };
}

export function aLine(id: string, sku: string, quantity: Decimal): OrderLine {
  return { id, sku, quantity: qty(quantity) };
}

export function aDestination(overrides: Partial<Destination> = {}): Destination {
  return { lat: null, lng: null, countryCode: null, zipCode: null, ...overrides };
}

export function aProblem(overrides: Partial<RoutingProblem> = {}): RoutingProblem {
  return {
    strategy: null,
    algorithm: 'priority',
    distanceMode: 'driving',
    stockLocationsCutoff: null,
    locations: [],
    skus: [],
    stock: [],
    lines: [],
    destination: null,
    ...overrides,
  };
}

/** Locations eu-1 … eu-n with priorities 1 … n. */
export function euLocations(n: number, overrides: Partial<LocationInput> = {}): LocationInput[] {
  return Array.from({ length: n }, (_, i) => aLocation({ code: `eu-${i + 1}`, priority: i + 1, ...overrides }));
}
