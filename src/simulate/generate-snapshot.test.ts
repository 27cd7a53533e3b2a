import { describe, expect, it } from 'vitest';
import { toDecimal } from '../domain/quantity.js';
import { CITIES } from './cities.js';
import { MEAN_UNITS_PER_ORDER } from './generate-orders.js';
import { generateSnapshot, warehouseCities } from './generate-snapshot.js';
import type { SnapshotOptions } from './generate-snapshot.js';

const options: SnapshotOptions = { seed: 5, locations: 8, skus: 400, region: 'europe', expectedOrders: 10_000, coverage: 1.5, stockLocationsCutoff: 8 };

describe('generated snapshot', () => {
  const snapshot = generateSnapshot(options);

  it('is the same for the same seed', () => {
    expect(generateSnapshot(options)).toEqual(snapshot);
    expect(generateSnapshot({ ...options, seed: 6 }).stock).not.toEqual(snapshot.stock);
  });

  it('puts warehouses in real cities of the region, priorities 1..N', () => {
    expect(snapshot.locations.map((l) => l.priority)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(snapshot.locations[0]).toMatchObject({ code: 'wh-paris', lat: 48.8566, lng: 2.3522 });
    for (const l of snapshot.locations) expect(CITIES.some((c) => c.lat === l.lat && c.lng === l.lng && c.country !== 'US')).toBe(true);
    const na = generateSnapshot({ ...options, region: 'north_america', locations: 3 });
    expect(na.locations.map((l) => l.code)).toEqual(['wh-new-york', 'wh-chicago', 'wh-los-angeles']);
  });

  it('sizes stock to the expected demand times coverage, with the primary holding most', () => {
    const total = snapshot.stock.reduce((a, s) => a + toDecimal(s.quantity), 0);
    const demand = options.expectedOrders * MEAN_UNITS_PER_ORDER;
    expect(total / demand).toBeGreaterThan(1.2);
    expect(total / demand).toBeLessThan(1.8);
    const at = (code: string) => snapshot.stock.filter((s) => s.location === code).reduce((a, s) => a + toDecimal(s.quantity), 0);
    expect(at('wh-paris')).toBeGreaterThan(at(snapshot.locations[1]!.code) * 1.5);
    // Popular SKUs (listed first) have more stock than the tail.
    const ofSku = (code: string) => snapshot.stock.filter((s) => s.sku === code).reduce((a, s) => a + toDecimal(s.quantity), 0);
    expect(ofSku(snapshot.skus[0]!.code)).toBeGreaterThan(ofSku(snapshot.skus[300]!.code) * 10);
  });

  it('mixes shipping categories and flags; do_not_track SKUs have no stock rows', () => {
    const categories = new Set(snapshot.skus.map((s) => s.shippingCategory));
    expect(categories).toEqual(new Set(['standard', 'bulky', 'fragile']));
    expect(snapshot.skus.filter((s) => s.allowBackorders).length).toBeGreaterThan(30);
    const untracked = new Set(snapshot.skus.filter((s) => s.doNotTrack).map((s) => s.code));
    expect(untracked.size).toBeGreaterThan(0);
    expect(snapshot.stock.some((s) => untracked.has(s.sku))).toBe(false);
  });

  it('refuses more warehouses than the region has', () => {
    const max = warehouseCities('europe').length;
    expect(() => generateSnapshot({ ...options, locations: max + 1 })).toThrow(`between 1 and ${max}`);
  });
});
