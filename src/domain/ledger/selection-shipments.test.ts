import { describe, expect, it } from 'vitest';
import type { LocationInput, SkuInput } from '../routing.js';
import { qty } from '../quantity.js';
import type { SelectionItem } from './selection-items.js';
import { selectionShipments } from './selection-shipments.js';

const loc = (code: string, priority: number): LocationInput => ({ code, priority, enabled: true, onHold: false, lat: null, lng: null });
const sku = (code: string, shippingCategory: string | null, flags: Partial<SkuInput> = {}): SkuInput => ({ code, shippingCategory, doNotShip: false, doNotTrack: false, allowBackorders: false, ...flags });
const item = (line: string, code: string, quantity: number, deduct: Record<string, number>): SelectionItem => ({
  line_item_id: line, sku_code: code, quantity, shortfall: 0,
  sources: Object.entries(deduct).map(([c, q]) => ({ stock_location_code: c, priority: 1, quantity_available: q, quantity_to_deduct: q })),
});

describe('selectionShipments', () => {
  const locations = [loc('b', 2), loc('a', 1), loc('c', 3)];
  const skus = [sku('TEE', 'apparel'), sku('MUG', 'fragile'), sku('CARD', 'apparel', { doNotTrack: true }), sku('GIFT', null, { doNotShip: true })];

  it('lays out one shipment per location × category, by priority; do_not_track rides from the first shipping location', () => {
    const { shipments } = selectionShipments([
      item('l1', 'TEE', 5, { b: 3, a: 0, c: 2 }), item('l2', 'MUG', 1, { c: 1 }), item('l3', 'CARD', 2, {}), item('l4', 'GIFT', 1, { b: 1 }),
    ], locations, skus);
    expect(shipments.map((s) => [s.location, s.shippingCategory, s.items.map((i) => [i.line, i.quantity])])).toEqual([
      ['b', null, [['l4', qty(1)]]],
      ['b', 'apparel', [['l1', qty(3)], ['l3', qty(2)]]],
      ['c', 'apparel', [['l1', qty(2)]]],
      ['c', 'fragile', [['l2', qty(1)]]],
    ]);
  });

  it('ships a do_not_track line alone from the primary; ships nothing for zero quantities', () => {
    expect(selectionShipments([item('l3', 'CARD', 1, {})], locations, skus).shipments.map((s) => [s.location, s.shippingCategory])).toEqual([['a', 'apparel']]);
    expect(selectionShipments([item('l1', 'TEE', 2, { a: 0 }), item('l3', 'CARD', 0, {})], locations, skus).shipments).toEqual([]);
  });
});
