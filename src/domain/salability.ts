// Magento's salability rules for a quantity of one SKU on one order line:
// 1. a positive number with at most 4 decimals;
// 2. a whole number unless the SKU has quantity_decimal;
// 3. at least min_sale_quantity and at most max_sale_quantity (when set);
// 4. a whole multiple of quantity_increments (when set).
// The first rule broken is returned as a VALIDATION_ERROR naming the field; null = salable.
import type { DomainError } from './errors.js';
import { isMultipleOf, isQuantityError, isWhole, parseQuantity, toDecimal, type Quantity } from './quantity.js';

export interface SaleRules {
  readonly code: string;
  readonly quantityDecimal: boolean;
  readonly minSaleQuantity: Quantity;
  readonly maxSaleQuantity: Quantity | null;
  readonly quantityIncrements: Quantity | null;
}

const invalid = (field: string, message: string): DomainError => ({ code: 'VALIDATION_ERROR', field, message });

export function checkSaleQuantity(sku: SaleRules, quantity: Quantity, field = 'quantity'): DomainError | null {
  const shown = toDecimal(quantity);
  if (quantity <= 0) return invalid(field, `quantity of ${sku.code} must be greater than 0, not ${shown}`);
  if (!sku.quantityDecimal && !isWhole(quantity)) return invalid(field, `${sku.code} is sold in whole units only, not ${shown}`);
  if (quantity < sku.minSaleQuantity) {
    return invalid(field, `${sku.code} is sold in quantities of at least ${toDecimal(sku.minSaleQuantity)}, not ${shown}`);
  }
  if (sku.maxSaleQuantity !== null && quantity > sku.maxSaleQuantity) {
    return invalid(field, `${sku.code} is sold in quantities of at most ${toDecimal(sku.maxSaleQuantity)}, not ${shown}`);
  }
  if (sku.quantityIncrements !== null && !isMultipleOf(quantity, sku.quantityIncrements)) {
    return invalid(field, `${sku.code} is sold in multiples of ${toDecimal(sku.quantityIncrements)}, not ${shown}`);
  }
  return null;
}

/** Parses a quantity as the user wrote it (2, "2.5") and checks it against the SKU's rules. */
export function parseSaleQuantity(sku: SaleRules, raw: unknown, field = 'quantity'): Quantity | DomainError {
  const q = parseQuantity(raw);
  if (isQuantityError(q)) {
    const why = q.kind === 'too_many_decimals' ? 'has more than 4 decimals' : q.kind === 'too_large' ? 'is too large' : 'is not a number';
    return invalid(field, `quantity of ${sku.code} ${why}: ${JSON.stringify(raw)}`);
  }
  return checkSaleQuantity(sku, q, field) ?? q;
}
