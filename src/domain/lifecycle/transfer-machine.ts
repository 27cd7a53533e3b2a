// The stock transfer lifecycle: draft → upcoming → picking (or on_hold, and back) →
// in_transit → completed; cancelled before it leaves (not once in transit). `_complete` is
// where stock moves: the origin is decremented and the destination incremented.
import type { DomainError } from '../errors.js';
import { decide, type Machine } from './machine.js';

export const TRANSFER_STATUSES = ['draft', 'upcoming', 'on_hold', 'picking', 'in_transit', 'completed', 'cancelled'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

export const TRANSFER_TRIGGERS = ['_upcoming', '_on_hold', '_picking', '_in_transit', '_complete', '_cancel'] as const;
export type TransferTrigger = (typeof TRANSFER_TRIGGERS)[number];

export const transferMachine: Machine<TransferStatus, TransferTrigger> = {
  _upcoming: { from: ['draft', 'on_hold'], to: 'upcoming' },
  _on_hold: { from: ['upcoming', 'picking'], to: 'on_hold' },
  _picking: { from: ['upcoming', 'on_hold'], to: 'picking' },
  _in_transit: { from: ['picking'], to: 'in_transit' },
  _complete: { from: ['in_transit'], to: 'completed' },
  _cancel: { from: ['draft', 'upcoming', 'on_hold', 'picking'], to: 'cancelled' },
};

export interface TransferChange {
  readonly status: TransferStatus;
  readonly stamp: `${TransferStatus}_at` | null;
}

export function decideTransfer(status: TransferStatus, trigger: TransferTrigger): TransferChange | DomainError {
  const d = decide('stock_transfer', transferMachine, status, trigger);
  if (!d.ok) return d.error;
  return { status: d.to, stamp: d.to === d.from ? null : `${d.to}_at` };
}
