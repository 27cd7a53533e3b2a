// Rows → JSON:API resource objects: attributes (with the common ones), relationship links (and
// linkage data when included), self links, meta.mode; sparse fieldsets applied here.
import { isToOne, type AnyRow, type ResourceDefinition } from '../resources/define.js';

export interface Identifier { readonly type: string; readonly id: string }
export type Linkage = Identifier | null | Identifier[];

export interface ResourceObject {
  readonly id: string;
  readonly type: string;
  readonly links: { readonly self: string };
  readonly attributes: Record<string, unknown>;
  readonly relationships: Record<string, { links: { self: string; related: string }; data?: Linkage }>;
  readonly meta: { readonly mode: 'test' | 'live' };
}

export interface SerializeOptions {
  readonly baseUrl: string;
  readonly mode: 'test' | 'live';
  readonly fields?: ReadonlySet<string> | undefined;
  readonly linkage?: ReadonlyMap<string, Linkage> | undefined;
  readonly extra?: Record<string, unknown> | undefined;
}

const COMMON = ['reference', 'reference_origin', 'metadata', 'created_at', 'updated_at'] as const;

export const jsonValue = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : v === undefined ? null : v);

export function toResourceObject(def: ResourceDefinition, row: AnyRow, options: SerializeOptions): ResourceObject {
  const id = String(row.id);
  const self = `${options.baseUrl}/api/${def.type}/${id}`;
  const keep = (name: string) => !options.fields || options.fields.has(name);
  const attributes: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(def.attributes)) {
    if (spec.hidden || !keep(name)) continue;
    attributes[name] = jsonValue(spec.read ? spec.read(row) : row[spec.column ?? name]);
  }
  for (const name of COMMON) if (keep(name)) attributes[name] = jsonValue(row[name]);
  for (const [name, value] of Object.entries(options.extra ?? {})) if (keep(name)) attributes[name] = value;
  const relationships: ResourceObject['relationships'] = {};
  for (const [name] of Object.entries(def.relationships ?? {})) {
    if (!keep(name)) continue;
    const data = options.linkage?.get(name);
    relationships[name] = {
      links: { self: `${self}/relationships/${name}`, related: `${self}/${name}` },
      ...(data !== undefined ? { data } : {}),
    };
  }
  return { id, type: def.type, links: { self }, attributes, relationships, meta: { mode: options.mode } };
}

/** The identifier a to-one relationship points at, straight from the row's foreign key. */
export function toOneLinkage(def: ResourceDefinition, row: AnyRow, name: string): Linkage | undefined {
  const rel = def.relationships?.[name];
  if (!rel || !isToOne(rel)) return undefined;
  const id = row[rel.toOne] as string | null | undefined;
  return id ? { type: rel.type, id } : null;
}
