// The one table from error codes to HTTP statuses, and the Fastify error handler that turns
// every failure (domain errors, schema validation, PostgreSQL constraint violations, bad JSON,
// anything unexpected) into a JSON:API error document. A 500 never carries internals.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainFailure, type DomainError } from '../domain/errors.js';
import { toDecimal } from '../domain/quantity.js';

export type ErrorCode =
  | DomainError['code']
  | 'UNAUTHORIZED' | 'INVALID_TOKEN' | 'FORBIDDEN' | 'KEY_NOT_INCLUDED_IN_URL' | 'BAD_REQUEST'
  | 'NOT_ACCEPTABLE' | 'UNSUPPORTED_MEDIA_TYPE' | 'RATE_LIMITED' | 'INTERNAL_ERROR' | 'PRECONDITION_FAILED';

export const STATUS: Record<ErrorCode, number> = {
  VALIDATION_ERROR: 422,
  INSUFFICIENT_STOCK: 422,
  ILLEGAL_TRANSITION: 422,
  RECORD_NOT_FOUND: 404,
  RECORD_NOT_UNIQUE: 409,
  CONFLICT: 409,
  STALE_QUANTITY: 409,
  PRECONDITION_FAILED: 412,
  LOCKED: 423,
  UNAUTHORIZED: 401,
  INVALID_TOKEN: 401,
  FORBIDDEN: 403,
  KEY_NOT_INCLUDED_IN_URL: 400,
  BAD_REQUEST: 400,
  NOT_ACCEPTABLE: 406,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
};

export interface ErrorObject {
  readonly title: string;
  readonly detail: string;
  readonly code: ErrorCode;
  readonly status: string;
  readonly source?: { pointer?: string; parameter?: string };
  readonly meta?: Record<string, unknown>;
}

/** An HTTP-level failure raised by the API layer itself (auth, media type, document shape). */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extra: { pointer?: string; parameter?: string; meta?: Record<string, unknown> } = {},
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

const titleOf = (code: ErrorCode) => code.toLowerCase().replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());

export function errorObject(code: ErrorCode, detail: string, extra: ApiError['extra'] = {}): ErrorObject {
  const source = extra.pointer !== undefined ? { pointer: extra.pointer } : extra.parameter !== undefined ? { parameter: extra.parameter } : undefined;
  return { title: titleOf(code), detail, code, status: String(STATUS[code]), ...(source ? { source } : {}), meta: extra.meta ?? {} };
}

const attributePointer = (field: string) => (field.startsWith('/') ? field : `/data/attributes/${field}`);

export function fromDomainError(e: DomainError): ErrorObject {
  switch (e.code) {
    case 'VALIDATION_ERROR':
      return errorObject(e.code, e.message, { pointer: attributePointer(e.field) });
    case 'INSUFFICIENT_STOCK':
      return errorObject(e.code, e.message, {
        ...(e.field !== undefined ? { pointer: attributePointer(e.field) } : {}),
        meta: {
          sku_code: e.sku, requested: toDecimal(e.requested), available: toDecimal(e.available),
          ...(e.location !== undefined ? { stock_location_code: e.location } : {}),
          ...(e.onHand !== undefined ? { on_hand: toDecimal(e.onHand) } : {}),
          ...(e.held !== undefined ? { held: toDecimal(e.held) } : {}),
        },
      });
    case 'STALE_QUANTITY':
      return errorObject(e.code, e.message, {
        pointer: attributePointer('expected_quantity'),
        meta: { sku_code: e.sku, stock_location_code: e.location, expected_quantity: toDecimal(e.expected), current_quantity: toDecimal(e.current) },
      });
    case 'RECORD_NOT_FOUND':
      return errorObject(e.code, e.message, { meta: { resource: e.resource, id: e.id } });
    case 'ILLEGAL_TRANSITION':
      return errorObject(e.code, e.message, { pointer: `/data/attributes/${e.trigger}`, meta: { state: e.state, resource: e.resource } });
    case 'RECORD_NOT_UNIQUE':
      return errorObject(e.code, e.message, { pointer: attributePointer(e.field) });
    case 'LOCKED':
      return errorObject(e.code, e.message, { meta: { resource: e.resource, id: e.id } });
    case 'CONFLICT':
      return errorObject(e.code, e.message);
    default: {
      const never: never = e;
      return never;
    }
  }
}

interface PgError { code?: string; detail?: string; constraint?: string; column?: string }

/** PostgreSQL constraint violations that reach the handler are the client's fault, not ours. */
function fromPgError(error: PgError, method: string): ErrorObject | undefined {
  const field = /Key \(([^)]+)\)/.exec(error.detail ?? '')?.[1]?.split(', ').at(-1);
  switch (error.code) {
    case '23505':
      return errorObject('RECORD_NOT_UNIQUE', `${field ?? 'value'} has already been taken`, { pointer: attributePointer(field ?? 'id') });
    case '23503':
      return method === 'DELETE'
        ? errorObject('LOCKED', 'other records still depend on this one')
        : errorObject('VALIDATION_ERROR', `${field ?? 'a relationship'} points at a record that does not exist`, {
            pointer: field ? `/data/relationships/${field.replace(/_id$/, '')}` : '/data/relationships',
          });
    case '23514': {
      const column = /^[a-z_]+?_(.+)_check\d*$/.exec(error.constraint ?? '')?.[1] ?? 'value';
      return errorObject('VALIDATION_ERROR', `${column} is out of range`, { pointer: attributePointer(column) });
    }
    case '23502':
      return errorObject('VALIDATION_ERROR', `${error.column ?? 'a value'} is required`, { pointer: attributePointer(error.column ?? '') });
    default:
      // Class 22 (data exception): a value PostgreSQL cannot take (bad date, NUL byte, overflow).
      if (error.code?.startsWith('22')) {
        return method === 'GET'
          ? errorObject('BAD_REQUEST', 'a query parameter has the wrong type or is out of range')
          : errorObject('VALIDATION_ERROR', 'a value has the wrong type or is out of range');
      }
      return undefined;
  }
}

function fromValidation(error: FastifyError): ErrorObject[] {
  const context = error.validationContext ?? 'body';
  const seen = new Set<string>();
  // One error per offending value: a nullable union reports each branch, the first says enough.
  const firsts = (error.validation ?? []).filter((v) => {
    if (seen.has(v.instancePath) && !('additionalProperty' in v.params)) return false;
    seen.add(v.instancePath);
    return true;
  });
  return firsts.filter((v) => v.keyword !== 'boolean').map((v) => {
    const params = v.params as { additionalProperties?: string[]; additionalProperty?: string };
    const extra = params.additionalProperties ?? (params.additionalProperty !== undefined ? [params.additionalProperty] : undefined);
    const pointer = extra ? `${v.instancePath}/${extra.join(',')}` : v.instancePath;
    const name = pointer.split('/').at(-1) || context;
    const detail = extra ? `${extra.join(', ')} is not an allowed attribute` : `${name} ${v.message ?? 'is invalid'}`;
    return context === 'body'
      ? errorObject('VALIDATION_ERROR', detail, { pointer: pointer || '/data' })
      : errorObject('BAD_REQUEST', detail, { parameter: name });
  });
}

export function toErrorObjects(error: unknown, request: FastifyRequest): ErrorObject[] {
  if (error instanceof ApiError) return [errorObject(error.code, error.detail, error.extra)];
  if (error instanceof DomainFailure) return [fromDomainError(error.error)];
  const fe = error as FastifyError & PgError;
  if (fe.validation) return fromValidation(fe);
  const pg = fromPgError(fe, request.method);
  if (pg) return [pg];
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return [errorObject('UNSUPPORTED_MEDIA_TYPE', 'use Content-Type: application/vnd.api+json')];
  if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return [errorObject('BAD_REQUEST', 'the request body is empty')];
  if (fe.statusCode === 429) return [errorObject('RATE_LIMITED', fe.message)];
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return [errorObject(fe.statusCode === 404 ? 'RECORD_NOT_FOUND' : fe.statusCode === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST', fe.message)];
  }
  return [errorObject('INTERNAL_ERROR', 'something went wrong on our side')];
}

export function sendErrors(reply: FastifyReply, errors: ErrorObject[]): FastifyReply {
  const status = Math.max(...errors.map((e) => Number(e.status)));
  return reply.code(status).type('application/vnd.api+json').send({ errors });
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const errors = toErrorObjects(error, request);
    if (errors.some((e) => e.code === 'INTERNAL_ERROR')) request.log.error({ err: error }, 'unhandled error');
    return sendErrors(reply, errors);
  });
  app.setNotFoundHandler((request, reply) =>
    sendErrors(reply, [errorObject('RECORD_NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`)]),
  );
}
