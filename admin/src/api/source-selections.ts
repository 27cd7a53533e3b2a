// Source selections (Magento's Source Selection Algorithm): create for an order, edit the
// quantities to deduct, submit to create one shipment per location.
import { create, getDoc, trigger, update } from './client.js';
import type { Resource } from './jsonapi.js';
import { rankingNames } from '../../../src/domain/selection/rankings.js';

const LABELS: Readonly<Record<string, string>> = { priority: 'Source Priority', distance: 'Distance Priority', fewest_shipments: 'Fewest Shipments' };

/** Every ranking the engine registers (the same pure registry the server uses), with Magento's names. */
export const ALGORITHMS: readonly { value: string; label: string }[] = rankingNames().map((value) => ({
  value,
  label: LABELS[value] ?? value.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()),
}));

export const DISTANCE_MODES = ['driving', 'bicycling', 'walking'] as const;
export type DistanceMode = (typeof DISTANCE_MODES)[number];

export interface SelectionSource {
  stock_location_code: string;
  priority: number;
  distance_m?: number | null;
  duration_s?: number | null;
  quantity_available: number;
  quantity_to_deduct: number;
}

export interface SelectionItem {
  line_item_id: string;
  sku_code: string;
  quantity: number;
  shortfall: number;
  sources: SelectionSource[];
}

export interface SelectionAttrs {
  algorithm: string;
  algorithm_used: string;
  fallback_reason: string | null;
  distance_mode: DistanceMode;
  shippable: boolean;
  status: 'proposed' | 'submitted';
  items: SelectionItem[];
  explanation: unknown[];
}

export type Selection = Resource<SelectionAttrs>;

export async function createSelection(orderId: string, algorithm: string, mode: DistanceMode): Promise<Selection> {
  const attributes: Record<string, unknown> = { algorithm };
  if (algorithm === 'distance') attributes.distance_mode = mode;
  const doc = await create<SelectionAttrs>('source_selections', {
    attributes,
    relationships: { order: { data: { type: 'orders', id: orderId } } },
  });
  return doc.data;
}

export async function fetchSelection(id: string): Promise<Selection> {
  return (await getDoc<Selection>(`source_selections/${id}`)).data;
}

export async function saveItems(id: string, items: readonly SelectionItem[]): Promise<Selection> {
  return (await update<SelectionAttrs>('source_selections', id, { attributes: { items } })).data;
}

export async function submitSelection(id: string): Promise<Selection> {
  return (await trigger<SelectionAttrs>('source_selections', id, 'submit')).data;
}

/** The JSON pointer the API uses for one quantity to deduct. */
export function deductPointer(item: number, source: number): string {
  return `/data/attributes/items/${item}/sources/${source}/quantity_to_deduct`;
}
