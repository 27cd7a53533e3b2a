// Regroups a source selection by location: what each future shipment carries.
import type { SelectionItem } from '../api/source-selections.js';

export interface ReviewLine {
  readonly line_item_id: string;
  readonly sku_code: string;
  readonly ordered: number;
  readonly quantity: number;
}

export interface ReviewGroup {
  readonly code: string;
  readonly lines: ReviewLine[];
}

export function shipmentsBySource(items: readonly SelectionItem[]): ReviewGroup[] {
  const groups = new Map<string, ReviewLine[]>();
  for (const item of items) {
    for (const s of item.sources) {
      if (s.quantity_to_deduct <= 0) continue;
      const lines = groups.get(s.stock_location_code) ?? [];
      lines.push({ line_item_id: item.line_item_id, sku_code: item.sku_code, ordered: item.quantity, quantity: s.quantity_to_deduct });
      groups.set(s.stock_location_code, lines);
    }
  }
  return [...groups].map(([code, lines]) => ({ code, lines }));
}
