// Ransack-style predicates (`filter[q][sku_code_in]=A,B`) compiled to Kysely expressions.
// Only whitelisted attributes (`filter: true`) of the resource, or of a resource one
// relationship away, can be filtered; values are always bound parameters.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { TSchema } from 'typebox';
import { ApiError } from '../errors.js';
import { isToOne, type ResourceDefinition } from '../resources/define.js';

const MATCHERS = [
  'not_null', 'not_eq', 'not_in', 'present', 'matches', 'start', 'blank', 'false', 'lteq', 'gteq',
  'cont', 'true', 'null', 'end', 'eq', 'in', 'lt', 'gt',
] as const;
type Matcher = (typeof MATCHERS)[number];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Eb = ExpressionBuilder<any, any>;
export type Lookup = (type: string) => ResourceDefinition | undefined;

const COMMON_FILTERABLE = ['id', 'created_at', 'updated_at', 'reference', 'reference_origin'];

function schemaKind(schema: TSchema | undefined): 'boolean' | 'number' | 'other' {
  const s = schema as { type?: string; anyOf?: TSchema[] } | undefined;
  if (s?.type === 'boolean') return 'boolean';
  if (s?.type === 'number' || s?.type === 'integer') return 'number';
  if (s?.anyOf) for (const inner of s.anyOf) { const k = schemaKind(inner); if (k !== 'other') return k; }
  return 'other';
}

interface Column { readonly ref: string; readonly kind: 'boolean' | 'number' | 'other' }

function columnOf(def: ResourceDefinition, attribute: string): Column | undefined {
  if (COMMON_FILTERABLE.includes(attribute)) return { ref: `${def.table}.${attribute}`, kind: 'other' };
  const spec = def.attributes[attribute];
  if (!spec?.filter || spec.read) return undefined;
  return { ref: `${def.table}.${spec.column ?? attribute}`, kind: schemaKind(spec.schema) };
}

const truthy = (v: string) => ['true', '1', 't', 'yes'].includes(v.toLowerCase());
const likeEscape = (v: string) => v.replace(/[\\%_]/g, (c) => `\\${c}`);

function typed(value: string, column: Column, parameter: string): string | number | boolean {
  if (column.kind === 'boolean') return truthy(value);
  if (column.kind === 'number') {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) throw new ApiError('BAD_REQUEST', `${parameter} needs a number`, { parameter });
    return n;
  }
  return value;
}

function predicate(eb: Eb, column: Column, matcher: Matcher, raw: string, parameter: string): Expression<SqlBool> {
  const ref = eb.ref(column.ref);
  const text = sql`${sql.ref(column.ref)}::text`;
  const values = () => raw.split(',').map((v) => typed(v.trim(), column, parameter));
  switch (matcher) {
    case 'eq': return eb(ref, '=', typed(raw, column, parameter));
    case 'not_eq': return eb.or([eb(ref, '<>', typed(raw, column, parameter)), eb(ref, 'is', null)]);
    case 'in': return eb(ref, 'in', values());
    case 'not_in': return eb.or([eb(ref, 'not in', values()), eb(ref, 'is', null)]);
    case 'lt': return eb(ref, '<', typed(raw, column, parameter));
    case 'lteq': return eb(ref, '<=', typed(raw, column, parameter));
    case 'gt': return eb(ref, '>', typed(raw, column, parameter));
    case 'gteq': return eb(ref, '>=', typed(raw, column, parameter));
    case 'start': return eb(text, 'ilike', `${likeEscape(raw)}%`);
    case 'end': return eb(text, 'ilike', `%${likeEscape(raw)}`);
    case 'cont': return eb(text, 'ilike', `%${likeEscape(raw)}%`);
    case 'matches': return eb(text, 'ilike', raw);
    case 'null': return eb(ref, truthy(raw) ? 'is' : 'is not', null);
    case 'not_null': return eb(ref, truthy(raw) ? 'is not' : 'is', null);
    case 'present': return truthy(raw) ? eb.and([eb(ref, 'is not', null), eb(text, '<>', '')]) : eb.or([eb(ref, 'is', null), eb(text, '=', '')]);
    case 'blank': return truthy(raw) ? eb.or([eb(ref, 'is', null), eb(text, '=', '')]) : eb.and([eb(ref, 'is not', null), eb(text, '<>', '')]);
    case 'true': return eb(ref, '=', truthy(raw));
    case 'false': return eb(ref, '=', !truthy(raw));
    default: {
      const never: never = matcher;
      return never;
    }
  }
}

function split(key: string): { path: string; matcher: Matcher } | undefined {
  for (const matcher of MATCHERS) if (key.endsWith(`_${matcher}`)) return { path: key.slice(0, -matcher.length - 1), matcher };
  return undefined;
}

function compileOne(eb: Eb, def: ResourceDefinition, key: string, value: string, lookup: Lookup): Expression<SqlBool> {
  const parameter = `filter[q][${key}]`;
  const parsed = split(key);
  if (!parsed) throw new ApiError('BAD_REQUEST', `${parameter}: unknown matcher`, { parameter });
  const own = columnOf(def, parsed.path);
  if (own) return predicate(eb, own, parsed.matcher, value, parameter);
  for (const [name, rel] of Object.entries(def.relationships ?? {})) {
    if (!parsed.path.startsWith(`${name}_`)) continue;
    const target = lookup(rel.type);
    const column = target && columnOf(target, parsed.path.slice(name.length + 1));
    if (!target || !column) continue;
    const inner = (ieb: Eb) => predicate(ieb, column, parsed.matcher, value, parameter);
    if (isToOne(rel)) {
      return eb(eb.ref(`${def.table}.${rel.toOne}`), 'in', eb.selectFrom(target.table).select(`${target.table}.id`).where(inner));
    }
    return eb(eb.ref(`${def.table}.id`), 'in', eb.selectFrom(target.table).select(`${target.table}.${rel.toMany.foreignKey}`).where(inner));
  }
  throw new ApiError('BAD_REQUEST', `${parameter}: ${parsed.path} cannot be filtered on ${def.type}`, { parameter });
}

/** One AND of every predicate, or undefined when there are none. */
export function compileFilters(def: ResourceDefinition, filters: ReadonlyMap<string, string>, lookup: Lookup) {
  if (filters.size === 0) return undefined;
  return (eb: Eb) => eb.and([...filters].map(([key, value]) => compileOne(eb, def, key, value, lookup)));
}

export function sortColumn(def: ResourceDefinition, attribute: string): string {
  if (['id', 'created_at', 'updated_at', 'reference'].includes(attribute)) return `${def.table}.${attribute}`;
  const spec = def.attributes[attribute];
  if (!spec?.sort || spec.read) throw new ApiError('BAD_REQUEST', `cannot sort ${def.type} by ${attribute}`, { parameter: 'sort' });
  return `${def.table}.${spec.column ?? attribute}`;
}
