// The request schemas of a resource, built from its definition: they validate requests
// (additionalProperties: false, so an unknown attribute is a 422 naming it), type them, and
// describe them in /openapi.json.
import { Type, type TSchema } from 'typebox';
import { isToOne, writable, type ResourceDefinition } from './define.js';

const nullableString = Type.Union([Type.String(), Type.Null()]);
const COMMON = {
  reference: Type.Optional(nullableString),
  reference_origin: Type.Optional(nullableString),
  metadata: Type.Optional(Type.Object({}, { additionalProperties: true })),
};

const identifier = (type: string) => Type.Object({ type: Type.Literal(type), id: Type.String({ minLength: 1 }) }, { additionalProperties: false });

function attributesSchema(def: ResourceDefinition, mode: 'create' | 'update') {
  const props: Record<string, TSchema> = { ...COMMON };
  for (const [name, spec] of Object.entries(def.attributes)) {
    if (spec.read || !writable(spec, mode)) continue;
    props[name] = mode === 'create' && spec.required ? spec.schema : Type.Optional(spec.schema);
  }
  if (mode === 'update') for (const name of Object.keys(def.triggers ?? {})) props[name] = Type.Optional(Type.Boolean());
  return Type.Object(props, { additionalProperties: false });
}

function relationshipsSchema(def: ResourceDefinition, mode: 'create' | 'update') {
  const props: Record<string, TSchema> = {};
  for (const [name, rel] of Object.entries(def.relationships ?? {})) {
    if (!isToOne(rel) || rel.write === false) continue;
    const data = mode === 'create' && rel.required ? identifier(rel.type) : Type.Union([identifier(rel.type), Type.Null()]);
    props[name] = Type.Optional(Type.Object({ data }, { additionalProperties: false }));
  }
  return Type.Object(props, { additionalProperties: false });
}

export function createBodySchema(def: ResourceDefinition) {
  const attributes = attributesSchema(def, 'create');
  const needsAttributes = Object.values(def.attributes).some((a) => a.required && !a.read);
  return Type.Object({
    data: Type.Object({
      type: Type.Literal(def.type),
      id: Type.Optional(Type.String()),
      attributes: needsAttributes ? attributes : Type.Optional(attributes),
      relationships: Type.Optional(relationshipsSchema(def, 'create')),
    }),
  });
}

export function updateBodySchema(def: ResourceDefinition) {
  return Type.Object({
    data: Type.Object({
      type: Type.Literal(def.type),
      id: Type.String({ minLength: 1 }),
      attributes: Type.Optional(attributesSchema(def, 'update')),
      relationships: Type.Optional(relationshipsSchema(def, 'update')),
    }),
  });
}

export const IdParams = Type.Object({ id: Type.String({ minLength: 1 }) });

/** The JSON:API list parameters, for documentation (the raw query is parsed by jsonapi/query.ts). */
export const ListQuerySchema = Type.Object(
  {
    'page[number]': Type.Optional(Type.String({ pattern: '^[0-9]+$', description: 'page number, from 1' })),
    'page[size]': Type.Optional(Type.String({ pattern: '^[0-9]+$', description: 'records per page, 1..25 (default 10)' })),
    sort: Type.Optional(Type.String({ description: 'e.g. -created_at,code' })),
    include: Type.Optional(Type.String({ description: 'relationship paths, e.g. sku,stock_location.address' })),
  },
  { additionalProperties: true },
);

/** include and fields[type] on a single record's GET (the raw query is parsed by jsonapi/query.ts). */
export const IncludeQuerySchema = Type.Object(
  {
    include: Type.Optional(Type.String({ description: 'relationship paths, e.g. sku,stock_location.address' })),
  },
  { additionalProperties: true, description: 'also fields[type]=a,b (sparse fieldsets)' },
);

export interface Body {
  data: {
    type: string;
    id?: string;
    attributes?: Record<string, unknown>;
    relationships?: Record<string, { data: { type: string; id: string } | null }>;
  };
}
