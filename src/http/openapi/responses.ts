// The response schemas of /openapi.json, built from the same definitions as the routes: one
// shared schema per resource object (`<type>_resource`, from its attributes and
// relationships), the JSON:API single and list documents around it (with `included` of every
// type an include path can reach), and the error documents, one per status (`errors_<status>`,
// whose `code` is one of the codes that STATUS maps to that status). Routes put these under
// `schema.response`; @fastify/swagger writes them as components, the typed-client test
// generates TypeScript from them, and the test API helper checks every real response
// against them (test-support/drift.ts). Serialisation: see serializer.ts.
import type { FastifyInstance } from 'fastify';
import type { TSchema } from 'typebox';
import { isToOne, type ResourceDefinition } from '../resources/define.js';
import { STATUS, type ErrorCode } from '../errors.js';

export const JSONAPI_MEDIA = 'application/vnd.api+json';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Schema = Record<string, any>;

export const resourceRef = (type: string): Schema => ({ $ref: `${type}_resource#` });
const errorsId = (status: number) => `errors_${status}`;

const nullable = (schema: TSchema | Schema): Schema => {
  const s = schema as Schema;
  if (s.type === 'null' || s.anyOf?.some((b: Schema) => b.type === 'null')) return s;
  return { anyOf: [s, { type: 'null' }] };
};

const identifier = (type: string): Schema => ({
  type: 'object', required: ['type', 'id'], additionalProperties: false,
  properties: { type: { type: 'string', enum: [type] }, id: { type: 'string' } },
});

const relationshipLinks: Schema = {
  type: 'object', required: ['self', 'related'], additionalProperties: false,
  properties: { self: { type: 'string' }, related: { type: 'string' } },
};

/** The resource object of one type, as toResourceObject (jsonapi/serialize.ts) renders it. */
export function resourceObjectSchema(def: ResourceDefinition): Schema {
  const attributes: Record<string, Schema> = {};
  for (const [name, spec] of Object.entries(def.attributes)) {
    if (spec.hidden) continue;
    attributes[name] = nullable(spec.schema);
  }
  attributes.reference = { type: ['string', 'null'] };
  attributes.reference_origin = { type: ['string', 'null'] };
  attributes.metadata = { type: ['object', 'null'], additionalProperties: true };
  attributes.created_at = { type: 'string', format: 'date-time' };
  attributes.updated_at = { type: 'string', format: 'date-time' };
  const relationships: Record<string, Schema> = {};
  for (const [name, rel] of Object.entries(def.relationships ?? {})) {
    const data = isToOne(rel) ? { anyOf: [identifier(rel.type), { type: 'null' }] } : { type: 'array', items: identifier(rel.type) };
    relationships[name] = {
      type: 'object', required: ['links'], additionalProperties: false,
      properties: { links: relationshipLinks, data: { ...data, description: 'present when the relationship is included' } },
    };
  }
  return {
    $id: `${def.type}_resource`,
    title: `${def.type} resource object`,
    type: 'object',
    required: ['id', 'type', 'links', 'attributes', 'relationships', 'meta'],
    additionalProperties: false,
    properties: {
      id: { type: 'string' },
      type: { type: 'string', enum: [def.type] },
      links: { type: 'object', required: ['self'], additionalProperties: false, properties: { self: { type: 'string' } } },
      attributes: {
        type: 'object', properties: attributes,
        // Sparse fieldsets (fields[type]=…) leave attributes out; a single GET may add computed ones (e.g. a SKU's inventory).
        additionalProperties: true,
        description: 'every attribute is present unless fields[type] leaves it out',
      },
      relationships: { type: 'object', properties: relationships, additionalProperties: false },
      meta: { type: 'object', required: ['mode'], additionalProperties: true, properties: { mode: { type: 'string', enum: ['test', 'live'] } } },
    },
  };
}

/** Every type an include path (a.b.c) can reach from this resource. */
export function includableTypes(def: ResourceDefinition, lookup: (type: string) => ResourceDefinition | undefined): string[] {
  const seen = new Set<string>();
  const queue = [def];
  while (queue.length) {
    const d = queue.shift()!;
    for (const rel of Object.values(d.relationships ?? {})) {
      const target = lookup(rel.type);
      if (!target || seen.has(target.type)) continue;
      seen.add(target.type);
      queue.push(target);
    }
  }
  return [...seen].sort();
}

const included = (types: string[]): Schema =>
  types.length ? { type: 'array', items: { anyOf: types.map(resourceRef) }, description: `with ?include=: records of ${types.join(', ')}` } : { type: 'array', maxItems: 0 };

export function singleDocument(type: string, types: string[], options: { nullable?: boolean; description: string }): Schema {
  return {
    type: 'object', required: ['data'], additionalProperties: false, description: options.description,
    properties: { data: options.nullable ? { anyOf: [resourceRef(type), { type: 'null' }] } : resourceRef(type), included: included(types) },
  };
}

export function listDocument(type: string, types: string[], description: string): Schema {
  const link = { type: 'string' };
  return {
    type: 'object', required: ['data', 'meta', 'links'], additionalProperties: false, description,
    properties: {
      data: { type: 'array', items: resourceRef(type) },
      included: included(types),
      meta: {
        type: 'object', required: ['record_count', 'page_count'], additionalProperties: false,
        properties: { record_count: { type: 'integer', minimum: 0 }, page_count: { type: 'integer', minimum: 1 } },
      },
      links: { type: 'object', required: ['first', 'last'], additionalProperties: false, properties: { first: link, prev: link, next: link, last: link } },
    },
  };
}

export function linkageDocument(type: string, toOne: boolean): Schema {
  return {
    type: 'object', required: ['data', 'links'], additionalProperties: false, description: `the ${type} linkage`,
    properties: {
      data: toOne ? { anyOf: [identifier(type), { type: 'null' }] } : { type: 'array', items: identifier(type) },
      links: relationshipLinks,
    },
  };
}

/** What each error's meta may carry, by code (fromDomainError in errors.ts). */
const ERROR_META: Partial<Record<ErrorCode, string>> = {
  INSUFFICIENT_STOCK: 'meta: sku_code, requested, available, and when known stock_location_code, on_hand, held',
  STALE_QUANTITY: 'meta: sku_code, stock_location_code, expected_quantity, current_quantity',
  ILLEGAL_TRANSITION: 'meta: state, resource; source.pointer names the trigger',
  RECORD_NOT_FOUND: 'meta: resource, id',
  LOCKED: 'meta: resource, id',
  VALIDATION_ERROR: 'source.pointer names the attribute',
  RECORD_NOT_UNIQUE: 'source.pointer names the attribute',
  BAD_REQUEST: 'source.parameter names the query parameter',
};

const codesOf = (status: number) => (Object.keys(STATUS) as ErrorCode[]).filter((c) => STATUS[c] === status);

export const ERROR_STATUSES = [...new Set(Object.values(STATUS))].sort((a, b) => a - b);

/** The JSON:API error document whose errors carry one of the codes of `status`. */
export function errorDocumentSchema(status: number): Schema {
  const codes = codesOf(status);
  const quantity = { type: 'number' };
  return {
    $id: errorsId(status),
    title: `JSON:API error document (${status})`,
    type: 'object', required: ['errors'], additionalProperties: false,
    properties: {
      errors: {
        type: 'array', minItems: 1,
        items: {
          type: 'object', required: ['title', 'detail', 'code', 'status', 'meta'], additionalProperties: false,
          properties: {
            title: { type: 'string' },
            detail: { type: 'string' },
            code: { type: 'string', enum: codes },
            status: { type: 'string', enum: [String(status)] },
            source: {
              type: 'object', additionalProperties: false,
              properties: { pointer: { type: 'string', description: 'JSON pointer into the request document, e.g. /data/attributes/quantity' }, parameter: { type: 'string' } },
            },
            meta: {
              type: 'object', additionalProperties: true,
              properties: {
                sku_code: { type: 'string' }, stock_location_code: { type: 'string' },
                requested: quantity, available: quantity, on_hand: quantity, held: quantity,
                expected_quantity: quantity, current_quantity: quantity,
                state: { type: 'string' }, resource: { type: 'string' }, id: { type: 'string' }, row: { type: 'integer' },
              },
            },
          },
        },
      },
    },
  };
}

const ERROR_WHY: Record<number, string> = {
  400: 'bad request (query parameter, id mismatch, malformed JSON)',
  401: 'no or invalid access token',
  403: 'this application may not do this',
  404: 'no such record (or not in the caller\'s scope)',
  406: 'Accept does not allow application/vnd.api+json',
  409: 'conflict',
  412: 'If-Match does not match the record\'s ETag',
  415: 'Content-Type is not application/vnd.api+json',
  422: 'the request is refused',
  423: 'other records depend on this one',
  429: 'rate limit exceeded',
  500: 'an error on our side',
};

/** Error responses for these statuses; `codes` narrows the description to what the route raises. */
export function errorResponses(statuses: readonly number[], notes: Partial<Record<number, string>> = {}): Record<number, Schema> {
  const out: Record<number, Schema> = {};
  for (const status of [...new Set(statuses)].sort((a, b) => a - b)) {
    const codes = codesOf(status).map((c) => (ERROR_META[c] ? `${c} (${ERROR_META[c]})` : c)).join('; ');
    out[status] = {
      description: `${ERROR_WHY[status] ?? 'error'}${notes[status] ? `: ${notes[status]}` : ''}. Codes: ${codes}`,
      content: { [JSONAPI_MEDIA]: { schema: { $ref: `${errorsId(status)}#` } } },
    };
  }
  return out;
}

/** Statuses every authenticated JSON:API route may answer with, besides its own. */
export const COMMON_ERRORS = [400, 401, 403, 406, 429, 500] as const;

export const jsonApi = (schema: Schema): Schema => ({
  description: schema.description ?? 'OK',
  content: { [JSONAPI_MEDIA]: { schema } },
});

export const json = (schema: Schema, description = 'OK'): Schema => ({ description, content: { 'application/json': { schema } } });

export const noContent: Schema = { description: 'No content', type: 'null' };

/** Magento's error body ({ message, parameters?, errors? }), under application/json. */
export const MagentoErrorSchema: Schema = {
  $id: 'magento_error',
  title: 'Magento error',
  type: 'object', required: ['message'], additionalProperties: false,
  properties: {
    message: { type: 'string' },
    parameters: { anyOf: [{ type: 'object', additionalProperties: { type: ['string', 'number'] } }, { type: 'array', items: { type: ['string', 'number'] } }] },
    errors: {
      type: 'array',
      items: { type: 'object', required: ['message'], properties: { message: { type: 'string' }, parameters: {} }, additionalProperties: false },
    },
  },
};

/** Shared schemas: one resource object per type, the error documents, Magento's error body. */
export function addSharedSchemas(app: FastifyInstance, resources: readonly ResourceDefinition[]): void {
  for (const r of resources) app.addSchema(resourceObjectSchema(r));
  for (const status of ERROR_STATUSES) app.addSchema(errorDocumentSchema(status));
  app.addSchema(MagentoErrorSchema);
}

