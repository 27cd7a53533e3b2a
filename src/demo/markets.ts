// The demo's shipping categories, inventory models and markets. Three markets, each with its
// own strategy, so the differences show: Europe splits shipments across five candidates
// (Warsaw, made to order, puts its shipments on hold; Vienna is not open yet), the UK ships
// everything from London and tops London up by transfers from Manchester, North America ships
// each order from a single warehouse (no_split from Chicago).
export const DEMO_CATEGORIES = [
  { code: 'standard', name: 'Standard parcel' },
  { code: 'bulky', name: 'Bulky freight' },
  { code: 'cold_chain', name: 'Cold chain (2–8 °C)' },
  { code: 'fragile', name: 'Fragile' },
] as const;

export type DemoCategory = (typeof DEMO_CATEGORIES)[number]['code'];

export interface DemoModel {
  readonly market: { readonly code: string; readonly name: string };
  readonly name: string;
  readonly strategy: 'split_shipments' | 'ship_from_primary' | 'no_split';
  readonly cutoff: number;
  /** Location codes by priority (1 first); `hold` marks an on_hold location. */
  readonly locations: readonly (string | { readonly code: string; readonly hold: true })[];
  readonly returnsTo: readonly string[];
}

export const DEMO_MODELS: readonly DemoModel[] = [
  {
    market: { code: 'eu', name: 'Europe' }, name: 'Europe — split shipments', strategy: 'split_shipments', cutoff: 5,
    locations: ['paris', 'berlin', 'amsterdam', 'milan', { code: 'warsaw', hold: true }, 'madrid', 'lyon', 'hamburg', 'munich', 'barcelona', 'vienna'],
    returnsTo: ['paris', 'berlin'],
  },
  {
    market: { code: 'uk', name: 'United Kingdom' }, name: 'UK — ship from London', strategy: 'ship_from_primary', cutoff: 2,
    locations: ['london', 'manchester'],
    returnsTo: ['manchester'],
  },
  {
    market: { code: 'na', name: 'North America' }, name: 'North America — one warehouse per order', strategy: 'no_split', cutoff: 3,
    locations: ['chicago', 'new-york', 'los-angeles', 'dallas', 'atlanta', 'toronto', 'montreal'],
    returnsTo: ['chicago'],
  },
];
