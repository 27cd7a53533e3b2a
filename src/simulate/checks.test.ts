import { describe, expect, it } from 'vitest';
import { describeUnknownSkus, unknownSkus } from './checks.js';
import { aSnapshot, aStockRow, anOrder } from './test-support.js';

describe('order lines against the snapshot', () => {
  it('finds lines naming SKUs the snapshot lacks', () => {
    const snapshot = aSnapshot({ stock: [aStockRow('paris', 'S', 1)] }); // SKUs A and B, stock of S
    const orders = [anOrder('o1', { A: 1, X: 1 }), anOrder('o2', { S: 1, Y: 2, X: 1 })];
    const found = unknownSkus(orders, snapshot);
    expect(found).toEqual({ lines: 3, totalLines: 5, skus: 2, examples: ['X', 'Y'] });
    expect(describeUnknownSkus(found!)).toBe('warning: 3 of 5 order lines name SKUs the snapshot does not have (X, Y); they can never be served');
    const many = unknownSkus([anOrder('o1', { U1: 1, U2: 1, U3: 1, U4: 1, U5: 1, U6: 1 })], snapshot)!;
    expect(describeUnknownSkus(many)).toContain('(U1, U2, U3, U4, U5, …)');
    expect(unknownSkus([anOrder('o1', { A: 1 })], snapshot)).toBeNull();
  });
});
