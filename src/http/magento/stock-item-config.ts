// A Magento product's extension_attributes.stock_item ↔ a SKU's salability settings.
// Each setting X has a flag use_config_X: true means "the global stock configuration", which
// keeps Magento's defaults (min_sale_qty 1, max_sale_qty 10000, qty increments off / 1,
// backorders 0, min_qty 0, manage_stock on); false means the product's own X. New products
// use the configuration for everything, so sending X without use_config_X: false changes
// nothing, as in Magento. Effective values land on the SKU: min/max_sale_quantity,
// quantity_increments (null when off), allow_backorders (backorders 1 or 2),
// out_of_stock_threshold (min_qty), do_not_track (manage_stock off), quantity_decimal.
import type { Row } from '../../store/schema.js';
import { isRecord, bool, number, type Body } from './input.js';

export const CONFIG = { min_sale_qty: 1, max_sale_qty: 10000, qty_increments: 1, enable_qty_increments: false, backorders: 0, min_qty: 0, manage_stock: true } as const;
type Setting = keyof typeof CONFIG;
const SETTINGS = Object.keys(CONFIG) as Setting[];
const flagOf = (s: Setting) => (s === 'enable_qty_increments' ? 'use_config_enable_qty_inc' : `use_config_${s}`);

/** What magento_products.use_config holds: each flag, and each own value. */
export type StockItemConfig = { [K in Setting]: { readonly useConfig: boolean; readonly value: (typeof CONFIG)[K] extends boolean ? boolean : number } } & { readonly is_qty_decimal: boolean };

export function defaultConfig(): StockItemConfig {
  const out: Record<string, unknown> = { is_qty_decimal: false };
  for (const s of SETTINGS) out[s] = { useConfig: true, value: CONFIG[s] };
  return out as StockItemConfig;
}

/** The previous config with the body's stock_item applied (absent fields keep their value). */
export function applyStockItem(previous: StockItemConfig, product: Body): StockItemConfig {
  const ext = product.extension_attributes;
  const item = isRecord(ext) && isRecord(ext.stock_item) ? ext.stock_item : {};
  const out: Record<string, unknown> = { ...previous, is_qty_decimal: bool(item, 'is_qty_decimal') ?? previous.is_qty_decimal };
  for (const s of SETTINGS) {
    const isBool = typeof CONFIG[s] === 'boolean';
    const own = isBool ? bool(item, s) : number(item, s);
    out[s] = { useConfig: bool(item, flagOf(s)) ?? previous[s].useConfig, value: own ?? previous[s].value };
  }
  return out as StockItemConfig;
}

const effective = <S extends Setting>(c: StockItemConfig, s: S) => (c[s].useConfig ? CONFIG[s] : c[s].value);

/** The SKU columns this configuration means. */
export function skuSettings(c: StockItemConfig) {
  const increments = effective(c, 'enable_qty_increments') ? Number(effective(c, 'qty_increments')) : null;
  return {
    quantity_decimal: c.is_qty_decimal,
    min_sale_quantity: Number(effective(c, 'min_sale_qty')),
    max_sale_quantity: Number(effective(c, 'max_sale_qty')) > 0 ? Number(effective(c, 'max_sale_qty')) : null,
    quantity_increments: increments !== null && increments > 0 ? increments : null,
    allow_backorders: Number(effective(c, 'backorders')) > 0,
    out_of_stock_threshold: Number(effective(c, 'min_qty')),
    do_not_track: !effective(c, 'manage_stock'),
  };
}

/** A SKU made through the JSON:API has no stored config: read it back from its columns. */
export function configOfSku(sku: Row<'skus'>, stored: unknown): StockItemConfig {
  if (isRecord(stored) && 'min_sale_qty' in stored) return stored as unknown as StockItemConfig;
  const own = (s: Setting, value: number | boolean) => ({ useConfig: value === CONFIG[s], value });
  return {
    is_qty_decimal: sku.quantity_decimal,
    min_sale_qty: own('min_sale_qty', Number(sku.min_sale_quantity)),
    max_sale_qty: own('max_sale_qty', sku.max_sale_quantity === null ? 0 : Number(sku.max_sale_quantity)),
    enable_qty_increments: own('enable_qty_increments', sku.quantity_increments !== null),
    qty_increments: own('qty_increments', sku.quantity_increments === null ? 1 : Number(sku.quantity_increments)),
    backorders: own('backorders', sku.allow_backorders ? 1 : 0),
    min_qty: own('min_qty', Number(sku.out_of_stock_threshold)),
    manage_stock: own('manage_stock', !sku.do_not_track),
  } as StockItemConfig;
}

/** Magento's stock_item output: every flag and the value in force. */
export function stockItemOut(c: StockItemConfig): Record<string, unknown> {
  const out: Record<string, unknown> = { is_qty_decimal: c.is_qty_decimal };
  for (const s of SETTINGS) {
    out[flagOf(s)] = c[s].useConfig;
    out[s] = effective(c, s);
  }
  return out;
}
