// POST /V1/integration/admin/token: Magento's admin token, for an application's client
// credentials (username = client_id, password = client_secret). See auth.ts.
import { Type } from 'typebox';
import { TOKEN_PATH, adminToken } from './auth.js';
import { defineRoutes } from './routes.js';

export const tokenRoutes = defineRoutes([
  {
    method: 'POST', url: TOKEN_PATH, summary: 'Get an admin access token (username = client_id, password = client_secret)',
    acl: 'Magento_Integration::integrations', anonymous: true,
    body: Type.Object({ username: Type.String(), password: Type.String() }),
    response: Type.String({ description: 'the bearer token' }),
    handler: async (ctx, request) => adminToken(ctx, request.body),
  },
]);
