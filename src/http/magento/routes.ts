// A Magento route, declared once: method, path (under /V1), its Magento ACL resource, the
// schemas that document it in /openapi.json (tag "Magento"), and a handler over the flows.
// Each service file exports a list of these; plugin.ts registers them under every base path.
import type { FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';
import type { FlowContext } from '../../flows/context.js';
import type { AuthDeps } from './auth.js';

export interface MagentoContext extends AuthDeps {
  readonly flow: FlowContext;
}

export interface MagentoRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path after the base, e.g. `/inventory/sources/:sourceCode`. */
  readonly url: string;
  readonly summary: string;
  readonly acl: string;
  /** Sales channel (storefront) tokens may call it (GET only). */
  readonly storefront?: boolean;
  /** No bearer token needed (the token route). */
  readonly anonymous?: boolean;
  readonly body?: TSchema;
  readonly params?: TSchema;
  readonly querystring?: TSchema;
  /** The 200 body, documented in /openapi.json (any JSON value when absent). */
  readonly response?: TSchema;
  readonly handler: (ctx: MagentoContext, request: FastifyRequest) => Promise<unknown>;
}

export const defineRoutes = (routes: MagentoRoute[]): MagentoRoute[] => routes;

/** Path parameter by name, as text. */
export const param = (request: FastifyRequest, name: string): string => String((request.params as Record<string, unknown>)[name] ?? '');

export const queryOf = (request: FastifyRequest): Record<string, unknown> => (request.query ?? {}) as Record<string, unknown>;
