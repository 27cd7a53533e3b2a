// Turns a resource definition into its JSON:API routes. Every handler: check the caller may
// do this (403), read or write through the definition (its flow hooks or the default SQL),
// then render the document with includes and sparse fieldsets.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isQuantityError, parseQuantity } from '../../domain/quantity.js';
import { validation } from '../../domain/errors.js';
import { permits } from '../auth/context.js';
import { ApiError } from '../errors.js';
import type { Lookup } from '../jsonapi/filter.js';
import { parseListQuery, type ListQuery } from '../jsonapi/query.js';
import { toOneLinkage, toResourceObject, type Linkage, type ResourceObject } from '../jsonapi/serialize.js';
import { isToOne, type AnyRow, type ApiContext, type ResourceDefinition } from './define.js';
import { findRow, listRows, loadIncluded, scoped, anyDb } from './load.js';
import { createBodySchema, IdParams, IncludeQuerySchema, ListQuerySchema, updateBodySchema, type Body } from './schemas.js';
import { defaultCreate, defaultDelete, defaultUpdate } from './write.js';
import { checkIfMatch } from './conditional.js';
import { inTransaction, joinTransaction } from '../../store/transaction.js';
import { COMMON_ERRORS, errorResponses, includableTypes, jsonApi, linkageDocument, listDocument, noContent, singleDocument } from '../openapi/responses.js';

export interface RouteDeps {
  readonly lookup: Lookup;
  readonly api: (request: FastifyRequest) => ApiContext;
  readonly mode: 'test' | 'live';
}

const MEDIA = 'application/vnd.api+json';

function guard(api: ApiContext, def: ResourceDefinition, method: string): void {
  if (!permits(api.auth, method, def.access)) throw new ApiError('FORBIDDEN', `this application may not ${method} ${def.type}`);
}

export function registerResource(app: FastifyInstance, def: ResourceDefinition, deps: RouteDeps): void {
  const base = `/api/${def.type}`;
  const tags = [def.type];
  const produces = [MEDIA];
  const reach = (d: ResourceDefinition) => includableTypes(d, deps.lookup);
  const readErrors = errorResponses([...COMMON_ERRORS, 404]);
  const triggerNames = Object.keys(def.triggers ?? {});
  const triggerNote = triggerNames.length ? `triggers (${triggerNames.join(', ')}: true) refused in this state are ILLEGAL_TRANSITION; a placement or shipment without enough stock is INSUFFICIENT_STOCK` : undefined;
  const writeErrors = (method: 'POST' | 'PATCH') => errorResponses(
    [...COMMON_ERRORS, 404, 409, 415, 422, 423, ...(method === 'PATCH' && def.etag ? [412] : [])],
    { 422: method === 'PATCH' ? triggerNote ?? 'an attribute is invalid' : 'an attribute or relationship is invalid', ...(method === 'PATCH' ? { 400: 'data.id differs from the URL id (KEY_NOT_INCLUDED_IN_URL)' } : {}) },
  );

  async function sendList(request: FastifyRequest, reply: FastifyReply, api: ApiContext, d: ResourceDefinition, base?: { column: string; value: string }) {
    const query = parseListQuery(request.url);
    const { rows, total, prefetched } = await listRows(api, d, query, deps.lookup, base);
    const { data, included } = await renderRows(deps, d, request, api, rows, query, undefined, prefetched);
    const pages = Math.max(1, Math.ceil(total / query.page.size));
    const link = (n: number) => {
      const u = new URL(request.url, baseUrl(request));
      u.searchParams.set('page[number]', String(n));
      u.searchParams.set('page[size]', String(query.page.size));
      return u.toString();
    };
    const { number } = query.page;
    return reply.type(MEDIA).send({
      data,
      ...(query.include.length ? { included } : {}),
      meta: { record_count: total, page_count: pages },
      links: { first: link(1), ...(number > 1 ? { prev: link(Math.min(number - 1, pages)) } : {}), ...(number < pages ? { next: link(number + 1) } : {}), last: link(pages) },
    });
  }

  async function sendOne(request: FastifyRequest, reply: FastifyReply, api: ApiContext, id: string, status = 200, created?: Record<string, unknown>, fresh?: AnyRow) {
    const query = parseListQuery(request.url);
    const { row, extra: shown } = fresh ? { row: fresh, extra: {} } : def.findOne ? await def.findOne(api, id) : await findAndShow(api, def, id);
    if (def.etag) reply.header('etag', await def.etag(anyDb(api), row));
    const { data, included } = await renderRows(deps, def, request, api, [row], query, { ...shown, ...created });
    if (status === 201) reply.header('location', data[0]?.links.self);
    return reply.code(status).type(MEDIA).send({ data: data[0], ...(query.include.length ? { included } : {}) });
  }

  app.get(base, { schema: { tags, summary: `List ${def.type}`, querystring: ListQuerySchema, produces, response: { 200: jsonApi(listDocument(def.type, reach(def), `a page of ${def.type}`)), ...errorResponses(COMMON_ERRORS) } } }, async (request, reply) => {
    const api = deps.api(request);
    guard(api, def, 'GET');
    return sendList(request, reply, api, def);
  });

  app.get(`${base}/:id`, { schema: { tags, summary: `Retrieve a ${def.type} record`, params: IdParams, querystring: IncludeQuerySchema, produces, response: { 200: jsonApi(singleDocument(def.type, reach(def), { description: `the ${def.type} record${def.etag ? ' (with an ETag header for If-Match)' : ''}` })), ...readErrors } } }, async (request, reply) => {
    const api = deps.api(request);
    guard(api, def, 'GET');
    return sendOne(request, reply, api, (request.params as { id: string }).id);
  });

  for (const [name, rel] of Object.entries(def.relationships ?? {})) {
    const served = deps.lookup(rel.type);
    const related = !served ? jsonApi(singleDocument(rel.type, [], { nullable: true, description: `${rel.type} are not served yet` }))
      : isToOne(rel) ? jsonApi(singleDocument(rel.type, reach(served), { nullable: true, description: `the ${name} record, or null` }))
        : jsonApi(listDocument(rel.type, reach(served), `a page of the ${name}`));
    app.get(`${base}/:id/${name}`, { schema: { tags, summary: `The ${name} of a ${def.type} record`, params: IdParams, querystring: isToOne(rel) ? IncludeQuerySchema : ListQuerySchema, produces, response: { 200: related, ...readErrors } } }, async (request, reply) => {
      const api = deps.api(request);
      const target = deps.lookup(rel.type);
      guard(api, def, 'GET');
      if (!target) throw new ApiError('RECORD_NOT_FOUND', `${rel.type} are not served yet`);
      guard(api, target, 'GET');
      const parent = await findRow(api, def, (request.params as { id: string }).id);
      if (!isToOne(rel)) return sendList(request, reply, api, target, { column: rel.toMany.foreignKey, value: String(parent.id) });
      const id = parent[rel.toOne] as string | null;
      const row = id ? await scoped(api, target, anyDb(api).selectFrom(target.table).selectAll(target.table).where(`${target.table}.id`, '=', id)).executeTakeFirst() : undefined;
      if (!row) return reply.type(MEDIA).send({ data: null });
      const query = parseListQuery(request.url);
      const { data, included } = await renderRows(deps, target, request, api, [row as AnyRow], query);
      return reply.type(MEDIA).send({ data: data[0], ...(query.include.length ? { included } : {}) });
    });
  }

  for (const [name, rel] of Object.entries(def.relationships ?? {})) {
    app.get(`${base}/:id/relationships/${name}`, { schema: { tags, summary: `The ${name} linkage of a ${def.type} record`, params: IdParams, produces, response: { 200: jsonApi(linkageDocument(rel.type, isToOne(rel))), ...readErrors } } }, async (request, reply) => {
      const api = deps.api(request);
      guard(api, def, 'GET');
      const parent = await findRow(api, def, (request.params as { id: string }).id);
      const self = `${baseUrl(request)}${base}/${String(parent.id)}`;
      const links = { self: `${self}/relationships/${name}`, related: `${self}/${name}` };
      if (isToOne(rel)) return reply.type(MEDIA).send({ data: toOneLinkage(def, parent, name) ?? null, links });
      const target = deps.lookup(rel.type);
      const rows = target ? ((await scoped(api, target, anyDb(api).selectFrom(target.table).select(`${target.table}.id`)
        .where(`${target.table}.${rel.toMany.foreignKey}`, '=', String(parent.id)).orderBy(`${target.table}.created_at`).orderBy(`${target.table}.id`)).execute()) as AnyRow[]) : [];
      return reply.type(MEDIA).send({ data: rows.map((r) => ({ type: rel.type, id: String(r.id) })), links });
    });
  }

  if (def.readOnly) return;

  app.post(base, { schema: { tags, summary: `Create a ${def.type} record`, body: createBodySchema(def), consumes: produces, produces, response: { 201: jsonApi(singleDocument(def.type, reach(def), { description: 'created (Location header: the new record)' })), ...writeErrors('POST') } } }, async (request, reply) => {
    const api = deps.api(request);
    guard(api, def, 'POST');
    const input = writeInput(def, request.body as Body, 'create');
    const result = def.create ? await def.create(api, input) : await defaultCreate(api, def, input);
    const id = typeof result === 'string' ? result : result.id;
    return sendOne(request, reply, api, id, 201, typeof result === 'string' ? undefined : result.attributes);
  });

  app.patch(`${base}/:id`, {
    schema: {
      tags, summary: `Update a ${def.type} record${triggerNames.length ? ` or run a trigger (${triggerNames.join(', ')})` : ''}`, params: IdParams, body: updateBodySchema(def), consumes: produces, produces,
      ...(triggerNames.length ? { description: `Triggers: send \`{ "${triggerNames[0]}": true }\` in data.attributes (${triggerNames.join(', ')}); they run after the attribute update, in the same transaction. ${triggerNote}.` } : {}),
      response: { 200: jsonApi(singleDocument(def.type, reach(def), { description: 'the record as the update left it' })), ...writeErrors('PATCH') },
    },
  }, async (request, reply) => {
    const api = deps.api(request);
    guard(api, def, 'PATCH');
    const id = (request.params as { id: string }).id;
    const body = request.body as Body;
    if (body.data.id !== id) throw new ApiError('KEY_NOT_INCLUDED_IN_URL', `data.id ${body.data.id} does not match the URL id ${id}`, { pointer: '/data/id' });
    const attributes = { ...body.data.attributes };
    const triggers = Object.keys(attributes).filter((k) => k.startsWith('_'));
    for (const t of triggers) delete attributes[t];
    const input = writeInput(def, { data: { ...body.data, attributes } }, 'update');
    // The attribute update and every trigger of one PATCH are one transaction: the flows
    // join it, so a refused trigger leaves nothing of the request behind.
    // A trigger may return the row it wrote; when the last one did, the response renders it
    // instead of reading the record again (resources with extra attributes always re-read).
    const changes = Object.keys(input.attributes).length + Object.keys(input.relationships).length > 0;
    const apply = async (ctx: ApiContext): Promise<AnyRow | undefined> => {
      await checkIfMatch(anyDb(ctx), def, id, request.headers['if-match']);
      let row: AnyRow | undefined;
      if (changes) await (def.update ? def.update(ctx, id, input) : defaultUpdate(ctx, def, id, input));
      for (const t of triggers) {
        const run = def.triggers?.[t as `_${string}`];
        if (run && body.data.attributes?.[t] === true) row = (await run(ctx, id)) ?? undefined;
      }
      return row;
    };
    // A lone trigger (no attributes, no If-Match) is its flow's own transaction: the same
    // atomicity without a second one around it, so a placement keeps its two round trips.
    const lone = !changes && triggers.length === 1 && request.headers['if-match'] === undefined;
    // The record is read first (404 outside the caller's scope) unless the lone trigger finds it itself.
    if (!(lone && def.triggersFindTheirRecord?.includes(triggers[0] as `_${string}`))) await findRow(api, def, id);
    const written = lone ? await apply(api) : await inTransaction(api.flow.db, (trx) => apply({ ...api, flow: { ...api.flow, db: joinTransaction(api.flow.db, trx) } }));
    return sendOne(request, reply, api, id, 200, undefined, written && !def.show && !def.findOne ? written : undefined);
  });

  if (def.delete === false) return;
  app.delete(`${base}/:id`, { schema: { tags, summary: `Delete a ${def.type} record`, params: IdParams, produces, response: { 204: noContent, ...errorResponses([...COMMON_ERRORS, 404, 409, 422, 423], { 422: 'the record may not be deleted in its state' }) } } }, async (request, reply) => {
    const api = deps.api(request);
    guard(api, def, 'DELETE');
    const id = (request.params as { id: string }).id;
    await findRow(api, def, id);
    await (def.delete ? def.delete(api, id) : defaultDelete(api, def, id));
    return reply.code(204).send();
  });
}

async function findAndShow(api: ApiContext, def: ResourceDefinition, id: string): Promise<{ row: AnyRow; extra: Record<string, unknown> }> {
  const row = await findRow(api, def, id);
  return { row, extra: def.show ? await def.show(api, row) : {} };
}

const baseUrl = (r: FastifyRequest) => `${r.protocol}://${r.host}`;

async function renderRows(
  deps: RouteDeps, def: ResourceDefinition, request: FastifyRequest, api: ApiContext, rows: AnyRow[], query: ListQuery,
  extra?: Record<string, unknown>, prefetched?: ReadonlyMap<string, AnyRow[]>,
): Promise<{ data: ResourceObject[]; included: ResourceObject[] }> {
  const options = (type: string) => ({ baseUrl: baseUrl(request), mode: deps.mode, fields: query.fields.get(type) });
  const renderOne = (d: ResourceDefinition, row: AnyRow, linkage?: Map<string, Linkage>) => toResourceObject(d, row, { ...options(d.type), linkage });
  const { linkage, included } = await loadIncluded(api, def, rows, query.include, renderOne, deps.lookup, undefined, prefetched);
  const data = rows.map((row) => toResourceObject(def, row, { ...options(def.type), linkage: linkage.get(String(row.id)), extra }));
  return { data, included };
}

/** Checks what schemas cannot (4 decimals, required relationships) and shapes the input. */
function writeInput(def: ResourceDefinition, body: Body, mode: 'create' | 'update') {
  const attributes = { ...body.data.attributes };
  for (const [name, value] of Object.entries(attributes)) {
    if (!def.attributes[name]?.quantity || value === null || value === undefined) continue;
    if (isQuantityError(parseQuantity(value))) throw validation(name, `${name} must be a number with at most 4 decimals`);
  }
  const relationships: Record<string, string | null> = {};
  for (const [name, rel] of Object.entries(def.relationships ?? {})) {
    const given = body.data.relationships?.[name];
    if (given !== undefined) relationships[name] = given.data?.id ?? null;
    const missing = mode === 'create' ? !relationships[name] : given !== undefined && !relationships[name];
    if (isToOne(rel) && rel.required && missing) throw validation(`/data/relationships/${name}`, `${name} is required`);
  }
  return { attributes, relationships };
}
