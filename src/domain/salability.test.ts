import { describe, expect, it } from 'vitest';
import { qty } from './quantity.js';
import { checkSaleQuantity, parseSaleQuantity, type SaleRules } from './salability.js';

const aSku = (o: Partial<SaleRules> = {}): SaleRules => ({
  code: 'TEE', quantityDecimal: false, minSaleQuantity: qty(1), maxSaleQuantity: null, quantityIncrements: null, ...o,
});

describe('salability rules', () => {
  it('accepts a whole quantity within the defaults', () => {
    expect(checkSaleQuantity(aSku(), qty(3))).toBeNull();
  });

  it('refuses fractions unless the SKU is sold in decimals', () => {
    expect(checkSaleQuantity(aSku(), qty(1.5))).toMatchObject({ code: 'VALIDATION_ERROR', field: 'quantity', message: expect.stringContaining('whole units') });
    expect(checkSaleQuantity(aSku({ quantityDecimal: true }), qty(1.5))).toBeNull();
  });

  it('enforces min and max sale quantity', () => {
    const sku = aSku({ minSaleQuantity: qty(2), maxSaleQuantity: qty(10) });
    expect(checkSaleQuantity(sku, qty(1))?.message).toContain('at least 2');
    expect(checkSaleQuantity(sku, qty(11))?.message).toContain('at most 10');
    expect(checkSaleQuantity(sku, qty(10))).toBeNull();
  });

  it('enforces increments, exactly for decimals', () => {
    const sku = aSku({ quantityDecimal: true, minSaleQuantity: qty(0.1), quantityIncrements: qty(0.25) });
    expect(checkSaleQuantity(sku, qty(0.75))).toBeNull();
    expect(checkSaleQuantity(sku, qty(0.8))?.message).toContain('multiples of 0.25');
  });

  it('refuses zero and negatives', () => {
    expect(checkSaleQuantity(aSku(), qty(0))?.message).toContain('greater than 0');
    expect(checkSaleQuantity(aSku(), qty(-2))?.message).toContain('greater than 0');
  });

  it('parses user input, naming the field on a fifth decimal or garbage', () => {
    const sku = aSku({ quantityDecimal: true, minSaleQuantity: qty(0.0001) });
    expect(parseSaleQuantity(sku, '2.5')).toBe(qty(2.5));
    expect(parseSaleQuantity(sku, 0.00001, 'line_items/0/quantity')).toMatchObject({ field: 'line_items/0/quantity', message: expect.stringContaining('4 decimals') });
    expect(parseSaleQuantity(sku, 'lots')).toMatchObject({ code: 'VALIDATION_ERROR', message: expect.stringContaining('not a number') });
  });
});
