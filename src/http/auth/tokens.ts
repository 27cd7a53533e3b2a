// Access tokens: HS256 JWTs signed with jose. The signing key comes from
// STOCKROUTE_JWT_SECRET or is generated once and kept in the settings table, so tokens stay
// valid across restarts. The claims carry everything the API needs to authorise a request.
import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { Db } from '../../store/db.js';
import { ApiError } from '../errors.js';
import type { AuthContext } from './context.js';

const ISSUER = 'stockroute';

export async function signingKey(db: Db, configured?: string): Promise<Uint8Array> {
  if (configured) return new TextEncoder().encode(configured);
  const candidate = randomBytes(48).toString('base64url');
  await db.kysely.insertInto('settings').values({ key: 'jwt_secret', value: candidate }).onConflict((oc) => oc.column('key').doNothing()).execute();
  const row = await db.kysely.selectFrom('settings').select('value').where('key', '=', 'jwt_secret').executeTakeFirstOrThrow();
  return new TextEncoder().encode(row.value);
}

export interface Issued { readonly access_token: string; readonly token_type: 'bearer'; readonly expires_in: number; readonly scope: string }

export async function issueToken(key: Uint8Array, auth: AuthContext, ttlSeconds: number, now: Date): Promise<Issued> {
  const iat = Math.floor(now.getTime() / 1000);
  const token = await new SignJWT({
    kind: auth.kind, role: auth.role, market_id: auth.marketId, market_code: auth.marketCode, scope: auth.scope,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(auth.applicationId)
    .setIssuer(ISSUER)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(key);
  return { access_token: token, token_type: 'bearer', expires_in: ttlSeconds, scope: auth.scope };
}

/**
 * Tokens already verified under a key, with their expiry: a client sends the same token on
 * every request, and checking an HMAC through WebCrypto costs more than the rest of a small
 * GET. Verification is a pure function of (key, token) up to the expiry, which is checked
 * on every use, so the cache changes no answer. Bounded: emptied when it reaches MAX_CACHED.
 */
const verified = new WeakMap<Uint8Array, Map<string, { auth: AuthContext; expiresAtMs: number }>>();
const MAX_CACHED = 10_000;

export async function verifyToken(key: Uint8Array, token: string, now: Date): Promise<AuthContext> {
  let cache = verified.get(key);
  const hit = cache?.get(token);
  if (hit && now.getTime() < hit.expiresAtMs) return hit.auth;
  const { auth, expiresAtMs } = await verifyUncached(key, token, now);
  if (!cache) verified.set(key, (cache = new Map()));
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(token, { auth, expiresAtMs });
  return auth;
}

async function verifyUncached(key: Uint8Array, token: string, now: Date): Promise<{ auth: AuthContext; expiresAtMs: number }> {
  try {
    const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ['HS256'], currentDate: now });
    const kind = payload.kind === 'sales_channel' ? 'sales_channel' : 'integration';
    const auth: AuthContext = {
      applicationId: String(payload.sub),
      kind,
      role: payload.role === 'admin' || payload.role === 'read_only' ? payload.role : null,
      marketId: typeof payload.market_id === 'string' ? payload.market_id : null,
      marketCode: typeof payload.market_code === 'string' ? payload.market_code : null,
      scope: typeof payload.scope === 'string' ? payload.scope : '',
    };
    return { auth, expiresAtMs: typeof payload.exp === 'number' ? payload.exp * 1000 : now.getTime() };
  } catch (error) {
    const detail = error instanceof joseErrors.JWTExpired ? 'the access token has expired' : 'the access token is not valid';
    throw new ApiError('INVALID_TOKEN', detail);
  }
}
