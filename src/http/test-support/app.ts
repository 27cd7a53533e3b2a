// Test harness for HTTP tests: a fresh migrated database per engine, the app (never
// listening), tokens for each kind of caller, and small JSON:API request helpers.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { KyselyPlugin } from 'kysely';
import { openTestDb, type TestDb } from '../../store/test-support/engines.js';
import type { Engine } from '../../store/db.js';
import { buildApp } from '../app.js';
import { createApplication } from '../auth/applications.js';
import { testConfig, type AppConfig } from '../config.js';
import { installDriftCheck, type DriftCheck } from './drift.js';

export const JSONAPI = 'application/vnd.api+json';

export interface TestApi {
  readonly app: FastifyInstance;
  readonly db: TestDb;
  /** Token of an admin integration. */
  readonly admin: string;
  /** Responses that differ from what /openapi.json documents (closing the app fails when any). */
  readonly drift: DriftCheck;
  token(kind: 'admin' | 'read_only' | { marketId: string }): Promise<string>;
  get(url: string, token?: string): Promise<LightMyRequestResponse>;
  post(url: string, body: unknown, token?: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body: unknown, token?: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  del(url: string, token?: string): Promise<LightMyRequestResponse>;
  /** POSTs and returns data.id, failing loudly on anything but 201. */
  create(type: string, attributes: Record<string, unknown>, relationships?: Record<string, { type: string; id: string }>): Promise<string>;
  /** The kinds of the statements the app sent through Kysely while `work` ran (the placement's pipelined messages bypass it). */
  statementsDuring(work: () => Promise<unknown>): Promise<string[]>;
  close(): Promise<void>;
}

export async function startTestApi(engine: Engine, config: Partial<AppConfig> = {}, now?: () => Date): Promise<TestApi> {
  const db = await openTestDb(engine);
  let recorded: string[] | undefined;
  const recorder: KyselyPlugin = {
    transformQuery: ({ node }) => { recorded?.push(node.kind); return node; },
    transformResult: async ({ result }) => result,
  };
  const app = await buildApp({ db: { ...db, kysely: db.kysely.withPlugin(recorder) }, config: testConfig(config), ...(now ? { now } : {}) });
  const drift = installDriftCheck(app);
  await app.ready();
  const token = async (kind: 'admin' | 'read_only' | { marketId: string }) => {
    const created = typeof kind === 'string'
      ? await createApplication(db, { name: kind, kind: 'integration', role: kind }, new Date())
      : await createApplication(db, { name: 'shop', kind: 'sales_channel', marketId: kind.marketId }, new Date());
    const res = await app.inject({ method: 'POST', url: '/oauth/token', payload: { grant_type: 'client_credentials', client_id: created.clientId, client_secret: created.clientSecret } });
    if (res.statusCode !== 200) throw new Error(`token: ${res.statusCode} ${res.body}`);
    return (res.json() as { access_token: string }).access_token;
  };
  const admin = await token('admin');
  const headers = (t: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${t}`, accept: JSONAPI, 'content-type': JSONAPI, ...extra });
  const api: TestApi = {
    app, db, admin, drift, token,
    get: (url, t = admin) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${t}`, accept: JSONAPI } }),
    post: (url, body, t = admin, extra) => app.inject({ method: 'POST', url, headers: headers(t, extra), payload: JSON.stringify(body) }),
    patch: (url, body, t = admin, extra) => app.inject({ method: 'PATCH', url, headers: headers(t, extra), payload: JSON.stringify(body) }),
    del: (url, t = admin) => app.inject({ method: 'DELETE', url, headers: { authorization: `Bearer ${t}` } }),
    async create(type, attributes, relationships = {}) {
      const rels = Object.fromEntries(Object.entries(relationships).map(([k, v]) => [k, { data: v }]));
      const res = await api.post(`/api/${type}`, { data: { type, attributes, relationships: rels } });
      if (res.statusCode !== 201) throw new Error(`create ${type}: ${res.statusCode} ${res.body}`);
      return (res.json() as { data: { id: string } }).data.id;
    },
    async statementsDuring(work) {
      recorded = [];
      try {
        await work();
        return recorded;
      } finally {
        recorded = undefined;
      }
    },
    async close() {
      try {
        await app.close(); // fails when a response drifted from /openapi.json (drift.ts)
      } finally {
        await db.close();
      }
    },
  };
  return api;
}
