// Response serialisation through fast-json-stringify, without its compile cost at startup.
// Fastify asks for a serialiser per route and status when the app gets ready; compiling the
// documented schemas of ~280 operations there took minutes. Here the 2xx JSON:API documents
// of every route share two serialisers (a single-resource document and a list document),
// compiled on the first response that needs one: the envelope (data, id, type, links, meta,
// included) is written by the compiled code, attributes and relationships (whose exact shape
// the documented schema and the drift check of the tests keep honest) by JSON.stringify.
// Every object is open (additionalProperties: true), so nothing the handler sends is dropped.
// Error documents and all other bodies use JSON.stringify.
import fastJson from 'fast-json-stringify';

type Serialize = (data: unknown) => string;
type FjsSchema = Parameters<typeof fastJson>[0];

interface RouteSchemaInfo { readonly schema?: unknown; readonly httpStatus?: string; readonly contentType?: string }

const open = { type: 'object', additionalProperties: true } as const;
const resourceObject = {
  type: 'object', additionalProperties: true,
  properties: {
    id: { type: 'string' }, type: { type: 'string' },
    links: { type: 'object', additionalProperties: true, properties: { self: { type: 'string' } } },
    attributes: open, relationships: open, meta: open,
  },
};
const included = { type: 'array', items: resourceObject };

const SINGLE = {
  type: 'object', additionalProperties: true,
  properties: { data: { ...resourceObject, type: ['object', 'null'] }, included },
};
const LIST = {
  type: 'object', additionalProperties: true,
  properties: {
    data: { type: 'array', items: resourceObject }, included,
    meta: { type: 'object', additionalProperties: true, properties: { record_count: { type: 'integer' }, page_count: { type: 'integer' } } },
    links: { type: 'object', additionalProperties: true, properties: { first: { type: 'string' }, prev: { type: 'string' }, next: { type: 'string' }, last: { type: 'string' } } },
  },
};

let single: Serialize | undefined;
let list: Serialize | undefined;
const stringify: Serialize = (data) => JSON.stringify(data);

/** The kind of JSON:API document a documented 2xx schema describes, if it is one of ours. */
function documentKind(schema: unknown): 'single' | 'list' | undefined {
  const data = (schema as { properties?: { data?: { type?: unknown; $ref?: unknown; anyOf?: unknown } } } | undefined)?.properties?.data;
  if (!data) return undefined;
  if (data.type === 'array') return (schema as { properties: { links?: unknown } }).properties.links ? 'list' : undefined;
  return data.$ref !== undefined || data.anyOf !== undefined ? 'single' : undefined;
}

export function lazySerializerFactory(): (info: RouteSchemaInfo) => Serialize {
  return ({ schema, httpStatus, contentType }) => {
    if (process.env.STOCKROUTE_PLAIN_JSON === '1') return stringify;
    if (!/^2/.test(httpStatus ?? '') || contentType !== 'application/vnd.api+json') return stringify;
    switch (documentKind(schema)) {
      case 'single': return (data) => (single ??= fastJson(SINGLE as FjsSchema) as Serialize)(data);
      case 'list': return (data) => (list ??= fastJson(LIST as FjsSchema) as Serialize)(data);
      default: return stringify;
    }
  };
}
