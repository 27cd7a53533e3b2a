// Fixture builders for the simulator's tests: small snapshots and orders in a few lines.
import { qty } from '../domain/quantity.js';
import type { LocationInput, SkuInput, StockInput } from '../domain/routing.js';
import type { SimOrder, Snapshot } from './types.js';

export const PARIS = { lat: 48.8566, lng: 2.3522 };
export const BERLIN = { lat: 52.52, lng: 13.405 };

export const aLocation = (overrides: Partial<LocationInput> = {}): LocationInput => ({
  code: 'paris',
  priority: 1,
  enabled: true,
  onHold: false,
  ...PARIS,
  ...overrides,
});

export const aSku = (code: string, overrides: Partial<SkuInput> = {}): SkuInput => ({
  code,
  shippingCategory: 'standard',
  doNotShip: false,
  doNotTrack: false,
  allowBackorders: false,
  ...overrides,
});

export const aStockRow = (location: string, sku: string, quantity: number): StockInput => ({
  location,
  sku,
  quantity: qty(quantity),
  reserved: qty(0),
  status: 'in_stock',
});

export const aSnapshot = (overrides: Partial<Snapshot> = {}): Snapshot => ({
  name: 'test',
  stockLocationsCutoff: null,
  locations: [aLocation(), aLocation({ code: 'berlin', priority: 2, ...BERLIN })],
  skus: [aSku('A'), aSku('B')],
  stock: [],
  ...overrides,
});

/** anOrder('o1', { A: 2 }, BERLIN) */
export const anOrder = (id: string, lines: Record<string, number>, at: { lat: number; lng: number } | null = PARIS): SimOrder => ({
  id,
  lines: Object.entries(lines).map(([sku, quantity], i) => ({ id: `l${i + 1}`, sku, quantity: qty(quantity) })),
  destination: { lat: at?.lat ?? null, lng: at?.lng ?? null, countryCode: null, zipCode: null },
});
