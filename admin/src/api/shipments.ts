// Shipment statuses and the transitions a person may trigger from each (DOMAIN.md lifecycle).
import type { ShipmentStatus } from './types.js';

export interface Transition {
  readonly trigger: string;
  readonly label: string;
}

const TRANSITIONS: Readonly<Record<ShipmentStatus, readonly Transition[]>> = {
  draft: [{ trigger: 'upcoming', label: 'Mark upcoming' }],
  upcoming: [
    { trigger: 'picking', label: 'Start picking' },
    { trigger: 'on_hold', label: 'Put on hold' },
    { trigger: 'cancel', label: 'Cancel shipment' },
  ],
  on_hold: [{ trigger: 'picking', label: 'Start picking' }],
  picking: [{ trigger: 'packing', label: 'Start packing' }],
  packing: [{ trigger: 'ready_to_ship', label: 'Ready to ship' }],
  ready_to_ship: [{ trigger: 'ship', label: 'Ship' }],
  shipped: [{ trigger: 'deliver', label: 'Mark delivered' }],
  delivered: [],
  cancelled: [],
};

export function transitionsFrom(status: ShipmentStatus): readonly Transition[] {
  return TRANSITIONS[status] ?? [];
}

export const SHIPMENT_STATUSES = Object.keys(TRANSITIONS) as ShipmentStatus[];
