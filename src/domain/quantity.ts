// Exact quantities: fixed-point numbers with 4 decimals, held as integer counts of
// ten-thousandths. 5.5 + 2.5 is exactly 8 and 0.1 × 3 is exactly 0.3 because every
// operation works on integers; only `toDecimal` turns a quantity back into a plain number.

export type Quantity = number & { readonly __quantity: unique symbol };

export const SCALE = 10_000;
export const DECIMALS = 4;
export const ZERO = 0 as Quantity;

/** The error a parse returns (never throws) when a value is not a valid quantity. */
export interface QuantityParseError {
  readonly kind: 'not_a_number' | 'too_many_decimals' | 'too_large';
  readonly value: unknown;
}

const MAX_SCALED = Number.MAX_SAFE_INTEGER;

/** Parses a decimal number or numeric string with at most 4 decimals. */
export function parseQuantity(value: unknown): Quantity | QuantityParseError {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) return { kind: 'not_a_number', value };
  const scaled = Math.round(n * SCALE);
  if (Math.abs(scaled) > MAX_SCALED) return { kind: 'too_large', value };
  // n * SCALE carries the binary representation error of n; allow that, not a 5th decimal.
  if (Math.abs(scaled - n * SCALE) > 1e-6 * Math.max(1, Math.abs(n))) return { kind: 'too_many_decimals', value };
  return (scaled === 0 ? 0 : scaled) as Quantity;
}

export function isQuantityError(q: Quantity | QuantityParseError): q is QuantityParseError {
  return typeof q !== 'number';
}

/** A quantity from a trusted decimal literal (tests, constants). Throws on invalid input. */
export function qty(value: number | string): Quantity {
  const q = parseQuantity(value);
  if (isQuantityError(q)) throw new RangeError(`not a quantity with at most ${DECIMALS} decimals: ${String(value)}`);
  return q;
}

/** The plain decimal number of a quantity (exact for printing: 3000 → 0.3). */
export function toDecimal(q: Quantity): number {
  return q / SCALE;
}

/** Decimal string with no trailing zeros, for SQL numeric parameters. */
export function toDecimalString(q: Quantity): string {
  return String(toDecimal(q));
}

export const add = (a: Quantity, b: Quantity): Quantity => (a + b) as Quantity;
export const sub = (a: Quantity, b: Quantity): Quantity => (a - b) as Quantity;
export const min = (a: Quantity, b: Quantity): Quantity => (a < b ? a : b);
export const max = (a: Quantity, b: Quantity): Quantity => (a > b ? a : b);
/** Multiplies by a whole number of times (0.1 × 3 = 0.3). */
export const times = (a: Quantity, n: number): Quantity => (a * n) as Quantity;
export const clampZero = (a: Quantity): Quantity => (a < 0 ? ZERO : a);
export const isZero = (a: Quantity): boolean => a === 0;
export const isPositive = (a: Quantity): boolean => a > 0;
export const sum = (qs: Iterable<Quantity>): Quantity => {
  let total = 0;
  for (const q of qs) total += q;
  return total as Quantity;
};
/** True when `q` is a whole multiple of `step` (quantity increments). */
export const isMultipleOf = (q: Quantity, step: Quantity): boolean => step === 0 || q % step === 0;
/** True when `q` has no fractional part. */
export const isWhole = (q: Quantity): boolean => q % SCALE === 0;

/**
 * SKU → quantity maps and their small algebra (after Solidus' StockQuantities):
 * the allocators are written as set arithmetic on these.
 */
export type QuantityMap = ReadonlyMap<string, Quantity>;

export function quantityMap(entries: Iterable<readonly [string, Quantity]>): QuantityMap {
  const out = new Map<string, Quantity>();
  for (const [k, q] of entries) out.set(k, add(out.get(k) ?? ZERO, q));
  return dropZeros(out);
}

/** a + b, key by key. */
export function plus(a: QuantityMap, b: QuantityMap): QuantityMap {
  const out = new Map(a);
  for (const [k, q] of b) out.set(k, add(out.get(k) ?? ZERO, q));
  return dropZeros(out);
}

/** a − b, key by key (may go negative; callers clamp where that is what they mean). */
export function minus(a: QuantityMap, b: QuantityMap): QuantityMap {
  const out = new Map(a);
  for (const [k, q] of b) out.set(k, sub(out.get(k) ?? ZERO, q));
  return dropZeros(out);
}

/** a & b: the keys in both, at the smaller quantity (what b can give of what a needs). */
export function intersect(a: QuantityMap, b: QuantityMap): QuantityMap {
  const out = new Map<string, Quantity>();
  for (const [k, q] of a) {
    const other = b.get(k);
    if (other !== undefined) out.set(k, min(q, other));
  }
  return dropZeros(out);
}

/** True when every quantity of `need` is covered by `have`. */
export function covers(have: QuantityMap, need: QuantityMap): boolean {
  for (const [k, q] of need) if ((have.get(k) ?? ZERO) < q) return false;
  return true;
}

export function isEmpty(m: QuantityMap): boolean {
  return m.size === 0;
}

function dropZeros(m: Map<string, Quantity>): QuantityMap {
  for (const [k, q] of m) if (q === 0) m.delete(k);
  return m;
}
