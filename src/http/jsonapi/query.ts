// Parses a JSON:API query string (page, sort, include, fields, filter[q]) from the raw URL.
// Fastify's default parser does not nest brackets, and clients percent-encode them, so we read
// the query with URLSearchParams (which decodes %5B/%5D) and pick the bracketed keys ourselves.
import { ApiError } from '../errors.js';

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 25;

export interface SortKey { readonly attribute: string; readonly descending: boolean }

export interface ListQuery {
  readonly page: { readonly number: number; readonly size: number };
  readonly sort: readonly SortKey[];
  /** Relationship paths, each split on dots: `include=sku,stock_location.address`. */
  readonly include: readonly (readonly string[])[];
  /** type → attribute/relationship names to keep. */
  readonly fields: ReadonlyMap<string, ReadonlySet<string>>;
  /** Ransack predicates: `stock_location_code_eq` → value. */
  readonly filter: ReadonlyMap<string, string>;
}

const bracketed = (key: string, prefix: string): string[] | undefined => {
  if (!key.startsWith(`${prefix}[`)) return undefined;
  const parts = [...key.slice(prefix.length).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? '');
  return parts.length ? parts : undefined;
};

function positiveInt(value: string, parameter: string, max?: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new ApiError('BAD_REQUEST', `${parameter} must be a whole number ≥ 1`, { parameter });
  if (max !== undefined && n > max) throw new ApiError('BAD_REQUEST', `${parameter} must be at most ${max}`, { parameter });
  return n;
}

const list = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);

export function parseListQuery(url: string): ListQuery {
  const search = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
  let number = 1;
  let size = DEFAULT_PAGE_SIZE;
  let sort: SortKey[] = [];
  let include: string[][] = [];
  const fields = new Map<string, Set<string>>();
  const filter = new Map<string, string>();
  for (const [key, value] of search) {
    if (key === 'page[number]') number = positiveInt(value, key);
    else if (key === 'page[size]') size = positiveInt(value, key, MAX_PAGE_SIZE);
    else if (key === 'sort') sort = list(value).map((s) => ({ attribute: s.replace(/^-/, ''), descending: s.startsWith('-') }));
    else if (key === 'include') include = list(value).map((path) => path.split('.'));
    else {
      const f = bracketed(key, 'fields');
      if (f?.length === 1) {
        fields.set(f[0] ?? '', new Set(list(value)));
        continue;
      }
      const q = bracketed(key, 'filter');
      if (q?.[0] === 'q' && q.length === 2) filter.set(q[1] ?? '', value);
      else if (q) throw new ApiError('BAD_REQUEST', `unsupported filter ${key}; use filter[q][attribute_matcher]`, { parameter: key });
    }
  }
  return { page: { number, size }, sort, include, fields, filter };
}
