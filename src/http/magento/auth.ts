// Magento's authentication, over Stockroute's applications and tokens:
// - POST /V1/integration/admin/token {username, password} = {client_id, client_secret}
//   answers the bearer token as a bare JSON string (Magento's shape); it is the same signed
//   token POST /oauth/token issues, so either works on both APIs;
// - every other Magento route needs `Authorization: Bearer <token>` (401 otherwise, with
//   Magento's message naming the ACL resource), and the caller's role decides as on /api:
//   read_only integrations may only GET; sales channels may only read what a storefront
//   reads (salability).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../store/db.js';
import { permits } from '../auth/context.js';
import { verifySecret } from '../auth/secrets.js';
import { issueToken, verifyToken } from '../auth/tokens.js';
import { MagentoError, unauthorized, validationFailed } from './errors.js';

export interface AuthDeps {
  readonly db: Db;
  readonly key: () => Promise<Uint8Array>;
  readonly ttlSeconds: number;
  readonly now: () => Date;
}

export const TOKEN_PATH = '/integration/admin/token';

const SIGN_IN_FAILED = 'The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later.';

export async function adminToken(deps: AuthDeps, body: unknown): Promise<string> {
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const missing = ['username', 'password'].filter((f) => typeof input[f] !== 'string' || input[f] === '');
  if (missing.length > 0) {
    throw validationFailed(missing.map((f) => ({ message: '"%fieldName" is required. Enter and try again.', parameters: { fieldName: f } })), 'One or more input exceptions have occurred.');
  }
  const app = await deps.db.kysely.selectFrom('applications').leftJoin('markets', 'markets.id', 'applications.market_id')
    .select(['applications.id', 'applications.kind', 'applications.role', 'applications.market_id', 'applications.client_secret_hash', 'markets.code as market_code'])
    .where('applications.client_id', '=', String(input.username)).executeTakeFirst();
  if (!app?.client_secret_hash || !(await verifySecret(String(input.password), app.client_secret_hash))) throw new MagentoError(401, SIGN_IN_FAILED);
  const scope = app.kind === 'sales_channel' ? `market:code:${app.market_code ?? ''}` : '';
  const issued = await issueToken(await deps.key(), {
    applicationId: app.id, kind: app.kind, role: app.role, marketId: app.market_id, marketCode: app.market_code, scope,
  }, deps.ttlSeconds, deps.now());
  return issued.access_token;
}

/** Sets request.auth from the bearer token on every Magento route but the token route. */
export function installMagentoAuth(app: FastifyInstance, deps: AuthDeps): void {
  app.addHook('onRequest', async (request) => {
    if (request.is404 || request.routeOptions.url?.endsWith(TOKEN_PATH)) return;
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match?.[1]) throw unauthorized(aclOf(request));
    try {
      request.auth = await verifyToken(await deps.key(), match[1], deps.now());
    } catch {
      throw unauthorized(aclOf(request));
    }
  });
}

export interface MagentoAccess {
  /** Magento's ACL resource, named in the 401 message. */
  readonly acl: string;
  /** Sales channels (storefront tokens) may call this GET. */
  readonly storefront?: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    magento?: MagentoAccess;
  }
}

const aclOf = (request: FastifyRequest) => request.routeOptions.config.magento?.acl ?? 'Magento_Backend::admin';

/** 401 unless the caller's role allows this method on this route (Magento has no 403). */
export function checkAccess(request: FastifyRequest): void {
  const auth = request.auth;
  const access = request.routeOptions.config.magento;
  if (!auth || !access) throw unauthorized(aclOf(request));
  if (!permits(auth, request.method, { salesChannel: access.storefront ? 'read' : 'none' })) throw unauthorized(access.acl);
}
