// Reads an order stream from CSV: a header row, then one row per order line:
//   order_id,sku,quantity,lat,lng[,country_code,zip_code,placed_at]
// placed_at (optional, an ISO 8601 date-time) is the order's simulated arrival time.
// Rows with the same order_id form one order (in the order first seen); they must agree on
// the destination. lat/lng may be empty (the order then has no coordinates). Every bad row
// is reported with its line number and field.
import { parse } from 'csv-parse/sync';
import type { CsvError } from 'csv-parse/sync';
import { isQuantityError, parseQuantity } from '../domain/quantity.js';
import type { Destination, OrderLine } from '../domain/routing.js';
import type { OrdersResult } from './orders-file.js';
import type { SimOrder } from './types.js';

export const CSV_COLUMNS = ['order_id', 'sku', 'quantity', 'lat', 'lng', 'country_code', 'zip_code', 'placed_at'] as const;
const REQUIRED = CSV_COLUMNS.slice(0, 5);
const MAX_ERRORS = 20;

interface Row {
  readonly record: Record<string, string>;
  readonly info: { readonly lines: number };
}

export function parseOrdersCsv(text: string): OrdersResult {
  let rows: Row[];
  try {
    rows = parse(text, { columns: true, info: true, skip_empty_lines: true, trim: true, bom: true }) as Row[];
  } catch (error) {
    const e = error as CsvError & { lines?: number };
    return { ok: false, errors: [`line ${e.lines ?? '?'}: ${e.message.replace(/ on line \d+$/, '')}`] };
  }
  const header = rows[0] === undefined ? [] : Object.keys(rows[0].record);
  const missing = REQUIRED.filter((c) => !header.includes(c));
  const unknown = header.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  if (rows.length === 0) return { ok: false, errors: ['line 1: the CSV has no order rows (expected a header row, then one row per order line)'] };
  if (missing.length > 0 || unknown.length > 0) {
    return {
      ok: false,
      errors: [
        ...missing.map((c) => `line 1: the header has no "${c}" column (columns: ${CSV_COLUMNS.join(',')})`),
        ...unknown.map((c) => `line 1: "${c}" is not a known column (columns: ${CSV_COLUMNS.join(',')})`),
      ],
    };
  }

  const errors: string[] = [];
  const orders = new Map<string, { lines: OrderLine[]; destination: Destination; placedAt: number | null; line: number }>();
  for (const { record, info } of rows) {
    if (errors.length >= MAX_ERRORS) break;
    const at = `line ${info.lines}`;
    const id = record.order_id ?? '';
    const sku = record.sku ?? '';
    if (id === '') errors.push(`${at}: order_id: must not be empty`);
    if (sku === '') errors.push(`${at}: sku: must not be empty`);
    const quantity = parseQuantity(record.quantity);
    if (isQuantityError(quantity) || quantity <= 0) {
      errors.push(`${at}: quantity: must be a number greater than 0 with at most 4 decimals, not "${record.quantity ?? ''}"`);
    }
    const lat = coordinate(record.lat, 90, `${at}: lat`, errors);
    const lng = coordinate(record.lng, 180, `${at}: lng`, errors);
    if (lat !== undefined && lng !== undefined && (lat === null) !== (lng === null)) errors.push(`${at}: lat and lng must both be given or both be empty`);
    const placedAt = timestamp(record.placed_at, `${at}: placed_at`, errors);
    if (id === '' || sku === '' || isQuantityError(quantity) || placedAt === undefined) continue;
    const destination: Destination = { lat: lat ?? null, lng: lng ?? null, countryCode: orEmpty(record.country_code), zipCode: orEmpty(record.zip_code) };
    const order = orders.get(id);
    if (order === undefined) {
      orders.set(id, { lines: [{ id: 'l1', sku, quantity }], destination, placedAt, line: info.lines });
    } else if (!sameDestination(order.destination, destination)) {
      errors.push(`${at}: the destination (lat, lng, country_code, zip_code) differs from order ${id}'s first row on line ${order.line}`);
    } else if (order.placedAt !== placedAt) {
      errors.push(`${at}: placed_at differs from order ${id}'s first row on line ${order.line}`);
    } else {
      order.lines.push({ id: `l${order.lines.length + 1}`, sku, quantity });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const list: SimOrder[] = [...orders].map(([id, o]) => ({ id, lines: o.lines, destination: o.destination, ...(o.placedAt === null ? {} : { placedAt: o.placedAt }) }));
  return { ok: true, orders: list };
}

/** The coordinate, null when empty, undefined when invalid (reported). */
function coordinate(raw: string | undefined, limit: number, at: string, errors: string[]): number | null | undefined {
  if (raw === undefined || raw === '') return null;
  const n = Number(raw);
  if (!Number.isFinite(n) || Math.abs(n) > limit) {
    errors.push(`${at}: must be a number between -${limit} and ${limit}, not "${raw}"`);
    return undefined;
  }
  return n;
}

/** Milliseconds since the epoch, null when empty, undefined when invalid (reported). */
function timestamp(raw: string | undefined, at: string, errors: string[]): number | null | undefined {
  if (raw === undefined || raw === '') return null;
  const ms = parsePlacedAt(raw);
  if (ms === null) {
    errors.push(`${at}: must be an ISO 8601 date-time with a time zone, like 2030-01-01T09:30:00Z, not "${raw}"`);
    return undefined;
  }
  return ms;
}

/** An ISO 8601 date-time with a time zone (Z or ±hh:mm) as ms since the epoch; null otherwise. */
export function parsePlacedAt(raw: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(raw)) return null;
  const ms = Date.parse(raw);
  return Number.isFinite(ms) ? ms : null;
}

const orEmpty = (v: string | undefined) => (v === undefined || v === '' ? null : v);

const sameDestination = (a: Destination, b: Destination) =>
  a.lat === b.lat && a.lng === b.lng && a.countryCode === b.countryCode && a.zipCode === b.zipCode;
