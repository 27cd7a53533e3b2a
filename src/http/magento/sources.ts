// Magento sources ↔ stock locations (+ their address; Magento-only fields in magento_sources):
//   GET/POST /V1/inventory/sources, GET/PUT /V1/inventory/sources/{sourceCode}.
// source_code = code, enabled, latitude/longitude = address lat/lng, country_id, region
// (= state_code), street (= line_1), city, postcode (= zip_code). Validation as Magento's
// SourceRepository: name, source_code (no whitespace), postcode and country_id required.
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { Db } from '../../store/db.js';
import { newId } from '../../store/ids.js';
import { inTransaction, type Trx } from '../../store/transaction.js';
import { MagentoError, fieldError, validationFailed, type MagentoErrorItem } from './errors.js';
import { bool, compact, envelope, number, requiredText, text, type Body } from './input.js';
import { defineRoutes, param, queryOf, type MagentoContext } from './routes.js';
import { parseSearchCriteria, searchList, type Fields } from './search-criteria.js';
import { SourceAnswer, VoidAnswer, searchResult } from './schemas.js';

const ACL = 'Magento_InventoryApi::source';

const SourceSchema = Type.Object({
  source_code: Type.String(), name: Type.String(), enabled: Type.Optional(Type.Boolean()), description: Type.Optional(Type.String()),
  latitude: Type.Optional(Type.Number()), longitude: Type.Optional(Type.Number()), country_id: Type.String(), region: Type.Optional(Type.String()),
  region_id: Type.Optional(Type.Integer()), city: Type.Optional(Type.String()), street: Type.Optional(Type.String()), postcode: Type.String(),
  contact_name: Type.Optional(Type.String()), email: Type.Optional(Type.String()), phone: Type.Optional(Type.String()), fax: Type.Optional(Type.String()),
  use_default_carrier_config: Type.Optional(Type.Boolean()),
}, { additionalProperties: true });

export function sourcesQuery(db: Db['kysely'] | Trx) {
  return db.selectFrom('stock_locations as sl')
    .leftJoin('addresses as a', 'a.id', 'sl.address_id')
    .leftJoin('magento_sources as ms', 'ms.stock_location_id', 'sl.id')
    .select(['sl.id', 'sl.code', 'sl.name', 'sl.enabled', 'sl.address_id', 'a.lat', 'a.lng', 'a.country_code', 'a.state_code', 'a.city', 'a.line_1', 'a.zip_code',
      'ms.description', 'ms.contact_name', 'ms.email', 'ms.phone', 'ms.fax', 'ms.region_id', 'ms.use_default_carrier_config']);
}

export const SOURCE_FIELDS: Fields = {
  source_code: { sql: sql.ref('sl.code'), kind: 'text' }, name: { sql: sql.ref('sl.name'), kind: 'text' },
  enabled: { sql: sql.ref('sl.enabled'), kind: 'boolean' }, country_id: { sql: sql.ref('a.country_code'), kind: 'text' },
  postcode: { sql: sql.ref('a.zip_code'), kind: 'text' }, city: { sql: sql.ref('a.city'), kind: 'text' },
  region: { sql: sql.ref('a.state_code'), kind: 'text' }, region_id: { sql: sql.ref('ms.region_id'), kind: 'number' },
  description: { sql: sql.ref('ms.description'), kind: 'text' }, contact_name: { sql: sql.ref('ms.contact_name'), kind: 'text' },
  email: { sql: sql.ref('ms.email'), kind: 'text' }, phone: { sql: sql.ref('ms.phone'), kind: 'text' },
  latitude: { sql: sql.ref('a.lat'), kind: 'number' }, longitude: { sql: sql.ref('a.lng'), kind: 'number' },
};

export function sourceOut(r: Record<string, unknown>): Record<string, unknown> {
  return compact({
    source_code: r.code, name: r.name, email: r.email, contact_name: r.contact_name, enabled: r.enabled, description: r.description,
    latitude: r.lat, longitude: r.lng, country_id: r.country_code, region_id: r.region_id, region: r.state_code, city: r.city,
    street: r.line_1, postcode: r.zip_code, phone: r.phone, fax: r.fax,
    use_default_carrier_config: r.use_default_carrier_config ?? true, carrier_links: [], extension_attributes: {},
  });
}

const notFound = (code: string) => new MagentoError(404, 'Source with code "%value" does not exist.', { value: code });

interface SourceInput {
  code: string; name: string; enabled: boolean | undefined; lat: number | null; lng: number | null;
  address: { country_code: string; zip_code: string; state_code: string | null; city: string | null; line_1: string | null };
  details: { description: string | null; contact_name: string | null; email: string | null; phone: string | null; fax: string | null; region_id: number | null; use_default_carrier_config: boolean };
}

function readSource(o: Body): SourceInput {
  const errors: MagentoErrorItem[] = [];
  const name = requiredText(o, 'name', errors);
  const code = requiredText(o, 'source_code', errors, { code: true });
  const postcode = requiredText(o, 'postcode', errors);
  const country = requiredText(o, 'country_id', errors);
  const lat = number(o, 'latitude') ?? null;
  const lng = number(o, 'longitude') ?? null;
  if (lat !== null && (lat < -90 || lat > 90)) errors.push(fieldError('should be between -90 and 90.', 'latitude'));
  if (lng !== null && (lng < -180 || lng > 180)) errors.push(fieldError('should be between -180 and 180.', 'longitude'));
  if ((lat === null) !== (lng === null)) errors.push(fieldError('can not be empty.', lat === null ? 'latitude' : 'longitude'));
  if (errors.length > 0) throw validationFailed(errors);
  return {
    code, name, enabled: bool(o, 'enabled'), lat, lng,
    address: { country_code: country.trim().toUpperCase(), zip_code: postcode, state_code: text(o, 'region') ?? null, city: text(o, 'city') ?? null, line_1: text(o, 'street') ?? null },
    details: {
      description: text(o, 'description') ?? null, contact_name: text(o, 'contact_name') ?? null, email: text(o, 'email') ?? null,
      phone: text(o, 'phone') ?? null, fax: text(o, 'fax') ?? null, region_id: number(o, 'region_id', 'int') ?? null,
      use_default_carrier_config: bool(o, 'use_default_carrier_config') ?? true,
    },
  };
}

async function saveSource(ctx: MagentoContext, input: SourceInput, existing: { id: string; address_id: string | null } | undefined): Promise<void> {
  const now = ctx.now();
  await inTransaction(ctx.db, async (trx) => {
    const stamp = { updated_at: now };
    const address = { ...input.address, lat: input.lat, lng: input.lng };
    let addressId = existing?.address_id ?? null;
    if (addressId) await trx.updateTable('addresses').set({ ...address, ...stamp }).where('id', '=', addressId).execute();
    else addressId = (await trx.insertInto('addresses').values({ id: newId('addr'), ...address, ...stamp, metadata: '{}' }).returning('id').executeTakeFirstOrThrow()).id;
    let id = existing?.id;
    if (id) {
      await trx.updateTable('stock_locations').set({ code: input.code, name: input.name, address_id: addressId, ...(input.enabled !== undefined ? { enabled: input.enabled } : {}), ...stamp }).where('id', '=', id).execute();
    } else {
      const inserted = await trx.insertInto('stock_locations').values({ id: newId('sl'), code: input.code, name: input.name, enabled: input.enabled ?? true, address_id: addressId, ...stamp, metadata: '{}' })
        .onConflict((oc) => oc.column('code').doNothing()).returning('id').executeTakeFirst();
      if (!inserted) throw new MagentoError(400, 'Could not save Source');
      id = inserted.id;
    }
    await trx.insertInto('magento_sources').values({ stock_location_id: id, ...input.details })
      .onConflict((oc) => oc.column('stock_location_id').doUpdateSet(input.details)).execute();
  });
}

async function findSource(ctx: MagentoContext, code: string) {
  return sourcesQuery(ctx.db.kysely).where('sl.code', '=', code).executeTakeFirst();
}

async function getSource(ctx: MagentoContext, request: FastifyRequest) {
  const row = await findSource(ctx, param(request, 'sourceCode'));
  if (!row) throw notFound(param(request, 'sourceCode'));
  return sourceOut(row);
}

export const sourceRoutes = defineRoutes([
  {
    method: 'GET', url: '/inventory/sources', summary: 'Find sources by searchCriteria', acl: ACL, response: searchResult(SourceAnswer),
    handler: async (ctx, request) => searchList(sourcesQuery(ctx.db.kysely), parseSearchCriteria(queryOf(request)), SOURCE_FIELDS, ['source_code'], sourceOut),
  },
  {
    method: 'GET', url: '/inventory/sources/:sourceCode', summary: 'Get a source by code', acl: ACL, response: SourceAnswer,
    params: Type.Object({ sourceCode: Type.String() }), handler: getSource,
  },
  {
    method: 'POST', url: '/inventory/sources', summary: 'Create a source', acl: ACL, response: VoidAnswer, body: Type.Object({ source: SourceSchema }),
    handler: async (ctx, request) => {
      await saveSource(ctx, readSource(envelope(request.body, 'source')), undefined);
      return [];
    },
  },
  {
    method: 'PUT', url: '/inventory/sources/:sourceCode', summary: 'Update a source (its code comes from the path)', acl: ACL, response: VoidAnswer,
    params: Type.Object({ sourceCode: Type.String() }), body: Type.Object({ source: SourceSchema }),
    handler: async (ctx, request) => {
      const code = param(request, 'sourceCode');
      const existing = await findSource(ctx, code);
      const input = readSource({ ...envelope(request.body, 'source'), source_code: code });
      await saveSource(ctx, input, existing);
      return [];
    },
  },
]);
