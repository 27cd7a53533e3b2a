// The order flows in one place, and `triggerOrder` for callers that receive a trigger name
// (the HTTP API's `_place`, `_approve`, …): each maps to exactly one flow.
import { validation } from '../../domain/errors.js';
import { ORDER_TRIGGERS, type OrderTrigger } from '../../domain/lifecycle/order-machine.js';
import type { FlowContext } from '../context.js';
import { approveAndCaptureOrder, approveOrder, cancelOrder, captureOrder, fulfillOrder } from './lifecycle.js';
import { placeOrder } from './place.js';
import type { OrderRow } from './records.js';

export { addLineItem, createOrder, removeLineItem, updateLineItem, type AddressInput, type LineInput, type NewOrder } from './create.js';
export { reserveLineItemStock } from './drafts.js';
export { approveAndCaptureOrder, approveOrder, cancelOrder, captureOrder, fulfillOrder } from './lifecycle.js';
export { placeOrder, type Placement } from './place.js';
export type { LineRow, OrderRow } from './records.js';

export async function triggerOrder(ctx: FlowContext, orderId: string, trigger: string): Promise<OrderRow> {
  if (!(ORDER_TRIGGERS as readonly string[]).includes(trigger)) {
    throw validation('trigger', `unknown order trigger ${trigger}; expected one of ${ORDER_TRIGGERS.join(', ')}`);
  }
  switch (trigger as OrderTrigger) {
    case '_place': return (await placeOrder(ctx, orderId)).order;
    case '_approve': return approveOrder(ctx, orderId);
    case '_approve_and_capture': return approveAndCaptureOrder(ctx, orderId);
    case '_capture': return captureOrder(ctx, orderId);
    case '_cancel': return cancelOrder(ctx, orderId);
    case '_fulfill': return fulfillOrder(ctx, orderId);
    default: {
      const unknown: never = trigger as never;
      throw validation('trigger', `unknown order trigger ${String(unknown)}`);
    }
  }
}
