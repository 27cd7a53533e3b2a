import { describe, expect, it } from 'vitest';
import { qty } from '../domain/quantity.js';
import { generateSnapshot } from './generate-snapshot.js';
import { parseSnapshot, snapshotToJson } from './snapshot-file.js';

describe('snapshot files', () => {
  it('reads route-format locations, skus and stock with the documented defaults', () => {
    const result = parseSnapshot(
      JSON.stringify({
        stock_locations_cutoff: 3,
        locations: [{ code: 'eu-1', priority: 1, lat: 48.85, lng: 2.35 }],
        skus: [{ code: 'A', allow_backorders: true }],
        stock: [{ location: 'eu-1', sku: 'A', quantity: 5.5 }],
      }),
      'file s.json',
    );
    expect(result).toEqual({
      ok: true,
      snapshot: {
        name: 'file s.json',
        stockLocationsCutoff: 3,
        locations: [{ code: 'eu-1', priority: 1, enabled: true, onHold: false, lat: 48.85, lng: 2.35 }],
        skus: [{ code: 'A', shippingCategory: null, doNotShip: false, doNotTrack: false, allowBackorders: true }],
        stock: [{ location: 'eu-1', sku: 'A', quantity: qty(5.5), reserved: qty(0), status: 'in_stock' }],
      },
    });
  });

  it('defaults the cutoff to 2, as an inventory model does', () => {
    const result = parseSnapshot('{"locations": [{"code": "a", "priority": 1}]}', 'x');
    expect(result.ok && result.snapshot.stockLocationsCutoff).toBe(2);
  });

  it('names every bad field', () => {
    const result = parseSnapshot(
      JSON.stringify({
        locations: [{ code: 'a', priority: 1 }, { code: 'a', priority: 2 }],
        stock: [{ location: 'zz', sku: 'A', quantity: 1.00001 }],
      }),
      'x',
    );
    expect(result).toEqual({
      ok: false,
      errors: ['locations[1].code: duplicate location code', 'stock[0].location: "zz" is not a code in locations', 'stock[0].quantity: must be a number with at most 4 decimals'],
    });
    const schema = parseSnapshot('{"locations": [{"code": "a", "priority": 0}], "stock": [{"location": "a", "sku": "A", "quantity": -1}]}', 'x');
    expect(schema.ok ? [] : schema.errors).toEqual(['locations[0].priority: must be a whole number ≥ 1 (1 is the primary)', 'stock[0].quantity: must not be negative']);
    expect(parseSnapshot('{"locations": []', 'x')).toMatchObject({ ok: false, errors: [expect.stringMatching(/^invalid JSON/)] });
  });

  it('reads back what it writes', () => {
    const snapshot = generateSnapshot({ seed: 1, locations: 3, skus: 20, region: 'all', expectedOrders: 100, coverage: 1, stockLocationsCutoff: 2 });
    expect(parseSnapshot(JSON.stringify(snapshotToJson(snapshot)), 'x')).toEqual({ ok: true, snapshot });
  });
});
