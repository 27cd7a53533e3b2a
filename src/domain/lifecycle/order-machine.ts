// The order lifecycle: draft → placed → approved → fulfilled, or cancelled before anything
// shipped. Payment is a second axis: `_capture` makes an unpaid or authorized order paid;
// `_approve_and_capture` does both steps at once. Which stock effects each trigger has
// (plan, decrement, release) is the flows' business; this file only says what is legal.
import type { DomainError } from '../errors.js';
import { decide, type Machine } from './machine.js';

export const ORDER_STATUSES = ['draft', 'placed', 'approved', 'fulfilled', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const PAYMENT_STATUSES = ['unpaid', 'authorized', 'paid', 'free'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const ORDER_TRIGGERS = ['_place', '_approve', '_approve_and_capture', '_capture', '_cancel', '_fulfill'] as const;
export type OrderTrigger = (typeof ORDER_TRIGGERS)[number];

export const orderMachine: Machine<OrderStatus, OrderTrigger> = {
  _place: { from: ['draft'], to: 'placed' },
  _approve: { from: ['placed'], to: 'approved' },
  _approve_and_capture: { from: ['placed'], to: 'approved' },
  _capture: { from: ['placed', 'approved'], to: 'stay' },
  _cancel: { from: ['draft', 'placed', 'approved'], to: 'cancelled' },
  _fulfill: { from: ['approved'], to: 'fulfilled' },
};

export interface OrderState {
  readonly status: OrderStatus;
  readonly paymentStatus: PaymentStatus;
}

export interface OrderChange {
  readonly status: OrderStatus;
  readonly paymentStatus: PaymentStatus;
  /** The timestamp column the change stamps with `now`, if any. */
  readonly stamp: 'placed_at' | 'approved_at' | 'cancelled_at' | 'fulfilled_at' | null;
}

const STAMPS: Partial<Record<OrderStatus, OrderChange['stamp']>> = {
  placed: 'placed_at', approved: 'approved_at', cancelled: 'cancelled_at', fulfilled: 'fulfilled_at',
};

export function decideOrder(state: OrderState, trigger: OrderTrigger): OrderChange | DomainError {
  const d = decide('order', orderMachine, state.status, trigger);
  if (!d.ok) return d.error;
  const captures = trigger === '_capture' || trigger === '_approve_and_capture';
  if (captures && (state.paymentStatus === 'paid' || state.paymentStatus === 'free')) {
    return {
      code: 'ILLEGAL_TRANSITION', resource: 'order', state: state.paymentStatus, trigger,
      message: `cannot ${trigger} an order whose payment is already ${state.paymentStatus}`,
    };
  }
  return {
    status: d.to,
    paymentStatus: captures ? 'paid' : state.paymentStatus,
    stamp: d.to === d.from ? null : (STAMPS[d.to] ?? null),
  };
}

/** Magento ships only paid (invoiced) orders: paid or free, and placed or approved. */
export function isReadyToShip(state: OrderState): boolean {
  return (state.status === 'placed' || state.status === 'approved') && (state.paymentStatus === 'paid' || state.paymentStatus === 'free');
}
