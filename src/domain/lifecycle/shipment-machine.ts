// The shipment lifecycle (Commerce Layer's): draft → upcoming → picking (or on_hold, and
// back) → packing → ready_to_ship → shipped → delivered; cancelled from any state before
// shipped. `_decrement_stock` and `_release_stock` keep the status and act on the stock of
// its stock line items: decrement once (refused when already decremented), release only
// what is still reserved (refused once decremented). `_ship` decrements what is not yet.
import type { DomainError } from '../errors.js';
import { decide, type Machine } from './machine.js';

export const SHIPMENT_STATUSES = [
  'draft', 'upcoming', 'on_hold', 'picking', 'packing', 'ready_to_ship', 'shipped', 'delivered', 'cancelled',
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

export const SHIPMENT_TRIGGERS = [
  '_upcoming', '_on_hold', '_picking', '_packing', '_ready_to_ship', '_ship', '_deliver', '_cancel', '_decrement_stock', '_release_stock',
] as const;
export type ShipmentTrigger = (typeof SHIPMENT_TRIGGERS)[number];

const OPEN: readonly ShipmentStatus[] = ['upcoming', 'on_hold', 'picking', 'packing', 'ready_to_ship'];

export const shipmentMachine: Machine<ShipmentStatus, ShipmentTrigger> = {
  _upcoming: { from: ['draft', 'on_hold'], to: 'upcoming' },
  _on_hold: { from: ['upcoming', 'picking'], to: 'on_hold' },
  _picking: { from: ['upcoming', 'on_hold'], to: 'picking' },
  _packing: { from: ['picking'], to: 'packing' },
  _ready_to_ship: { from: ['packing'], to: 'ready_to_ship' },
  _ship: { from: ['ready_to_ship'], to: 'shipped' },
  _deliver: { from: ['shipped'], to: 'delivered' },
  _cancel: { from: ['draft', ...OPEN], to: 'cancelled' },
  _decrement_stock: { from: OPEN, to: 'stay' },
  _release_stock: { from: OPEN, to: 'stay' },
};

export interface ShipmentState {
  readonly status: ShipmentStatus;
  readonly stockDecremented: boolean;
}

/** What the trigger does to the shipment's stock. */
export type ShipmentEffect = 'none' | 'decrement' | 'release' | 'ship' | 'cancel';

export interface ShipmentChange {
  readonly status: ShipmentStatus;
  readonly effect: ShipmentEffect;
  /** `<status>_at` column to stamp, when the status changes. */
  readonly stamp: `${ShipmentStatus}_at` | null;
}

export function decideShipment(state: ShipmentState, trigger: ShipmentTrigger): ShipmentChange | DomainError {
  const d = decide('shipment', shipmentMachine, state.status, trigger);
  if (!d.ok) return d.error;
  if ((trigger === '_decrement_stock' || trigger === '_release_stock') && state.stockDecremented) {
    return {
      code: 'ILLEGAL_TRANSITION', resource: 'shipment', state: 'stock_decremented', trigger,
      message: `cannot ${trigger} a shipment whose stock is already decremented`,
    };
  }
  return { status: d.to, effect: effectOf(trigger), stamp: d.to === d.from ? null : `${d.to}_at` };
}

function effectOf(trigger: ShipmentTrigger): ShipmentEffect {
  switch (trigger) {
    case '_decrement_stock': return 'decrement';
    case '_release_stock': return 'release';
    case '_ship': return 'ship';
    case '_cancel': return 'cancel';
    case '_upcoming': case '_on_hold': case '_picking': case '_packing': case '_ready_to_ship': case '_deliver': return 'none';
    default: {
      const unknown: never = trigger;
      return unknown;
    }
  }
}
