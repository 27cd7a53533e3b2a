// applications: API clients (admin only). Creating one returns its client_id and, once only,
// its client_secret; only a hash of the secret is stored. allowed_origins lists the browser
// origins whose pages may use the application's tokens.
import { Type } from 'typebox';
import { assertAllowedOrigins, createApplication } from '../auth/applications.js';
import { defineResource } from './define.js';
import { name } from './attribute-types.js';
import { defaultUpdate } from './write.js';

export const applications = defineResource({
  type: 'applications',
  table: 'applications',
  idPrefix: 'app',
  attributes: {
    name: { schema: name(), required: true, filter: true, sort: true },
    kind: { schema: Type.String({ enum: ['integration', 'sales_channel'] }), required: true, write: 'create', filter: true, sort: true },
    role: { schema: Type.Union([Type.String({ enum: ['admin', 'read_only'] }), Type.Null()]), write: 'create', filter: true },
    client_id: { schema: Type.String(), write: false, filter: true },
    // Pages on these origins may use this application's tokens (CORS; see README).
    allowed_origins: { schema: Type.Array(Type.String({ maxLength: 255 }), { maxItems: 100, uniqueItems: true }) },
  },
  relationships: {
    market: { type: 'markets', toOne: 'market_id', write: true },
  },
  access: { adminOnly: true },
  create: async (api, { attributes: a, relationships: r }) => {
    const created = await createApplication(api.flow.db, {
      name: a.name ?? '', kind: a.kind === 'sales_channel' ? 'sales_channel' : 'integration',
      role: a.role === 'admin' || a.role === 'read_only' ? a.role : null,
      marketId: r.market ?? null, reference: a.reference ?? null, metadata: a.metadata, allowedOrigins: a.allowed_origins,
    }, api.flow.now());
    return { id: created.id, attributes: { client_secret: created.clientSecret } };
  },
  update: async (api, id, input): Promise<void> => {
    assertAllowedOrigins(input.attributes.allowed_origins);
    await defaultUpdate(api, applications, id, input);
  },
});
