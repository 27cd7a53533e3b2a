// The Source Selection page's own checks of Qty to Deduct (the server checks again; these
// give the answer at the field before a request is made), and "Select a Source to Ship from".
import { describe, expect, it } from 'vitest';
import type { SelectionItem } from '../../admin/src/api/source-selections.js';
import { allFrom, checkEdits, editsOf, locationsOf } from '../../admin/src/pages/selection-validation.js';
import { shipmentsBySource } from '../../admin/src/pages/review-groups.js';

const aSource = (code: string, available: number, deduct: number, priority = 1) => ({
  stock_location_code: code, priority, quantity_available: available, quantity_to_deduct: deduct,
});

const anItem = (sku: string, quantity: number, sources: ReturnType<typeof aSource>[]): SelectionItem => ({
  line_item_id: `li_${sku}`, sku_code: sku, quantity, shortfall: 0, sources,
});

const proposal = [
  anItem('TSHIRT', 6, [aSource('NORTH', 3, 3), aSource('SOUTH', 2, 2, 2)]),
  anItem('MUG', 2, [aSource('NORTH', 1, 1), aSource('SOUTH', 4, 1, 2)]),
];

describe('Qty to Deduct checks', () => {
  it('accepts the recommendation as it is and totals it exactly', () => {
    const checked = checkEdits(proposal, editsOf(proposal));
    expect(checked.errors.size).toBe(0);
    expect(checked.total).toBe(7);
  });

  it('names the field for text, negatives, a 5th decimal and more than available', () => {
    const edits = [['abc', '-1'], ['0.00001', '5']];
    // '5' is both more than SOUTH holds and more than the 2 mugs left: both are said.
    const { errors } = checkEdits(proposal, edits);
    expect(Object.fromEntries(errors)).toEqual({
      '/data/attributes/items/0/sources/0/quantity_to_deduct': 'Enter a number.',
      '/data/attributes/items/0/sources/1/quantity_to_deduct': 'Must be 0 or more.',
      '/data/attributes/items/1/sources/0/quantity_to_deduct': 'Use at most 4 decimals.',
      '/data/attributes/items/1/sources/1/quantity_to_deduct': 'Only 4 available at SOUTH.',
      '/data/attributes/items/1': 'MUG: 5 to deduct exceeds the 2 left to ship.',
    });
  });

  it('refuses a line total above what is left to ship, at the line', () => {
    const { errors } = checkEdits(proposal, [['3', '2'], ['1', '2']]);
    expect([...errors]).toEqual([['/data/attributes/items/1', 'MUG: 3 to deduct exceeds the 2 left to ship.']]);
  });

  it('adds decimals exactly (0.1 + 0.2 is 0.3, not more than 0.3)', () => {
    const decimal = [anItem('ROPE', 0.3, [aSource('NORTH', 1, 0), aSource('SOUTH', 1, 0)])];
    const checked = checkEdits(decimal, [['0.1', '0.2']]);
    expect(checked.errors.size).toBe(0);
    expect(checked.items[0]?.sources.map((s) => s.quantity_to_deduct)).toEqual([0.1, 0.2]);
  });

  it('treats an empty field as 0', () => {
    const checked = checkEdits(proposal, [['', '2'], ['', '2']]);
    expect(checked.errors.size).toBe(0);
    expect(checked.total).toBe(4);
  });
});

describe('Select a Source to Ship from', () => {
  it('puts each line on one location as far as its stock goes', () => {
    expect(allFrom(proposal, 'NORTH')).toEqual([['3', '0'], ['1', '0']]);
    expect(allFrom(proposal, 'SOUTH')).toEqual([['0', '2'], ['0', '2']]);
    expect(locationsOf(proposal)).toEqual(['NORTH', 'SOUTH']);
  });
});

describe('New Shipment review', () => {
  it('groups the non-zero quantities by location, one future shipment each', () => {
    const edited = checkEdits(proposal, [['3', '0'], ['0', '2']]).items;
    expect(shipmentsBySource(edited)).toEqual([
      { code: 'NORTH', lines: [{ line_item_id: 'li_TSHIRT', sku_code: 'TSHIRT', ordered: 6, quantity: 3 }] },
      { code: 'SOUTH', lines: [{ line_item_id: 'li_MUG', sku_code: 'MUG', ordered: 2, quantity: 2 }] },
    ]);
  });
});
