import { describe, expect, it } from 'vitest';
import { applySelectionEdit, type SelectionItem, type SelectionSource } from './selection-items.js';

const aSource = (o: Partial<SelectionSource> = {}): SelectionSource => ({
  stock_location_code: 'eu-1', priority: 1, quantity_available: 10, quantity_to_deduct: 0, ...o,
});
const anItem = (o: Partial<SelectionItem> = {}): SelectionItem => ({
  line_item_id: 'li_1', sku_code: 'TSHIRT', quantity: 5, shortfall: 0,
  sources: [aSource({ quantity_to_deduct: 5 }), aSource({ stock_location_code: 'eu-2', priority: 2, quantity_available: 3 })], ...o,
});

describe('editing a source selection', () => {
  it('splits a line across two locations and keeps what the edit leaves out', () => {
    const proposal = [anItem(), anItem({ line_item_id: 'li_2', sku_code: 'MUG', quantity: 1 })];
    const result = applySelectionEdit(proposal, [{ sources: [{ stock_location_code: 'eu-1', quantity_to_deduct: 2 }, { stock_location_code: 'eu-2', quantity_to_deduct: '3' }] }]);
    expect(result).toEqual({ ok: true, items: [
      { ...proposal[0], shortfall: 0, sources: [aSource({ quantity_to_deduct: 2 }), aSource({ stock_location_code: 'eu-2', priority: 2, quantity_available: 3, quantity_to_deduct: 3 })] },
      proposal[1],
    ] });
  });

  it('keeps the unshipped remainder as shortfall when less is deducted', () => {
    const result = applySelectionEdit([anItem()], [{ sources: [{ stock_location_code: 'eu-1', quantity_to_deduct: 1.5 }] }]);
    expect(result.ok && result.items[0]?.shortfall).toBe(3.5);
  });

  it('points at the location that has less available than asked', () => {
    const result = applySelectionEdit([anItem()], [{ sources: [{ stock_location_code: 'eu-1', quantity_to_deduct: 0 }, { stock_location_code: 'eu-2', quantity_to_deduct: 4 }] }]);
    expect(result).toEqual({ ok: false, errors: [{ code: 'VALIDATION_ERROR', field: 'items/0/sources/1/quantity_to_deduct', message: 'eu-2 has 3 available to this order, not 4' }] });
  });

  it('refuses more than the line has unshipped, at the last source that adds to it', () => {
    const result = applySelectionEdit([anItem()], [{ sources: [{ stock_location_code: 'eu-1', quantity_to_deduct: 4 }, { stock_location_code: 'eu-2', quantity_to_deduct: 2 }] }]);
    expect(result).toMatchObject({ ok: false, errors: [{ field: 'items/0/sources/1/quantity_to_deduct', message: expect.stringContaining('6 to deduct in all is more than the 5 not yet shipped') as string }] });
  });

  it('refuses negative, non-numeric and five-decimal quantities, each with its own pointer', () => {
    const result = applySelectionEdit([anItem()], [{ sources: [
      { stock_location_code: 'eu-1', quantity_to_deduct: -1 }, { stock_location_code: 'eu-2', quantity_to_deduct: 'lots' },
    ] }, { sources: [] }]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.code === 'VALIDATION_ERROR' && e.field)).toEqual(['items/1', 'items/0/sources/0/quantity_to_deduct', 'items/0/sources/1/quantity_to_deduct']);
    const fine = applySelectionEdit([anItem()], [{ sources: [{ stock_location_code: 'eu-1', quantity_to_deduct: 1.00001 }] }]);
    expect(fine).toMatchObject({ ok: false, errors: [{ message: expect.stringContaining('more than 4 decimals') as string }] });
  });

  it('refuses an unknown location and a line that is not the proposed one', () => {
    const result = applySelectionEdit([anItem()], [{ line_item_id: 'li_9', sources: [{ stock_location_code: 'us-1', quantity_to_deduct: 1 }] }]);
    expect(result.ok ? [] : result.errors.map((e) => e.code === 'VALIDATION_ERROR' && e.field)).toEqual(['items/0/line_item_id', 'items/0/sources/0/stock_location_code']);
    expect(applySelectionEdit([anItem()], { sources: [] })).toMatchObject({ ok: false, errors: [{ field: 'items' }] });
  });
});
