// Domain errors are data: a code and the facts, never an HTTP status (http/errors.ts maps
// codes to statuses). Flows throw them wrapped in DomainFailure so the transaction rolls back.
import type { Quantity } from './quantity.js';

export type DomainError =
  /** A request value is wrong; `field` is an attribute name or a path like `items/0/sources/1/quantity_to_deduct`. */
  | { readonly code: 'VALIDATION_ERROR'; readonly field: string; readonly message: string }
  | {
      readonly code: 'INSUFFICIENT_STOCK';
      readonly sku: string;
      readonly requested: Quantity;
      readonly available: Quantity;
      readonly message: string;
      /** For a removal of on-hand stock: where, how much is on hand and held, and which field asked. */
      readonly location?: string;
      readonly onHand?: Quantity;
      readonly held?: Quantity;
      readonly field?: string;
    }
  /** A count sent with the on-hand its client last saw, which is no longer the on-hand. */
  | {
      readonly code: 'STALE_QUANTITY';
      readonly sku: string;
      readonly location: string;
      readonly expected: Quantity;
      readonly current: Quantity;
      readonly message: string;
    }
  | { readonly code: 'RECORD_NOT_FOUND'; readonly resource: string; readonly id: string; readonly message: string }
  /** A trigger or transition not allowed in the current state. */
  | {
      readonly code: 'ILLEGAL_TRANSITION';
      readonly resource: string;
      readonly state: string;
      readonly trigger: string;
      readonly message: string;
    }
  | { readonly code: 'RECORD_NOT_UNIQUE'; readonly field: string; readonly message: string }
  /** Other records still depend on this one (HTTP 423). */
  | { readonly code: 'LOCKED'; readonly resource: string; readonly id: string; readonly message: string }
  /** A concurrent change won; safe to retry. */
  | { readonly code: 'CONFLICT'; readonly message: string };

export type DomainErrorCode = DomainError['code'];

export class DomainFailure extends Error {
  constructor(readonly error: DomainError) {
    super(error.message);
    this.name = 'DomainFailure';
  }
}

export function fail(error: DomainError): DomainFailure {
  return new DomainFailure(error);
}

export const validation = (field: string, message: string): DomainFailure =>
  fail({ code: 'VALIDATION_ERROR', field, message });

export const notFound = (resource: string, id: string): DomainFailure =>
  fail({ code: 'RECORD_NOT_FOUND', resource, id, message: `${resource} ${id} not found` });

export const illegalTransition = (resource: string, state: string, trigger: string): DomainFailure =>
  fail({
    code: 'ILLEGAL_TRANSITION',
    resource,
    state,
    trigger,
    message: `cannot ${trigger} a ${resource} that is ${state}`,
  });
