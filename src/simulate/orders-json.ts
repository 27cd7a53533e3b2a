// Reads an order stream from JSON (an array of orders, or `{ "orders": [...] }`) or NDJSON
// (one order per line). An order is
//   { "id": "o-1", "lines": [{ "sku": "A", "quantity": 2 }],
//     "shipping_address": { "lat": 48.1, "lng": 11.6, "country_code": "DE", "zip_code": "80331" },
//     "placed_at": "2030-01-01T09:30:00Z" }   (placed_at optional: the simulated arrival time)
// Errors name the field (`orders[3].lines[0].quantity`), and for NDJSON the line number.
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { parseJson } from '../cli/route-format/json.js';
import { describeErrors } from '../cli/route-format/messages.js';
import { AddressSchema, QUANTITY_EXPECTED } from '../cli/route-format/schema.js';
import { isQuantityError, parseQuantity } from '../domain/quantity.js';
import type { OrderLine } from '../domain/routing.js';
import { parsePlacedAt } from './orders-csv.js';
import type { OrdersResult } from './orders-file.js';
import type { SimOrder } from './types.js';

const OrderSchema = Type.Object(
  {
    id: Type.Union([Type.String({ minLength: 1 }), Type.Integer()], { expected: 'a non-empty order id' }),
    lines: Type.Array(
      Type.Object(
        {
          id: Type.Optional(Type.String({ minLength: 1 })),
          sku: Type.String({ minLength: 1, expected: 'a non-empty SKU code' }),
          quantity: Type.Number({ exclusiveMinimum: 0, expected: QUANTITY_EXPECTED, messages: { exclusiveMinimum: 'must be greater than 0' } }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
    shipping_address: Type.Optional(Type.Union([AddressSchema, Type.Null()], { expected: 'an address object or null' })),
    placed_at: Type.Optional(Type.String({ expected: 'an ISO 8601 date-time with a time zone, like 2030-01-01T09:30:00Z' })),
  },
  { additionalProperties: false },
);
const OrdersSchema = Type.Array(OrderSchema);
const validator = Compile(OrdersSchema);
type OrderInput = Static<typeof OrderSchema>;
const MAX_ERRORS = 20;

export function parseOrdersJson(text: string): OrdersResult {
  const json = parseJson(text);
  if (!json.ok) return { ok: false, errors: [json.message] };
  const wrapped = json.value !== null && typeof json.value === 'object' && !Array.isArray(json.value) && 'orders' in json.value;
  const value = wrapped ? (json.value as { orders: unknown }).orders : json.value;
  if (!validator.Check(value)) {
    // Paths are relative to the orders array: `[3].lines[0].quantity` → `orders[3].lines[0].quantity`.
    const errors = describeErrors(OrdersSchema, validator.Errors(value)).map((m) => (m.startsWith('input') ? `orders${m.slice(5)}` : `orders${m}`));
    return { ok: false, errors: errors.slice(0, MAX_ERRORS) };
  }
  return toOrders(value, (i) => `orders[${i}]`);
}

export function parseOrdersNdjson(text: string): OrdersResult {
  const values: unknown[] = [];
  const lineOf: number[] = [];
  const errors: string[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '' || errors.length >= MAX_ERRORS) return;
    const json = parseJson(raw);
    if (!json.ok) return errors.push(`line ${i + 1}: ${json.message}`);
    if (!validator.Check([json.value])) {
      for (const m of describeErrors(OrdersSchema, validator.Errors([json.value]))) errors.push(`line ${i + 1}: ${m.replace(/^\[0\]\./, '').replace(/^\[0\]/, 'order')}`);
      return;
    }
    values.push(json.value);
    lineOf.push(i + 1);
  });
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, MAX_ERRORS) };
  return toOrders(values as OrderInput[], (i) => `line ${lineOf[i]}`);
}

function toOrders(inputs: readonly OrderInput[], where: (i: number) => string): OrdersResult {
  const errors: string[] = [];
  const seen = new Set<string>();
  const orders: SimOrder[] = inputs.map((o, i) => {
    const id = String(o.id);
    if (seen.has(id)) errors.push(`${where(i)}: id: duplicate order id "${id}"`);
    seen.add(id);
    const lines: OrderLine[] = o.lines.map((l, j) => {
      const q = parseQuantity(l.quantity);
      if (isQuantityError(q)) errors.push(`${where(i)}: lines[${j}].quantity: must be ${QUANTITY_EXPECTED}`);
      return { id: l.id ?? `l${j + 1}`, sku: l.sku, quantity: isQuantityError(q) ? (0 as OrderLine['quantity']) : q };
    });
    const a = o.shipping_address ?? null;
    if (a !== null && (a.lat ?? null) === null !== ((a.lng ?? null) === null)) errors.push(`${where(i)}: shipping_address: lat and lng must both be given or both be null`);
    const destination = { lat: a?.lat ?? null, lng: a?.lng ?? null, countryCode: a?.country_code ?? null, zipCode: a?.zip_code ?? null };
    const placedAt = o.placed_at === undefined ? undefined : parsePlacedAt(o.placed_at);
    if (placedAt === null) errors.push(`${where(i)}: placed_at: must be an ISO 8601 date-time with a time zone, like 2030-01-01T09:30:00Z, not "${o.placed_at}"`);
    return { id, lines, destination, ...(placedAt === undefined || placedAt === null ? {} : { placedAt }) };
  });
  return errors.length > 0 ? { ok: false, errors: errors.slice(0, MAX_ERRORS) } : { ok: true, orders };
}
