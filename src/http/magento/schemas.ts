// The 200 bodies of the Magento services, as Magento's REST API shapes them (snake_case,
// list envelopes { items, search_criteria, total_count }, `[]` for a void service), exactly
// what the handlers send: documented in /openapi.json and checked by the tests' drift check.
// Objects are closed (additionalProperties false) so a field added to a handler without its
// schema fails the Magento tests.
import { Type, type TSchema } from 'typebox';

const closed = { additionalProperties: false } as const;

/** A void Magento service (save/delete without a return value): Magento answers `[]`. */
export const VoidAnswer = Type.Array(Type.Unknown(), { maxItems: 0, description: 'void: Magento answers an empty JSON array' });

export const SearchCriteriaAnswer = Type.Object({
  filter_groups: Type.Array(Type.Object({
    filters: Type.Array(Type.Object({ field: Type.String(), value: Type.String(), condition_type: Type.String() }, closed)),
  }, closed)),
  sort_orders: Type.Optional(Type.Array(Type.Object({ field: Type.String(), direction: Type.Union([Type.Literal('ASC'), Type.Literal('DESC')]) }, closed))),
  page_size: Type.Optional(Type.Integer({ minimum: 1 })),
  current_page: Type.Optional(Type.Integer({ minimum: 1 })),
}, { ...closed, description: 'the search criteria as read from the query' });

/** Magento's search result: one page of items, the criteria, and the total before paging. */
export const searchResult = (item: TSchema) => Type.Object({
  items: Type.Array(item), search_criteria: SearchCriteriaAnswer, total_count: Type.Integer({ minimum: 0 }),
}, closed);

/** Magento's SourceInterface (fields without a value are left out). */
export const SourceAnswer = Type.Object({
  source_code: Type.String(), name: Type.String(), enabled: Type.Boolean(),
  email: Type.Optional(Type.String()), contact_name: Type.Optional(Type.String()), description: Type.Optional(Type.String()),
  latitude: Type.Optional(Type.Number()), longitude: Type.Optional(Type.Number()),
  country_id: Type.Optional(Type.String()), region_id: Type.Optional(Type.Integer()), region: Type.Optional(Type.String()),
  city: Type.Optional(Type.String()), street: Type.Optional(Type.String()), postcode: Type.Optional(Type.String()),
  phone: Type.Optional(Type.String()), fax: Type.Optional(Type.String()),
  use_default_carrier_config: Type.Boolean(),
  carrier_links: Type.Array(Type.Unknown(), { maxItems: 0 }),
  extension_attributes: Type.Object({}, closed),
}, closed);

/** Magento's SourceItemInterface: status 1 = in stock, 0 = out of stock. */
export const SourceItemAnswer = Type.Object({
  sku: Type.String(), source_code: Type.String(), quantity: Type.Number(), status: Type.Union([Type.Literal(0), Type.Literal(1)]),
}, closed);

export const SalesChannelAnswer = Type.Object({ type: Type.Literal('website'), code: Type.String() }, closed);

/** Magento's StockInterface with its sales channels. */
export const StockAnswer = Type.Object({
  stock_id: Type.Integer(), name: Type.String(),
  extension_attributes: Type.Object({ sales_channels: Type.Array(SalesChannelAnswer) }, closed),
}, closed);

/** Magento's StockSourceLinkInterface. */
export const StockSourceLinkAnswer = Type.Object({ source_code: Type.String(), stock_id: Type.Integer(), priority: Type.Integer() }, closed);

/** Magento's StockItemInterface as a product carries it: each setting, its use_config_ flag, and the value in force. */
export const StockItemAnswer = Type.Object({
  item_id: Type.Integer(), product_id: Type.Integer(), stock_id: Type.Integer(), qty: Type.Number(), is_in_stock: Type.Boolean(),
  is_qty_decimal: Type.Boolean(),
  use_config_min_sale_qty: Type.Boolean(), min_sale_qty: Type.Number(),
  use_config_max_sale_qty: Type.Boolean(), max_sale_qty: Type.Number(),
  use_config_qty_increments: Type.Boolean(), qty_increments: Type.Number(),
  use_config_enable_qty_inc: Type.Boolean(), enable_qty_increments: Type.Boolean(),
  use_config_backorders: Type.Boolean(), backorders: Type.Integer({ minimum: 0, maximum: 2 }),
  use_config_min_qty: Type.Boolean(), min_qty: Type.Number(),
  use_config_manage_stock: Type.Boolean(), manage_stock: Type.Boolean(),
}, closed);

/** Magento's ProductInterface, the inventory subset. Times are "YYYY-MM-DD hh:mm:ss" UTC. */
export const ProductAnswer = Type.Object({
  id: Type.Integer(), sku: Type.String(), name: Type.String(), attribute_set_id: Type.Integer(), status: Type.Integer(), visibility: Type.Integer(),
  type_id: Type.Union([Type.Literal('simple'), Type.Literal('virtual')]),
  created_at: Type.String(), updated_at: Type.String(),
  extension_attributes: Type.Object({ website_ids: Type.Array(Type.Integer()), stock_item: StockItemAnswer }, closed),
}, closed);

export const SalabilityErrorAnswer = Type.Object({ code: Type.String(), message: Type.String() }, closed);

/** Magento's ProductSalableResultInterface. */
export const SalableForQtyAnswer = Type.Object({ salable: Type.Boolean(), errors: Type.Array(SalabilityErrorAnswer) }, closed);

/** Magento's SourceSelectionAlgorithmInterface. */
export const AlgorithmAnswer = Type.Object({ code: Type.String(), title: Type.String(), description: Type.String() }, closed);

/** Magento's SourceSelectionResultInterface. */
export const SourceSelectionAnswer = Type.Object({
  source_selection_items: Type.Array(Type.Object({
    source_code: Type.String(), sku: Type.String(), qty_to_deduct: Type.Number(), qty_available: Type.Number(),
  }, closed)),
  shippable: Type.Boolean(),
}, closed);

const OrderState = Type.Union([Type.Literal('new'), Type.Literal('processing'), Type.Literal('complete'), Type.Literal('canceled')]);
const OrderStatus = Type.Union([Type.Literal('pending'), Type.Literal('processing'), Type.Literal('complete'), Type.Literal('canceled')]);

/** Magento's OrderInterface, the subset this layer fills. */
export const OrderAnswer = Type.Object({
  entity_id: Type.Integer(), increment_id: Type.String(), state: OrderState, status: OrderStatus, store_id: Type.Integer(),
  created_at: Type.String(), updated_at: Type.String(), total_item_count: Type.Integer(), total_qty_ordered: Type.Number(),
  items: Type.Array(Type.Object({
    item_id: Type.Integer(), order_id: Type.Integer(), sku: Type.String(), product_type: Type.String(),
    qty_ordered: Type.Number(), qty_shipped: Type.Number(), qty_backordered: Type.Number(), qty_canceled: Type.Number(),
    created_at: Type.String(), updated_at: Type.String(),
  }, closed)),
}, closed);

/** POST/PUT of a stock: Magento's StockRepositoryInterface::save answers the stock id. */
export const StockIdAnswer = Type.Integer({ description: 'the stock_id' });

