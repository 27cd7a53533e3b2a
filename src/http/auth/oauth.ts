// POST /oauth/token: the OAuth 2 client-credentials grant, JSON or form-encoded. Sales
// channels may ask for `market:code:<code>` (or `market:id:<id>`) and only get their own market.
// From a page on another origin, only an application that admits that origin gets a token.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../store/db.js';
import { assertOriginAdmits } from '../browser/cors.js';
import { ApiError } from '../errors.js';
import type { AuthContext } from './context.js';
import { verifySecret } from './secrets.js';
import { issueToken } from './tokens.js';
import { errorResponses, json } from '../openapi/responses.js';

const TokenResponse = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('bearer'),
  expires_in: Type.Integer({ description: 'seconds' }),
  scope: Type.String(),
}, { additionalProperties: false });

const TokenRequest = Type.Object({
  grant_type: Type.String(),
  client_id: Type.String({ minLength: 1 }),
  client_secret: Type.Optional(Type.String()),
  scope: Type.Optional(Type.String()),
});

export interface OAuthDeps {
  readonly db: Db;
  readonly key: () => Promise<Uint8Array>;
  readonly ttlSeconds: number;
  readonly now: () => Date;
  /** STOCKROUTE_CORS_ORIGINS (see browser/origins.ts). */
  readonly globalOrigins: readonly string[];
}

export function registerOAuth(app: FastifyInstance, deps: OAuthDeps): void {
  app.post('/oauth/token', {
    schema: {
      tags: ['auth'], summary: 'Get an access token (client credentials)', body: TokenRequest, security: [],
      response: { 200: json(TokenResponse, 'the access token'), ...errorResponses([400, 401, 403, 415, 422, 429, 500], { 400: 'grant_type is not client_credentials', 403: 'a scope outside the sales channel\'s market, or an origin the application does not admit' }) },
    },
  }, async (request, reply) => {
    const body = request.body as { grant_type: string; client_id: string; client_secret?: string; scope?: string };
    if (body.grant_type !== 'client_credentials') throw new ApiError('BAD_REQUEST', 'grant_type must be client_credentials', { pointer: '/grant_type' });
    const application = await deps.db.kysely.selectFrom('applications')
      .leftJoin('markets', 'markets.id', 'applications.market_id')
      .select(['applications.id', 'applications.kind', 'applications.role', 'applications.market_id', 'applications.client_secret_hash', 'applications.allowed_origins', 'markets.code as market_code'])
      .where('applications.client_id', '=', body.client_id).executeTakeFirst();
    const secretOk = application && (application.client_secret_hash
      ? body.client_secret !== undefined && (await verifySecret(body.client_secret, application.client_secret_hash))
      : true);
    if (!application || !secretOk) throw new ApiError('UNAUTHORIZED', 'unknown client or wrong client secret');
    assertOriginAdmits(request, reply, { kind: application.kind, allowedOrigins: application.allowed_origins }, deps.globalOrigins);
    let scope = body.scope ?? '';
    if (application.kind === 'sales_channel') {
      const own = [`market:code:${application.market_code ?? ''}`, `market:id:${application.market_id ?? ''}`];
      if (scope && !own.includes(scope)) throw new ApiError('FORBIDDEN', `this sales channel may only use the scope ${own[0]}`, { pointer: '/scope' });
      scope = own[0] ?? '';
    }
    const auth: AuthContext = {
      applicationId: application.id, kind: application.kind, role: application.role,
      marketId: application.market_id, marketCode: application.market_code, scope,
    };
    return issueToken(await deps.key(), auth, deps.ttlSeconds, deps.now());
  });
}
