// Magento's REST error bodies: `{ message, parameters? , errors? }`, where `message` may hold
// %placeholders filled from `parameters` (an object, or a list for %1, %2), and validation
// failures list each broken rule in `errors`. Statuses as Magento: 400 for input and
// business-rule failures, 401 for authentication and ACL, 404 for a missing entity.
// Domain errors of the shared flows are translated here, so the flows stay the same.
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { DomainFailure } from '../../domain/errors.js';
import { ApiError } from '../errors.js';

export type Parameters = Record<string, string | number> | (string | number)[];

export interface MagentoErrorItem { readonly message: string; readonly parameters: Parameters }

export class MagentoError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly parameters?: Parameters,
    readonly errors?: readonly MagentoErrorItem[],
  ) {
    super(message);
    this.name = 'MagentoError';
  }

  body(): Record<string, unknown> {
    return { message: this.message, ...(this.parameters ? { parameters: this.parameters } : {}), ...(this.errors ? { errors: this.errors } : {}) };
  }
}

/** `"%field" can not be empty.` and its siblings: Magento's validation result items. */
export const fieldError = (message: string, field: string): MagentoErrorItem => ({ message: `"%field" ${message}`, parameters: { field } });

/** 400 "Validation Failed" with every broken rule. */
export const validationFailed = (errors: readonly MagentoErrorItem[], message = 'Validation Failed'): MagentoError =>
  new MagentoError(400, message, undefined, errors);

/** Renders `"%field" can not be empty.` with its parameters, as Magento's top-level messages do. */
export function render(item: MagentoErrorItem): string {
  const params = item.parameters;
  return item.message.replace(/%(\w+)/g, (whole, key: string) => {
    const value = Array.isArray(params) ? params[Number(key) - 1] : params[key];
    return value === undefined ? whole : String(value);
  });
}

export const unauthorized = (resource: string): MagentoError =>
  new MagentoError(401, "The consumer isn't authorized to access %resources.", { resources: resource });

const GENERIC_NOT_FOUND = "The entity that was requested doesn't exist. Verify the entity and try again.";

export function toMagentoError(error: unknown, request: FastifyRequest): MagentoError {
  if (error instanceof MagentoError) return error;
  if (error instanceof DomainFailure) {
    const e = error.error;
    switch (e.code) {
      case 'RECORD_NOT_FOUND': return new MagentoError(404, GENERIC_NOT_FOUND);
      case 'CONFLICT': return new MagentoError(409, e.message);
      default: return new MagentoError(400, e.message);
    }
  }
  if (error instanceof ApiError) {
    if (error.code === 'UNAUTHORIZED' || error.code === 'INVALID_TOKEN' || error.code === 'FORBIDDEN') return unauthorized('Magento_Backend::admin');
    return new MagentoError(error.code === 'RECORD_NOT_FOUND' ? 404 : 400, error.detail);
  }
  const fe = error as FastifyError & { code?: string };
  if (fe.code?.startsWith('22')) return new MagentoError(400, 'A value has the wrong type or is out of range.');
  if (fe.statusCode === 429) return new MagentoError(429, fe.message);
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) return new MagentoError(400, fe.message);
  request.log.error({ err: error }, 'unhandled error (Magento API)');
  return new MagentoError(500, 'Internal Error. Details are available in the server log. Report ID: %1', [request.id]);
}

export function installMagentoErrors(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const e = toMagentoError(error, request);
    return reply.code(e.status).type('application/json').send(e.body());
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).type('application/json').send({ message: 'Request does not match any route.' }));
}
