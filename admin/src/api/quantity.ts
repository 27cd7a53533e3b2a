// The engine's exact quantity arithmetic (src/domain/quantity.ts is pure, so the browser can
// share it): 0.1 + 0.2 is 0.3 here too.
import { isQuantityError, parseQuantity, ZERO, type Quantity } from '../../../src/domain/quantity.js';

export { add, isQuantityError, min, parseQuantity, sub, toDecimal, ZERO, type Quantity } from '../../../src/domain/quantity.js';

/** A quantity the API sent as a JSON number (numeric(18,4), so always valid; zero otherwise). */
export function fromApi(n: number | null | undefined): Quantity {
  const q = parseQuantity(n ?? 0);
  return isQuantityError(q) ? ZERO : q;
}
