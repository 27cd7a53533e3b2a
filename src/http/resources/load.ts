// Reading resources: one row, a filtered/sorted/paginated list, and the `include` tree
// (loaded per relationship with one query per level, deduplicated). Scopes of sales channels
// are applied to every read, so a row outside the caller's scope is simply not found.
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { notFound } from '../../domain/errors.js';
import { compileFilters, sortColumn, type Lookup } from '../jsonapi/filter.js';
import type { ListQuery } from '../jsonapi/query.js';
import { toOneLinkage, toResourceObject, type Identifier, type Linkage, type ResourceObject } from '../jsonapi/serialize.js';
import { isToOne, type AnyRow, type ApiContext, type ResourceDefinition } from './define.js';
import { ApiError } from '../errors.js';
import { permits } from '../auth/context.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Select = SelectQueryBuilder<any, any, any>;

export const anyDb = (api: ApiContext): AnyDb => api.flow.db.kysely as unknown as AnyDb;

export function scoped(api: ApiContext, def: ResourceDefinition, qb: Select): Select {
  const scope = def.access?.scope;
  return scope && api.auth.kind === 'sales_channel' ? qb.where((eb) => scope(api.auth, eb)) : qb;
}

export async function findRow(api: ApiContext, def: ResourceDefinition, id: string): Promise<AnyRow> {
  const row = await scoped(api, def, anyDb(api).selectFrom(def.table).selectAll(def.table).where(`${def.table}.id`, '=', id)).executeTakeFirst();
  if (!row) throw notFound(def.type, id);
  return row as AnyRow;
}

export interface Base { readonly column: string; readonly value: string }

export async function listRows(api: ApiContext, def: ResourceDefinition, query: ListQuery, lookup: Lookup, base?: Base) {
  const where = compileFilters(def, query.filter, lookup);
  const filtered = (qb: Select): Select => {
    let q = scoped(api, def, qb);
    if (base) q = q.where(`${def.table}.${base.column}`, '=', base.value);
    return where ? q.where(where) : q;
  };
  const db = anyDb(api);
  // The page and the total in one query (the window count is taken before LIMIT); only a
  // page past the end, which has no row to carry the total, needs a separate count.
  let rows = filtered(db.selectFrom(def.table).selectAll(def.table)).select(sql<number>`count(*) OVER ()`.as(TOTAL));
  for (const key of query.sort) rows = rows.orderBy(sortColumn(def, key.attribute), key.descending ? 'desc' : 'asc');
  if (!query.sort.length) rows = rows.orderBy(`${def.table}.created_at`, 'asc');
  rows = rows.orderBy(`${def.table}.id`, 'asc').limit(query.page.size).offset((query.page.number - 1) * query.page.size);
  const page = (await rows.execute()) as AnyRow[];
  const total = page.length > 0 ? Number(page[0]?.[TOTAL])
    : Number((await filtered(db.selectFrom(def.table)).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  for (const row of page) delete row[TOTAL];
  return { rows: page, total };
}

const TOTAL = '__record_count';

export interface Rendered {
  readonly linkage: Map<string, Map<string, Linkage>>;
  readonly included: ResourceObject[];
}

/** Loads `include` paths below `rows`, filling linkage per row and the included list. */
export async function loadIncluded(
  api: ApiContext, def: ResourceDefinition, rows: AnyRow[], paths: readonly (readonly string[])[],
  render: (def: ResourceDefinition, row: AnyRow, linkage?: Map<string, Linkage>) => ResourceObject,
  lookup: Lookup, seen = new Map<string, ResourceObject>(),
): Promise<Rendered> {
  const linkage = new Map<string, Map<string, Linkage>>(rows.map((r) => [String(r.id), new Map()]));
  const groups = new Map<string, (readonly string[])[]>();
  for (const [head, ...rest] of paths) if (head) groups.set(head, [...(groups.get(head) ?? []), ...(rest.length ? [rest] : [])]);
  for (const [name, subPaths] of groups) {
    const rel = def.relationships?.[name];
    const target = rel && lookup(rel.type);
    if (!rel || !target) throw new ApiError('BAD_REQUEST', `${def.type} has no relationship ${name} to include`, { parameter: 'include' });
    if (!permits(api.auth, 'GET', target.access)) continue;
    const db = anyDb(api);
    let related: AnyRow[] = [];
    if (isToOne(rel)) {
      const ids = [...new Set(rows.map((r) => r[rel.toOne] as string | null).filter((v): v is string => !!v))];
      if (ids.length) related = (await scoped(api, target, db.selectFrom(target.table).selectAll(target.table).where(`${target.table}.id`, 'in', ids)).execute()) as AnyRow[];
      const found = new Set(related.map((r) => String(r.id)));
      for (const row of rows) {
        const link = toOneLinkage(def, row, name);
        linkage.get(String(row.id))?.set(name, link && !Array.isArray(link) && !found.has(link.id) ? null : link ?? null);
      }
    } else {
      const ids = rows.map((r) => String(r.id));
      if (ids.length) related = (await scoped(api, target, db.selectFrom(target.table).selectAll(target.table).where(`${target.table}.${rel.toMany.foreignKey}`, 'in', ids).orderBy(`${target.table}.created_at`).orderBy(`${target.table}.id`)).execute()) as AnyRow[];
      for (const row of rows) {
        const mine: Identifier[] = related.filter((r) => r[rel.toMany.foreignKey] === row.id).map((r) => ({ type: target.type, id: String(r.id) }));
        linkage.get(String(row.id))?.set(name, mine);
      }
    }
    const nested = subPaths.length ? await loadIncluded(api, target, related, subPaths, render, lookup, seen) : undefined;
    for (const r of related) {
      const key = `${target.type}:${String(r.id)}`;
      const object = render(target, r, nested?.linkage.get(String(r.id)));
      const previous = seen.get(key);
      seen.set(key, previous ? { ...previous, relationships: { ...previous.relationships, ...object.relationships } } : object);
    }
  }
  return { linkage, included: [...seen.values()] };
}

export { toResourceObject };
