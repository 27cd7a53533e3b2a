// Creating applications (API clients) and the first-start admin bootstrap. The client secret
// is returned once, at creation, and only its scrypt hash is stored.
import { notFound, validation } from '../../domain/errors.js';
import type { Db } from '../../store/db.js';
import { newId } from '../../store/ids.js';
import { originProblems } from '../browser/origins.js';
import { generateClientId, generateSecret, hashSecret } from './secrets.js';

export interface NewApplication {
  readonly name: string;
  readonly kind: 'integration' | 'sales_channel';
  readonly role?: 'admin' | 'read_only' | null | undefined;
  readonly marketId?: string | null | undefined;
  readonly clientId?: string | undefined;
  readonly clientSecret?: string | undefined;
  readonly reference?: string | null | undefined;
  readonly metadata?: Record<string, unknown> | undefined;
  /** Browser origins whose pages may use this application's tokens. */
  readonly allowedOrigins?: readonly string[] | undefined;
}

export interface CreatedApplication { readonly id: string; readonly clientId: string; readonly clientSecret: string }

/** Every allowed origin must be written as a browser sends it (a 422 points at the first that is not). */
export function assertAllowedOrigins(origins: readonly string[] | undefined): void {
  const [problem] = originProblems(origins ?? []);
  if (problem) throw validation(`/data/attributes/allowed_origins/${problem.index}`, problem.message);
}

export async function createApplication(db: Db, app: NewApplication, now: Date): Promise<CreatedApplication> {
  assertAllowedOrigins(app.allowedOrigins);
  if (app.kind === 'integration' && !app.role) throw validation('role', 'an integration needs a role: admin or read_only');
  if (app.kind === 'sales_channel' && !app.marketId) throw validation('/data/relationships/market', 'a sales channel must be scoped to a market');
  const id = newId('app');
  const clientId = app.clientId ?? generateClientId();
  const clientSecret = app.clientSecret ?? generateSecret();
  await db.kysely.insertInto('applications').values({
    id, created_at: now, updated_at: now, name: app.name, kind: app.kind,
    role: app.kind === 'integration' ? (app.role ?? null) : null,
    market_id: app.kind === 'sales_channel' ? (app.marketId ?? null) : null,
    client_id: clientId, client_secret_hash: await hashSecret(clientSecret),
    reference: app.reference ?? null, reference_origin: null, metadata: JSON.stringify(app.metadata ?? {}),
    allowed_origins: JSON.stringify(app.allowedOrigins ?? []),
  }).execute();
  return { id, clientId, clientSecret };
}

/** Replaces an application's client secret and returns the new one (to print once). */
export async function rotateSecret(db: Db, clientId: string, now: Date): Promise<CreatedApplication & { readonly name: string }> {
  const clientSecret = generateSecret();
  const row = await db.kysely.updateTable('applications')
    .set({ client_secret_hash: await hashSecret(clientSecret), updated_at: now })
    .where('client_id', '=', clientId)
    .returning(['id', 'name'])
    .executeTakeFirst();
  if (!row) throw notFound('application with client_id', clientId);
  return { id: row.id, name: row.name, clientId, clientSecret };
}

/** What the first-start bootstrap found or did. */
export type AdminBootstrap =
  | { readonly kind: 'created'; readonly credentials: CreatedApplication }
  | { readonly kind: 'configured' }
  | { readonly kind: 'exists' };

/**
 * On first start (no applications yet) creates an admin integration and returns its
 * credentials so the caller can print them once. With STOCKROUTE_ADMIN_CLIENT_ID/_SECRET set,
 * that client is created if missing (and its credentials are not echoed back). Several nodes
 * starting together call this under the startup lock (store/startup-lock.ts), so only one
 * admin is created.
 */
export async function bootstrapAdmin(
  db: Db, env: { clientId?: string | undefined; clientSecret?: string | undefined }, now: Date,
): Promise<AdminBootstrap> {
  if (env.clientId && env.clientSecret) {
    const existing = await db.kysely.selectFrom('applications').select('id').where('client_id', '=', env.clientId).executeTakeFirst();
    if (!existing) await createApplication(db, { name: 'Admin', kind: 'integration', role: 'admin', clientId: env.clientId, clientSecret: env.clientSecret }, now);
    return { kind: 'configured' };
  }
  const any = await db.kysely.selectFrom('applications').select('id').limit(1).executeTakeFirst();
  if (any) return { kind: 'exists' };
  return { kind: 'created', credentials: await createApplication(db, { name: 'Admin', kind: 'integration', role: 'admin' }, now) };
}
