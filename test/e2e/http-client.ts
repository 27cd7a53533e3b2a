// A tiny JSON:API client for end-to-end tests against a LISTENING server (real TCP, fetch).
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { createApplication } from '../../src/http/auth/applications.js';
import { testConfig } from '../../src/http/config.js';
import type { Engine } from '../../src/store/db.js';
import { openTestDb, type TestDb } from '../../src/store/test-support/engines.js';
import { installDriftCheck } from '../../src/http/test-support/drift.js';

const MEDIA = 'application/vnd.api+json';

export interface Resource { id: string; type: string; attributes: Record<string, unknown>; relationships: Record<string, { data?: unknown }> }
export interface Document { data: Resource | Resource[]; included?: Resource[]; errors?: { code: string; detail: string; source?: { pointer?: string } }[] }

export interface LiveServer {
  readonly origin: string;
  readonly db: TestDb;
  readonly app: FastifyInstance;
  request(method: string, path: string, body?: unknown): Promise<{ status: number; doc: Document }>;
  create(type: string, attributes: Record<string, unknown>, relationships?: Record<string, string>): Promise<string>;
  patch(type: string, id: string, attributes: Record<string, unknown>): Promise<{ status: number; doc: Document }>;
  one(path: string): Promise<Resource>;
  list(path: string): Promise<Resource[]>;
  close(): Promise<void>;
}

export async function startLiveServer(engine: Engine): Promise<LiveServer> {
  const db = await openTestDb(engine);
  const app = await buildApp({ db, config: testConfig() });
  installDriftCheck(app);
  const origin = await app.listen({ port: 0, host: '127.0.0.1' });
  const admin = await createApplication(db, { name: 'e2e', kind: 'integration', role: 'admin' }, new Date());
  const tokenResponse = await fetch(`${origin}/oauth/token`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: admin.clientId, client_secret: admin.clientSecret }),
  });
  const { access_token: token } = (await tokenResponse.json()) as { access_token: string };

  const request = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${origin}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, accept: MEDIA, ...(body ? { 'content-type': MEDIA } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, doc: (text ? JSON.parse(text) : {}) as Document };
  };
  const server: LiveServer = {
    origin, db, app, request,
    async create(type, attributes, relationships = {}) {
      const rels = Object.fromEntries(Object.entries(relationships).map(([name, id]) => [name, { data: { type: relType(name), id } }]));
      const { status, doc } = await request('POST', `/api/${type}`, { data: { type, attributes, relationships: rels } });
      if (status !== 201) throw new Error(`create ${type}: ${status} ${JSON.stringify(doc)}`);
      return (doc.data as Resource).id;
    },
    patch: (type, id, attributes) => request('PATCH', `/api/${type}/${id}`, { data: { type, id, attributes } }),
    async one(path) {
      const { status, doc } = await request('GET', path);
      if (status !== 200) throw new Error(`GET ${path}: ${status} ${JSON.stringify(doc)}`);
      return doc.data as Resource;
    },
    async list(path) {
      const { status, doc } = await request('GET', path);
      if (status !== 200) throw new Error(`GET ${path}: ${status} ${JSON.stringify(doc)}`);
      return doc.data as Resource[];
    },
    async close() {
      try {
        await app.close(); // fails when a response drifted from /openapi.json
      } finally {
        await db.close();
      }
    },
  };
  return server;
}

const REL_TYPES: Record<string, string> = {
  address: 'addresses', shipping_address: 'addresses', shipping_category: 'shipping_categories',
  stock_location: 'stock_locations', inventory_model: 'inventory_models', market: 'markets', order: 'orders', sku: 'skus',
};
const relType = (name: string): string => REL_TYPES[name] ?? `${name}s`;
