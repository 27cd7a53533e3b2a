// A JSON:API resource, declared once: its table, attributes (with their TypeBox schemas),
// relationships, and optional flow hooks. routes.ts turns a definition into the routes
// GET/POST /api/{type}, GET/PATCH/DELETE /api/{type}/{id}, GET /api/{type}/{id}/{relationship};
// the request schemas (and so validation, the request types and OpenAPI) come from here.
//
// To add a resource: create src/http/resources/<type>.ts and add it to ./index.ts.
//
//   export const markets = defineResource({
//     type: 'markets', table: 'markets', idPrefix: 'mkt',
//     attributes: {
//       code: { schema: Type.String({ minLength: 1 }), required: true, filter: true, sort: true },
//       name: { schema: Type.String({ minLength: 1 }), required: true, filter: true, sort: true },
//     },
//     relationships: {
//       inventory_model: { type: 'inventory_models', toOne: 'inventory_model_id', required: true },
//       orders: { type: 'orders', toMany: { foreignKey: 'market_id' } },
//     },
//     access: { salesChannel: 'read', scope: (auth, eb) => eb('markets.id', '=', auth.marketId) },
//     // optional: create/update/delete hooks (run a flow), triggers: { _place: (api, id) => … },
//     // show: extra attributes on single GET, readOnly: true (GET routes only).
//   });
//
// Attributes: `write` says when a client may set it ('both' by default; false = read only),
// `column` maps to another column, `read` computes the value from the row, `quantity: true`
// rejects more than 4 decimals, `hidden` never serialises it. Common attributes (reference,
// reference_origin, metadata, created_at, updated_at) are added automatically.
import type { ExpressionBuilder, Expression, Kysely, SqlBool } from 'kysely';
import type { Static, TSchema } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { FlowContext } from '../../flows/context.js';
import type { AuthContext } from '../auth/context.js';

export type WriteMode = 'create' | 'update' | 'both' | false;
// Rows are read generically (any table); resources that need typed rows use Row<'table'>.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRow = Record<string, any>;

export interface AttributeSpec<S extends TSchema = TSchema> {
  readonly schema: S;
  readonly column?: string;
  readonly write?: WriteMode;
  readonly required?: boolean;
  readonly filter?: boolean;
  readonly sort?: boolean;
  readonly quantity?: boolean;
  readonly hidden?: boolean;
  readonly read?: (row: AnyRow) => unknown;
}

export type RelationshipSpec =
  | { readonly type: string; readonly toOne: string; readonly required?: boolean; readonly write?: boolean }
  | { readonly type: string; readonly toMany: { readonly foreignKey: string } };

export interface ApiContext {
  readonly flow: FlowContext;
  readonly auth: AuthContext;
  readonly request: FastifyRequest;
}

export interface WriteInput<A extends Record<string, AttributeSpec>> {
  readonly attributes: { [K in keyof A]?: Static<A[K]['schema']> } & CommonAttributes;
  /** Relationship name → related id (null clears a to-one relationship). */
  readonly relationships: Readonly<Record<string, string | null>>;
}

export interface CommonAttributes {
  readonly reference?: string | null;
  readonly reference_origin?: string | null;
  readonly metadata?: Record<string, unknown>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Scope = (auth: AuthContext, eb: ExpressionBuilder<any, any>) => Expression<SqlBool>;

export interface Access {
  /** What a sales channel may do here: nothing (default), read, or read and create/update. */
  readonly salesChannel?: 'none' | 'read' | 'write';
  /** Rows a sales channel may see (others are 404). Columns as `table.column`. */
  readonly scope?: Scope;
  /** Only admin integrations (read_only integrations get 403 even on GET). */
  readonly adminOnly?: boolean;
}

export interface CreateResult { readonly id: string; readonly attributes?: Record<string, unknown> }

export interface ResourceDefinition<A extends Record<string, AttributeSpec> = Record<string, AttributeSpec>> {
  readonly type: string;
  readonly table: string;
  readonly idPrefix: string;
  readonly attributes: A;
  readonly relationships?: Readonly<Record<string, RelationshipSpec>>;
  readonly access?: Access;
  readonly readOnly?: boolean;
  readonly create?: (api: ApiContext, input: WriteInput<A>) => Promise<string | CreateResult>;
  readonly update?: (api: ApiContext, id: string, input: WriteInput<A>) => Promise<void>;
  readonly delete?: ((api: ApiContext, id: string) => Promise<void>) | false;
  /** PATCH attributes starting with `_` whose value is true; run after any attribute update. */
  /** A trigger may return the record's row as it left it, sparing the response a re-read. */
  readonly triggers?: Readonly<Record<`_${string}`, (api: ApiContext, id: string) => Promise<void | AnyRow>>>;
  /**
   * Triggers that find their record themselves, in the caller's scope (RECORD_NOT_FOUND
   * otherwise): a PATCH carrying only one of them is not preceded by a read of the record.
   */
  readonly triggersFindTheirRecord?: readonly `_${string}`[];
  /** The record's entity tag (quoted): sent as ETag on a single GET/PATCH and compared with If-Match (conditional.ts). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly etag?: (db: Kysely<any>, row: AnyRow) => Promise<string>;
  /** Extra attributes on a single GET (e.g. a SKU's inventory). */
  readonly show?: (api: ApiContext, row: AnyRow) => Promise<Record<string, unknown>>;
  /** A single GET in one query: the row (in the caller's scope) with its extra attributes; replaces find + show. */
  readonly findOne?: (api: ApiContext, id: string) => Promise<{ row: AnyRow; extra: Record<string, unknown> }>;
}

export function defineResource<const A extends Record<string, AttributeSpec>>(def: ResourceDefinition<A>): ResourceDefinition<A> {
  return def;
}

export const isToOne = (r: RelationshipSpec): r is Extract<RelationshipSpec, { toOne: string }> => 'toOne' in r;

export const writable = (spec: AttributeSpec, mode: 'create' | 'update'): boolean => {
  const w = spec.write ?? 'both';
  return w === 'both' || w === mode;
};
