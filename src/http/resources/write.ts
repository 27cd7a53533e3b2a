// The default writes of a resource without flow hooks: one INSERT / UPDATE / DELETE in a
// transaction. Constraint violations surface as PostgreSQL errors that http/errors.ts maps
// (unique → 409 naming the field, foreign key on delete → 423, check → 422).
import { newId } from '../../store/ids.js';
import { inTransaction } from '../../store/transaction.js';
import { isToOne, writable, type AnyRow, type ApiContext, type ResourceDefinition, type WriteInput } from './define.js';
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyInput = WriteInput<any>;

const COMMON = ['reference', 'reference_origin', 'metadata'];

/** Column values for the attributes and to-one relationships present in the input. */
export function columnsOf(def: ResourceDefinition, input: AnyInput, mode: 'create' | 'update'): AnyRow {
  const out: AnyRow = {};
  for (const [name, value] of Object.entries(input.attributes as Record<string, unknown>)) {
    if (value === undefined) continue;
    if (COMMON.includes(name)) {
      out[name] = name === 'metadata' ? JSON.stringify(value ?? {}) : value;
      continue;
    }
    const spec = def.attributes[name];
    // Arrays and objects go to jsonb columns (the schema has no PostgreSQL arrays).
    if (spec && !spec.read && writable(spec, mode)) out[spec.column ?? name] = typeof value === 'object' && value !== null ? JSON.stringify(value) : value;
  }
  for (const [name, id] of Object.entries(input.relationships)) {
    const rel = def.relationships?.[name];
    if (rel && isToOne(rel) && rel.write !== false) out[rel.toOne] = id;
  }
  return out;
}

export async function defaultCreate(api: ApiContext, def: ResourceDefinition, input: AnyInput): Promise<string> {
  const id = newId(def.idPrefix);
  const now = api.flow.now();
  const values = { id, created_at: now, updated_at: now, ...columnsOf(def, input, 'create') };
  await inTransaction(api.flow.db, (trx) => (trx as unknown as AnyDb).insertInto(def.table).values(values).execute());
  return id;
}

export async function defaultUpdate(api: ApiContext, def: ResourceDefinition, id: string, input: AnyInput): Promise<void> {
  const values = columnsOf(def, input, 'update');
  if (Object.keys(values).length === 0) return;
  await inTransaction(api.flow.db, (trx) =>
    (trx as unknown as AnyDb).updateTable(def.table).set({ ...values, updated_at: api.flow.now() }).where('id', '=', id).execute(),
  );
}

export async function defaultDelete(api: ApiContext, def: ResourceDefinition, id: string): Promise<void> {
  await inTransaction(api.flow.db, (trx) => (trx as unknown as AnyDb).deleteFrom(def.table).where('id', '=', id).execute());
}
