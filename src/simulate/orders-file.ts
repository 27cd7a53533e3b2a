// Reads an order stream file, choosing the parser by extension: .csv, .ndjson/.jsonl, .json;
// any other name is sniffed (a leading `[` or `{` is JSON, several `{` lines NDJSON, else CSV).
import { parseOrdersCsv } from './orders-csv.js';
import { parseOrdersJson, parseOrdersNdjson } from './orders-json.js';
import type { SimOrder } from './types.js';

export type OrdersResult = { readonly ok: true; readonly orders: readonly SimOrder[] } | { readonly ok: false; readonly errors: readonly string[] };

export type OrdersFormat = 'csv' | 'json' | 'ndjson';

export function ordersFormat(path: string, text: string): OrdersFormat {
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  if (lower.endsWith('.json')) return 'json';
  const body = text.trimStart();
  if (body.startsWith('[')) return 'json';
  if (body.startsWith('{')) return /\}\s*\n\s*\{/.test(body) ? 'ndjson' : 'json';
  return 'csv';
}

export function parseOrders(path: string, text: string): OrdersResult {
  const format = ordersFormat(path, text);
  switch (format) {
    case 'csv':
      return parseOrdersCsv(text);
    case 'json':
      return parseOrdersJson(text);
    case 'ndjson':
      return parseOrdersNdjson(text);
    default: {
      const unknown: never = format;
      throw new Error(`unknown orders format ${String(unknown)}`);
    }
  }
}
