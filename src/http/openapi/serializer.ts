// Response serialisation. Every route documents its responses (responses.ts), and Fastify
// would compile a fast-json-stringify serialiser for each route and status when the app gets
// ready: minutes for ~280 operations. This factory compiles nothing at ready.
//
// By default the bodies are written by JSON.stringify: measured on our documents,
// fast-json-stringify is not faster (bench/http-api and a micro-benchmark, see
// docs/API.md "Documented responses"): attributes are open objects of nullable values
// (anyOf), where it falls back to slow paths, and V8's JSON.stringify is quick on these small
// objects. STOCKROUTE_FAST_JSON=1 turns on the measured alternative: the 2xx JSON:API
// documents of every route share two serialisers (a single-resource and a list document),
// compiled on first use, writing the envelope (data, id, type, links, meta, included) through
// compiled code; every object stays open (additionalProperties: true), so nothing is dropped.
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
    if (process.env.STOCKROUTE_FAST_JSON !== '1') return stringify;
    if (!/^2/.test(httpStatus ?? '') || contentType !== 'application/vnd.api+json') return stringify;
    switch (documentKind(schema)) {
      case 'single': return (data) => (single ??= fastJson(SINGLE as FjsSchema) as Serialize)(data);
      case 'list': return (data) => (list ??= fastJson(LIST as FjsSchema) as Serialize)(data);
      default: return stringify;
    }
  };
}
