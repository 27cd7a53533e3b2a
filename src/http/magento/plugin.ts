// Magento 2.4's REST API (Inventory/MSI, the product subset it needs, orders and shipping)
// as a translation layer over the same flows and database as the JSON:API. Registered under
// /rest/V1 and its store-code aliases /rest/default/V1 and /rest/all/V1; only /rest/V1 is
// listed in /openapi.json (tag "Magento"). Bodies are validated by hand in Magento's words
// (the schemas here document, they do not validate), errors are Magento's { message,
// parameters }, and the Default Stock is created on the first Magento request.
import type { FastifyInstance } from 'fastify';
import { checkAccess, installMagentoAuth } from './auth.js';
import { ensureDefaultStock } from './default-stock.js';
import { installMagentoErrors } from './errors.js';
import type { MagentoContext, MagentoRoute } from './routes.js';
import { magentoServices } from './services.js';
import { json } from '../openapi/responses.js';

const magentoError = (description: string) => json({ $ref: 'magento_error#' }, description);

/** What a Magento route answers: its 200 body, and Magento's error body for each failure status. */
function magentoResponses(route: MagentoRoute): Record<number, unknown> {
  return {
    200: json(route.response ?? { description: 'Magento\'s answer (JSON)' }, route.response ? 'OK' : 'OK (the Magento REST response for this service)'),
    400: magentoError('invalid input or a refused business rule ("Validation Failed" lists each rule in errors)'),
    401: magentoError(route.anonymous ? 'wrong credentials' : 'no or invalid token, or the ACL resource is not granted'),
    404: magentoError('the entity does not exist'),
    409: magentoError('conflict'),
    429: magentoError('rate limit exceeded'),
    500: magentoError('an error on our side (the report id is in parameters)'),
  };
}

export const MAGENTO_BASES = ['/rest/V1', '/rest/default/V1', '/rest/all/V1'] as const;

export async function magentoApi(app: FastifyInstance, ctx: MagentoContext): Promise<void> {
  let defaultStock: Promise<void> | undefined;
  const ensure = () => (defaultStock ??= ensureDefaultStock(ctx.db, ctx.now()).catch((error: unknown) => {
    defaultStock = undefined;
    throw error;
  }));
  for (const base of MAGENTO_BASES) {
    await app.register(async (scope) => {
      installMagentoErrors(scope);
      scope.setValidatorCompiler(() => () => true);
      installMagentoAuth(scope, ctx);
      for (const route of magentoServices()) register(scope, route, base !== '/rest/V1', ctx, ensure);
    }, { prefix: base });
  }
}

function register(scope: FastifyInstance, route: MagentoRoute, hide: boolean, ctx: MagentoContext, ensure: () => Promise<void>): void {
  scope.route({
    method: route.method,
    url: route.url,
    config: { magento: { acl: route.acl, ...(route.storefront ? { storefront: true } : {}) } },
    schema: {
      tags: ['Magento'], summary: route.summary, hide,
      ...(route.anonymous ? { security: [] } : {}),
      ...(route.body ? { body: route.body } : {}),
      ...(route.params ? { params: route.params } : {}),
      ...(route.querystring ? { querystring: route.querystring } : {}),
      response: magentoResponses(route),
    },
    handler: async (request, reply) => {
      if (!route.anonymous) {
        checkAccess(request);
        await ensure();
      }
      const result = await route.handler(ctx, request);
      return reply.type('application/json').send(JSON.stringify(result ?? []));
    },
  });
}
