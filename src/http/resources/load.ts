// Reading resources: one row, a filtered/sorted/paginated list, and the `include` tree
// (loaded per relationship with one query per level, deduplicated; a list's top-level
// to-one includes are joined to its page statement instead). Scopes of sales channels
// are applied to every read, so a row outside the caller's scope is simply not found.
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { notFound } from '../../domain/errors.js';
import { compileFilters, sortColumn, type Lookup } from '../jsonapi/filter.js';
import type { ListQuery } from '../jsonapi/query.js';
import { toOneLinkage, toResourceObject, type Identifier, type Linkage, type ResourceObject } from '../jsonapi/serialize.js';
import { isToOne, type AnyRow, type ApiContext, type RelationshipSpec, type ResourceDefinition } from './define.js';
import { tableColumns } from '../../store/table-columns.js';
import { selectCoalesced } from '../../store/coalesced-statements.js';
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

/**
 * A page of `def` rows (filtered, sorted) with the total, in one statement. The records of
 * top-level to-one includes (`include=stock_location`) come in the same statement, through a
 * LEFT JOIN on the foreign key (in the caller's scope), as `prefetched` for loadIncluded:
 * a list with such an include is one round trip to the database, not one per include.
 */
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
  const folds = await foldableIncludes(api, def, query.include, lookup);
  for (const [i, { target, rel, columns }] of folds.entries()) {
    const scope = target.access?.scope;
    rows = rows.leftJoin(target.table, (join) => {
      const on = join.onRef(`${target.table}.id`, '=', `${def.table}.${rel.toOne}`);
      return scope && api.auth.kind === 'sales_channel' ? on.on((eb) => scope(api.auth, eb)) : on;
    }).select(columns.map((c) => sql.ref(`${target.table}.${c}`).as(`${FOLDED}${i}.${c}`)));
  }
  for (const key of query.sort) rows = rows.orderBy(sortColumn(def, key.attribute), key.descending ? 'desc' : 'asc');
  if (!query.sort.length) rows = rows.orderBy(`${def.table}.created_at`, 'asc');
  rows = rows.orderBy(`${def.table}.id`, 'asc').limit(query.page.size).offset((query.page.number - 1) * query.page.size);
  const page = (await selectCoalesced(api.flow.db, rows.compile())) as AnyRow[];
  const total = page.length > 0 ? Number(page[0]?.[TOTAL])
    : Number((await filtered(db.selectFrom(def.table)).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  for (const row of page) delete row[TOTAL];
  const prefetched = new Map<string, AnyRow[]>();
  for (const [i, { name, columns }] of folds.entries()) prefetched.set(name, unfold(page, `${FOLDED}${i}.`, columns));
  return { rows: page, total, prefetched };
}

const TOTAL = '__record_count';
const FOLDED = '__include';

interface Fold {
  readonly name: string;
  readonly rel: Extract<RelationshipSpec, { toOne: string }>;
  readonly target: ResourceDefinition;
  readonly columns: readonly string[];
}

/**
 * The top-level to-one includes that can join the page: the caller may read the target, and
 * its table is neither the listed one nor one already joined (their columns are qualified
 * by table name). Anything else (to-many, nested paths, unknown names) is loadIncluded's.
 */
async function foldableIncludes(api: ApiContext, def: ResourceDefinition, paths: ListQuery['include'], lookup: Lookup): Promise<Fold[]> {
  const folds: Fold[] = [];
  const tables = new Set([def.table]);
  for (const name of new Set(paths.map(([head]) => head))) {
    const rel = name === undefined ? undefined : def.relationships?.[name];
    const target = rel && lookup(rel.type);
    if (!name || !rel || !isToOne(rel) || !target || tables.has(target.table) || !permits(api.auth, 'GET', target.access)) continue;
    tables.add(target.table);
    folds.push({ name, rel, target, columns: await tableColumns(anyDb(api), target.table) });
  }
  return folds;
}

/** Moves the aliased columns of one folded include out of the page rows: its distinct records, in order of first use. */
function unfold(page: AnyRow[], prefix: string, columns: readonly string[]): AnyRow[] {
  const records = new Map<string, AnyRow>();
  for (const row of page) {
    const record: AnyRow = {};
    for (const c of columns) {
      record[c] = row[prefix + c];
      delete row[prefix + c];
    }
    if (record.id !== null && record.id !== undefined && !records.has(String(record.id))) records.set(String(record.id), record);
  }
  return [...records.values()];
}

export interface Rendered {
  readonly linkage: Map<string, Map<string, Linkage>>;
  readonly included: ResourceObject[];
}

/**
 * Loads `include` paths below `rows`, filling linkage per row and the included list. The
 * records of a to-one relationship already read with the rows (listRows) are taken from
 * `prefetched` instead of being queried.
 */
export async function loadIncluded(
  api: ApiContext, def: ResourceDefinition, rows: AnyRow[], paths: readonly (readonly string[])[],
  render: (def: ResourceDefinition, row: AnyRow, linkage?: Map<string, Linkage>) => ResourceObject,
  lookup: Lookup, seen = new Map<string, ResourceObject>(), prefetched?: ReadonlyMap<string, AnyRow[]>,
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
      const ready = prefetched?.get(name);
      if (ready) related = ready;
      else if (ids.length) related = (await scoped(api, target, db.selectFrom(target.table).selectAll(target.table).where(`${target.table}.id`, 'in', ids)).execute()) as AnyRow[];
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
