// The engine's exact quantity arithmetic (src/domain/quantity.ts is pure, so the browser can
// share it): 0.1 + 0.2 is 0.3 here too.
export { add, isQuantityError, min, parseQuantity, sub, toDecimal, ZERO, type Quantity } from '../../../src/domain/quantity.js';
