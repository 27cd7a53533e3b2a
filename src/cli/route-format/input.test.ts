import { describe, expect, it } from 'vitest';
import { qty } from '../../domain/quantity.js';
import { decodeRouteInput, parseRouteInput } from './input.js';
import type { Registries } from './input.js';

const registries: Registries = {
  strategies: ['no_split', 'split_shipments', 'split_by_line_items', 'ship_from_primary', 'ship_from_first_available_or_primary'],
  rankings: ['priority', 'distance'],
};

type Json = Record<string, unknown>;

/** A minimal valid input; every test changes only what it is about. */
function anInput(overrides: Json = {}): Json {
  return {
    locations: [{ code: 'eu-1', priority: 1 }],
    stock: [{ location: 'eu-1', sku: 'A', quantity: 5.5 }],
    order: { lines: [{ id: 'l1', sku: 'A', quantity: 8 }] },
    ...overrides,
  };
}

function errorsOf(value: unknown): readonly string[] {
  const result = decodeRouteInput(value, registries);
  if (result.ok) throw new Error('expected the input to be refused');
  return result.errors;
}

function problemOf(value: unknown) {
  const result = decodeRouteInput(value, registries);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.problem;
}

describe('decodeRouteInput: defaults (ROUTE-FORMAT.md)', () => {
  it('fills in every documented default for a plain selection', () => {
    expect(problemOf(anInput())).toEqual({
      strategy: null,
      algorithm: 'priority',
      distanceMode: 'driving',
      stockLocationsCutoff: null,
      locations: [{ code: 'eu-1', priority: 1, enabled: true, onHold: false, lat: null, lng: null }],
      skus: [],
      stock: [{ location: 'eu-1', sku: 'A', quantity: qty(5.5), reserved: qty(0), status: 'in_stock' }],
      lines: [{ id: 'l1', sku: 'A', quantity: qty(8) }],
      destination: null,
    });
  });

  it('cuts to 2 locations by default with a strategy, and keeps an explicit cutoff (null = unlimited)', () => {
    expect(problemOf(anInput({ strategy: 'split_shipments' })).stockLocationsCutoff).toBe(2);
    expect(problemOf(anInput({ strategy: 'split_shipments', stock_locations_cutoff: 3 })).stockLocationsCutoff).toBe(3);
    expect(problemOf(anInput({ strategy: 'split_shipments', stock_locations_cutoff: null })).stockLocationsCutoff).toBeNull();
    expect(problemOf(anInput({ stock_locations_cutoff: 1 })).stockLocationsCutoff).toBe(1);
  });

  it('gives SKUs default flags and a null shipping category, and reads the address', () => {
    const problem = problemOf(
      anInput({
        skus: [{ code: 'A', do_not_ship: true }],
        order: { lines: [{ id: 'l1', sku: 'A', quantity: 1 }], shipping_address: { lat: 48.1, lng: 11.6, zip_code: '80331', city: 'München' } },
      }),
    );
    expect(problem.skus).toEqual([{ code: 'A', shippingCategory: null, doNotShip: true, doNotTrack: false, allowBackorders: false }]);
    expect(problem.destination).toEqual({ lat: 48.1, lng: 11.6, countryCode: null, zipCode: '80331' });
  });

  it('keeps quantities exact', () => {
    const problem = problemOf(anInput({ stock: [{ location: 'eu-1', sku: 'A', quantity: 0.1, reserved: 0.0003 }] }));
    expect(problem.stock[0]).toMatchObject({ quantity: 1000, reserved: 3 });
  });
});

describe('decodeRouteInput: refusals name the field', () => {
  it.each([
    [anInput({ order: { lines: [{ id: 'l1', sku: 'A', quantity: 8.12345 }] } }), 'order.lines[0].quantity: must be a number with at most 4 decimals'],
    [anInput({ order: { lines: [{ id: 'l1', sku: 'A', quantity: '8' }] } }), 'order.lines[0].quantity: must be a number with at most 4 decimals'],
    [anInput({ order: { lines: [{ id: 'l1', sku: 'A', quantity: 0 }] } }), 'order.lines[0].quantity: must be greater than 0'],
    [anInput({ stock: [{ location: 'eu-1', sku: 'A', quantity: -1 }] }), 'stock[0].quantity: must not be negative'],
    [anInput({ stock: [{ location: 'eu-1', sku: 'A', quantity: 1, reserved: 0.00001 }] }), 'stock[0].reserved: must be a number with at most 4 decimals'],
    [anInput({ stock: [{ location: 'eu-1', sku: 'A', quantity: 1, status: 'gone' }] }), 'stock[0].status: must be one of in_stock, out_of_stock'],
    [anInput({ locations: [{ code: 'eu-1' }] }), 'locations[0].priority: is required'],
    [anInput({ locations: [{ code: 'eu-1', priority: 0 }] }), 'locations[0].priority: must be a whole number ≥ 1 (1 is the primary)'],
    [anInput({ locations: [{ code: 'eu-1', priority: 1, lat: 91, lng: 0 }] }), 'locations[0].lat: must be a latitude between -90 and 90, or null'],
    [anInput({ locations: [{ code: 'eu-1', priority: 1, lat: 48 }] }), 'locations[0].lng: is required when lat is given'],
    [anInput({ locations: [{ code: 'eu-1', priority: 1, enabled: 'yes' }] }), 'locations[0].enabled: must be a boolean'],
    [anInput({ locations: [{ code: 'eu-1', priority: 1, onhold: true }] }), 'locations[0].onhold: is not a known field'],
    [anInput({ distance_mode: 'flying' }), 'distance_mode: must be one of driving, bicycling, walking'],
    [anInput({ stock_locations_cutoff: 0 }), 'stock_locations_cutoff: must be a whole number ≥ 1, or null for no limit'],
    [anInput({ strategy: 'split' }), 'strategy: "split" is not one of no_split, split_shipments, split_by_line_items, ship_from_primary, ship_from_first_available_or_primary'],
    [anInput({ algorithm: 'nearest' }), 'algorithm: "nearest" is not one of priority, distance'],
    [anInput({ skus: [{ code: 'A', shipping_category: 3 }] }), 'skus[0].shipping_category: must be a string or null'],
    [anInput({ order: { lines: [] } }), 'order.lines: must have at least 1 item'],
    [anInput({ order: { lines: [{ id: 'l1', sku: 'A', quantity: 1 }], shipping_address: { lat: 'x', lng: 2 } } }), 'order.shipping_address.lat: must be a latitude between -90 and 90, or null'],
    [anInput({ order: { lines: [{ id: 'l1', sku: 'A', quantity: 1 }], shipping_address: 'Munich' } }), 'order.shipping_address: must be an address object or null'],
    [{ locations: [] }, 'order: is required'],
    [[], 'input: must be an object'],
  ])('%#: %s', (input, message) => {
    expect(errorsOf(input)).toEqual([message]);
  });

  it('reports duplicates and unknown location codes', () => {
    const errors = errorsOf(
      anInput({
        locations: [{ code: 'eu-1', priority: 1 }, { code: 'eu-1', priority: 2 }],
        skus: [{ code: 'A' }, { code: 'A' }],
        stock: [{ location: 'eu-1', sku: 'A', quantity: 1 }, { location: 'eu-1', sku: 'A', quantity: 2 }, { location: 'us-9', sku: 'A', quantity: 1 }],
        order: { lines: [{ id: 'l1', sku: 'A', quantity: 1 }, { id: 'l1', sku: 'A', quantity: 1 }] },
      }),
    );
    expect(errors).toEqual([
      'locations[1].code: duplicate location "eu-1"',
      'skus[1].code: duplicate SKU "A"',
      'stock[1]: duplicate stock for location "eu-1" and SKU "A"',
      'order.lines[1].id: duplicate line id "l1"',
      'stock[2].location: "us-9" is not a code in locations',
    ]);
  });

  it('reports every problem, not just the first', () => {
    const errors = errorsOf({ locations: [{ code: '', priority: 1.5 }], order: { lines: [{ sku: 'A', quantity: 1 }] } });
    expect(errors).toEqual([
      'locations[0].code: must be a non-empty location code',
      'locations[0].priority: must be a whole number ≥ 1 (1 is the primary)',
      'order.lines[0].id: is required',
    ]);
  });
});

describe('parseRouteInput', () => {
  it('reports bad JSON with its position', () => {
    expect(parseRouteInput('{"locations": [,]}', registries)).toEqual({
      ok: false,
      errors: ['invalid JSON at column 16 (position 15): expected a value'],
    });
  });
});
