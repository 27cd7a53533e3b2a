// Draft orders and their lines (the cart): create an order in a market with an optional
// shipping address and lines, add / change / remove lines while the order is a draft. Every
// line quantity is checked against the SKU's sale rules (whole units unless quantity_decimal,
// min / max sale quantity, increments); an unknown SKU or market is named in the error.
import { sql } from 'kysely';
import { fail, notFound, validation } from '../../domain/errors.js';
import { qty, toDecimalString, type Quantity } from '../../domain/quantity.js';
import { PAYMENT_STATUSES } from '../../domain/lifecycle/order-machine.js';
import { newId } from '../../store/ids.js';
import type { Row } from '../../store/schema.js';
import { inTransaction, type Trx } from '../../store/transaction.js';
import type { FlowContext } from '../context.js';
import { parseSaleQuantity } from '../salable.js';
import { releaseLineDrafts } from './drafts.js';
import { lockOrder, requireDraft, type LineRow, type OrderRow } from './records.js';

export interface AddressInput {
  readonly line_1?: string | null; readonly city?: string | null; readonly zip_code?: string | null;
  readonly state_code?: string | null; readonly country_code?: string | null;
  readonly lat?: number | null; readonly lng?: number | null;
}

export interface LineInput {
  readonly skuCode: string;
  /** As the user wrote it: 2, "2.5". */
  readonly quantity: number | string;
}

export interface NewOrder {
  readonly marketId?: string;
  readonly marketCode?: string;
  readonly shippingAddress?: AddressInput;
  readonly paymentStatus?: OrderRow['payment_status'];
  readonly lines?: readonly LineInput[];
  readonly reference?: string | null;
  readonly referenceOrigin?: string | null;
  readonly metadata?: Record<string, unknown>;
  /** false: batch re-optimisation leaves the order alone. */
  readonly reoptimize?: boolean;
}

export async function createOrder(ctx: FlowContext, input: NewOrder): Promise<OrderRow> {
  return inTransaction(ctx.db, async (trx) => {
    let market = trx.selectFrom('markets').select('id');
    if (input.marketId !== undefined) market = market.where('id', '=', input.marketId);
    else if (input.marketCode !== undefined) market = market.where('code', '=', input.marketCode);
    else throw validation('market', 'an order needs a market (marketId or marketCode)');
    const found = await market.executeTakeFirst();
    if (!found) throw notFound('market', input.marketId ?? input.marketCode ?? '');
    if (input.paymentStatus !== undefined && !(PAYMENT_STATUSES as readonly string[]).includes(input.paymentStatus)) {
      throw validation('payment_status', `payment_status must be one of ${PAYMENT_STATUSES.join(', ')}, not ${String(input.paymentStatus)}`);
    }
    checkCoordinates(input.shippingAddress);
    let addressId: string | null = null;
    if (input.shippingAddress) {
      addressId = newId('adr');
      await trx.insertInto('addresses').values({ id: addressId, ...input.shippingAddress, metadata: '{}' }).execute();
    }
    const { n } = await sql<{ n: number }>`SELECT nextval('order_numbers') AS n`.execute(trx).then((r) => r.rows[0] ?? { n: 0 });
    const order = await trx.insertInto('orders').values({
      id: newId('ord'), number: String(n), market_id: found.id, shipping_address_id: addressId,
      payment_status: input.paymentStatus ?? 'unpaid', reference: input.reference ?? null, reference_origin: input.referenceOrigin ?? null,
      metadata: JSON.stringify(input.metadata ?? {}), updated_at: ctx.now(),
      ...(input.reoptimize !== undefined ? { reoptimize: input.reoptimize } : {}),
    }).returningAll().executeTakeFirstOrThrow();
    for (const [i, line] of (input.lines ?? []).entries()) await insertLine(trx, order, line, i, `lines/${i}`);
    return order;
  });
}

export async function addLineItem(ctx: FlowContext, orderId: string, line: LineInput): Promise<LineRow> {
  return inTransaction(ctx.db, async (trx) => {
    const order = await lockOrder(trx, orderId);
    requireDraft(order, 'lines can be added');
    const { count } = await trx.selectFrom('line_items').select((eb) => eb.fn.countAll<number>().as('count')).where('order_id', '=', orderId).executeTakeFirstOrThrow();
    return insertLine(trx, order, line, Number(count), '');
  });
}

export async function updateLineItem(ctx: FlowContext, lineItemId: string, change: { quantity: number | string }): Promise<LineRow> {
  return inTransaction(ctx.db, async (trx) => {
    const { order, line } = await lockLine(trx, lineItemId);
    requireDraft(order, 'lines can be changed');
    const quantity = await saleQuantity(trx, line.sku_code, change.quantity, 'quantity');
    await releaseLineDrafts(trx, [line.id]);
    return trx.updateTable('line_items').set({ quantity: toDecimalString(quantity), updated_at: ctx.now() })
      .where('id', '=', line.id).returningAll().executeTakeFirstOrThrow();
  });
}

export async function removeLineItem(ctx: FlowContext, lineItemId: string): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const { order, line } = await lockLine(trx, lineItemId);
    requireDraft(order, 'lines can be removed');
    await releaseLineDrafts(trx, [line.id]);
    await trx.deleteFrom('line_items').where('id', '=', line.id).execute();
  });
}

export async function lockLine(trx: Trx, lineItemId: string): Promise<{ order: OrderRow; line: LineRow }> {
  const found = await trx.selectFrom('line_items').select('order_id').where('id', '=', lineItemId).executeTakeFirst();
  if (!found) throw notFound('line_item', lineItemId);
  const order = await lockOrder(trx, found.order_id);
  const line = await trx.selectFrom('line_items').selectAll().where('id', '=', lineItemId).executeTakeFirstOrThrow();
  return { order, line };
}

async function insertLine(trx: Trx, order: OrderRow, line: LineInput, position: number, prefix: string): Promise<LineRow> {
  const field = (name: string) => (prefix ? `${prefix}/${name}` : name);
  const sku = await findSku(trx, line.skuCode, field('sku_code'));
  const quantity = await saleQuantity(trx, sku.code, line.quantity, field('quantity'), sku);
  return trx.insertInto('line_items').values({
    id: newId('li'), order_id: order.id, sku_id: sku.id, sku_code: sku.code, quantity: toDecimalString(quantity), position,
    reference: null, reference_origin: null, metadata: '{}',
  }).returningAll().executeTakeFirstOrThrow();
}

async function findSku(trx: Trx, code: string, field: string): Promise<Row<'skus'>> {
  if (typeof code !== 'string' || code === '') throw validation(field, 'a line needs a sku_code');
  const sku = await trx.selectFrom('skus').selectAll().where('code', '=', code).executeTakeFirst();
  if (!sku) throw validation(field, `there is no SKU ${code}`);
  return sku;
}

async function saleQuantity(trx: Trx, code: string, raw: unknown, field: string, known?: Row<'skus'>): Promise<Quantity> {
  const sku = known ?? (await findSku(trx, code, field));
  const q = parseSaleQuantity({
    code: sku.code, quantityDecimal: sku.quantity_decimal, minSaleQuantity: qty(sku.min_sale_quantity),
    maxSaleQuantity: sku.max_sale_quantity === null ? null : qty(sku.max_sale_quantity),
    quantityIncrements: sku.quantity_increments === null ? null : qty(sku.quantity_increments),
  }, raw, field);
  if (typeof q === 'number') return q;
  throw fail(q);
}

function checkCoordinates(a: AddressInput | undefined): void {
  const bad = (v: unknown, limit: number) => v !== undefined && v !== null && !(typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= limit);
  if (bad(a?.lat, 90)) throw validation('shipping_address/lat', `lat must be a number between -90 and 90, not ${JSON.stringify(a?.lat)}`);
  if (bad(a?.lng, 180)) throw validation('shipping_address/lng', `lng must be a number between -180 and 180, not ${JSON.stringify(a?.lng)}`);
}
