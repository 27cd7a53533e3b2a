// Magento's searchCriteria query syntax, parsed from the flat query keys Fastify gives us:
//   searchCriteria[filter_groups][G][filters][F][field|value|condition_type]=…
//   searchCriteria[sortOrders][N][field|direction]=…, searchCriteria[pageSize], [currentPage]
// Filters inside a group are OR-ed, groups are AND-ed (Magento's rule); `like` ignores case, as
// MySQL's default collation does. Each service names the fields it can filter and sort on and
// the SQL expression behind each; anything else is a 400 naming the field. Lists answer Magento's envelope { items, search_criteria, total_count }.
import { sql, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { MagentoError } from './errors.js';

export interface Filter { readonly field: string; readonly value: string; readonly condition_type: string }
export interface SortOrder { readonly field: string; readonly direction: 'ASC' | 'DESC' }
export interface SearchCriteria {
  readonly filter_groups: { readonly filters: Filter[] }[];
  readonly sort_orders?: SortOrder[];
  readonly page_size?: number;
  readonly current_page?: number;
}

export type FieldKind = 'text' | 'number' | 'boolean' | 'date';
/** Magento field → SQL expression and how its values are read. */
export type Fields = Readonly<Record<string, { readonly sql: Expression<unknown>; readonly kind: FieldKind }>>;

const FILTER = /^searchCriteria\[filter_?[gG]roups\]\[(\d+)\]\[filters\]\[(\d+)\]\[(field|value|condition_?[tT]ype)\]$/;
const SORT = /^searchCriteria\[sort_?[oO]rders\]\[(\d+)\]\[(field|direction)\]$/;

export function parseSearchCriteria(query: Record<string, unknown>): SearchCriteria {
  const groups: Record<string, Filter>[] = [];
  const sorts: Partial<SortOrder>[] = [];
  let pageSize: number | undefined;
  let currentPage: number | undefined;
  for (const [key, raw] of Object.entries(query)) {
    const value = Array.isArray(raw) ? String(raw.at(-1)) : String(raw);
    const f = FILTER.exec(key);
    const s = SORT.exec(key);
    if (f) {
      const group = (groups[Number(f[1])] ??= {});
      const filter = (group[f[2] ?? '0'] ??= { field: '', value: '', condition_type: 'eq' }) as { field: string; value: string; condition_type: string };
      const part = f[3]?.toLowerCase().startsWith('condition') ? 'condition_type' : (f[3] as 'field' | 'value');
      filter[part] = value;
    } else if (s) {
      const sort = (sorts[Number(s[1])] ??= {}) as { field?: string; direction?: string };
      if (s[2] === 'field') sort.field = value;
      else sort.direction = value.toUpperCase();
    } else if (key === 'searchCriteria[pageSize]' || key === 'searchCriteria[page_size]') {
      pageSize = positiveInt(value, 'pageSize');
    } else if (key === 'searchCriteria[currentPage]' || key === 'searchCriteria[current_page]') {
      currentPage = positiveInt(value, 'currentPage');
    }
  }
  const sortOrders = sorts.filter(Boolean).map((s) => {
    if (!s.field) throw new MagentoError(400, 'A sort order needs a field.');
    if (s.direction !== undefined && s.direction !== 'ASC' && s.direction !== 'DESC') throw new MagentoError(400, 'Sort order direction must be ASC or DESC.');
    return { field: s.field, direction: s.direction ?? 'ASC' } as SortOrder;
  });
  return {
    filter_groups: groups.filter(Boolean).map((g) => ({ filters: Object.values(g) })),
    ...(sortOrders.length > 0 ? { sort_orders: sortOrders } : {}),
    ...(pageSize !== undefined ? { page_size: pageSize } : {}),
    ...(currentPage !== undefined ? { current_page: currentPage } : {}),
  };
}

function positiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new MagentoError(400, `searchCriteria[${name}] must be a positive whole number, not "${value}".`);
  return n;
}

function fieldOf(fields: Fields, name: string) {
  const f = fields[name];
  if (!f) throw new MagentoError(400, 'The field "%1" can not be used in searchCriteria; use one of: %2.', [name, Object.keys(fields).join(', ')]);
  return f;
}

function typed(kind: FieldKind, raw: string, field: string): string | number | boolean {
  if (kind === 'number') {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) throw new MagentoError(400, 'The value "%1" of "%2" is not a number.', [raw, field]);
    return n;
  }
  if (kind === 'boolean') return raw === '1' || raw.toLowerCase() === 'true';
  return raw;
}

function condition(fields: Fields, f: Filter): Expression<SqlBool> {
  const { sql: column, kind } = fieldOf(fields, f.field);
  const one = () => typed(kind, f.value, f.field);
  const list = () => f.value.split(',').map((v) => typed(kind, v.trim(), f.field));
  const inList = (values: (string | number | boolean)[]) => sql.join(values.map((v) => sql`${v}`));
  switch (f.condition_type.toLowerCase()) {
    case 'eq': return sql<SqlBool>`${column} = ${one()}`;
    case 'neq': return sql<SqlBool>`${column} <> ${one()}`;
    case 'gt': return sql<SqlBool>`${column} > ${one()}`;
    case 'gteq': case 'from': case 'moreq': return sql<SqlBool>`${column} >= ${one()}`;
    case 'lt': return sql<SqlBool>`${column} < ${one()}`;
    case 'lteq': case 'to': return sql<SqlBool>`${column} <= ${one()}`;
    case 'like': return sql<SqlBool>`${column}::text ILIKE ${f.value}`;
    case 'nlike': return sql<SqlBool>`${column}::text NOT ILIKE ${f.value}`;
    case 'in': return sql<SqlBool>`${column} IN (${inList(list())})`;
    case 'nin': return sql<SqlBool>`${column} NOT IN (${inList(list())})`;
    case 'null': return sql<SqlBool>`${column} IS NULL`;
    case 'notnull': return sql<SqlBool>`${column} IS NOT NULL`;
    case 'finset': return sql<SqlBool>`${one()}::text = ANY (string_to_array(${column}::text, ','))`;
    default: throw new MagentoError(400, 'Invalid condition type "%1".', [f.condition_type]);
  }
}

/** WHERE of the criteria's filter groups (no paging), for the items and their total. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function whereCriteria<Q extends SelectQueryBuilder<any, any, any>>(query: Q, criteria: SearchCriteria, fields: Fields): Q {
  let q = query;
  for (const group of criteria.filter_groups) {
    if (group.filters.length === 0) continue;
    const any = sql.join(group.filters.map((f) => sql`(${condition(fields, f)})`), sql` OR `);
    q = q.where(sql<SqlBool>`(${any})`) as Q;
  }
  return q;
}

/** Items of one page and the total, in Magento's list envelope. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function searchList<R, Q extends SelectQueryBuilder<any, any, any>>(
  base: Q, criteria: SearchCriteria, fields: Fields, defaultOrder: readonly string[], map: (row: Record<string, unknown>) => R,
): Promise<{ items: R[]; search_criteria: SearchCriteria; total_count: number }> {
  const filtered = whereCriteria(base, criteria, fields);
  const counted = await filtered.clearSelect().select(sql<number>`count(*)`.as('n')).executeTakeFirst() as { n: number | string } | undefined;
  let q = filtered;
  for (const s of criteria.sort_orders ?? []) q = q.orderBy(sql`${fieldOf(fields, s.field).sql} ${sql.raw(s.direction)}`) as Q;
  for (const name of defaultOrder) q = q.orderBy(sql`${fieldOf(fields, name).sql}`) as Q;
  if (criteria.page_size !== undefined) q = q.limit(criteria.page_size).offset(criteria.page_size * ((criteria.current_page ?? 1) - 1)) as Q;
  const rows = (await q.execute()) as Record<string, unknown>[];
  return { items: rows.map(map), search_criteria: criteria, total_count: Number(counted?.n ?? 0) };
}
