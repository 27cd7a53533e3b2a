// Generates the demo SKUs from word lists ("Nordic Oak Bookshelf"), deterministically from
// the seed. Each product kind fixes the shipping category, a weight range and its flags:
// digital goods are do_not_ship, services ride along untracked (do_not_track), coffee and
// fabric sell in fractions, some furniture is made to order (allow_backorders). Popularity
// follows a Zipf law, so a few SKUs sell (and are stocked) far more than the long tail.
import type { DemoCategory } from './markets.js';
import type { Random } from './random.js';

export interface DemoSku {
  readonly code: string;
  readonly name: string;
  readonly category: DemoCategory | null;
  readonly weight: number | null;
  readonly unit: 'gr' | 'kg' | null;
  readonly doNotShip: boolean;
  readonly doNotTrack: boolean;
  readonly allowBackorders: boolean;
  readonly quantityDecimal: boolean;
  readonly increments: number | null;
  readonly popularity: number;
}

interface Kind {
  readonly code: string;
  readonly noun: string;
  readonly category: DemoCategory | null;
  readonly kg: readonly [number, number] | null;
  readonly share: number;
  readonly flags?: { doNotShip?: boolean; doNotTrack?: boolean; backorders?: number; decimal?: number };
}

const KINDS: readonly Kind[] = [
  { code: 'TSH', noun: 'T-Shirt', category: 'standard', kg: [0.15, 0.3], share: 10 },
  { code: 'HOD', noun: 'Hoodie', category: 'standard', kg: [0.4, 0.8], share: 6 },
  { code: 'SNK', noun: 'Sneakers', category: 'standard', kg: [0.6, 1.2], share: 6 },
  { code: 'BPK', noun: 'Backpack', category: 'standard', kg: [0.5, 1.5], share: 5 },
  { code: 'BTL', noun: 'Water Bottle', category: 'standard', kg: [0.2, 0.5], share: 5 },
  { code: 'NTB', noun: 'Notebook', category: 'standard', kg: [0.1, 0.4], share: 5 },
  { code: 'LMP', noun: 'Desk Lamp', category: 'standard', kg: [0.8, 2.5], share: 4 },
  { code: 'HPH', noun: 'Headphones', category: 'standard', kg: [0.2, 0.4], share: 4 },
  { code: 'YGM', noun: 'Yoga Mat', category: 'standard', kg: [0.9, 2], share: 3 },
  { code: 'COF', noun: 'Coffee Beans', category: 'standard', kg: [1, 1], share: 3, flags: { decimal: 1 } },
  { code: 'FAB', noun: 'Fabric (per metre)', category: 'standard', kg: [0.3, 0.6], share: 2, flags: { decimal: 1 } },
  { code: 'SOF', noun: 'Sofa', category: 'bulky', kg: [35, 90], share: 3, flags: { backorders: 0.4 } },
  { code: 'BSH', noun: 'Bookshelf', category: 'bulky', kg: [20, 60], share: 3, flags: { backorders: 0.3 } },
  { code: 'DSK', noun: 'Desk', category: 'bulky', kg: [25, 70], share: 3, flags: { backorders: 0.3 } },
  { code: 'MAT', noun: 'Mattress', category: 'bulky', kg: [15, 40], share: 2, flags: { backorders: 0.2 } },
  { code: 'BIK', noun: 'Bicycle', category: 'bulky', kg: [9, 22], share: 2 },
  { code: 'CHS', noun: 'Cheese Wheel', category: 'cold_chain', kg: [1, 8], share: 3 },
  { code: 'SAL', noun: 'Smoked Salmon', category: 'cold_chain', kg: [0.2, 1], share: 2 },
  { code: 'GEL', noun: 'Gelato Tub', category: 'cold_chain', kg: [0.5, 2], share: 2 },
  { code: 'VAS', noun: 'Vase', category: 'fragile', kg: [0.5, 3], share: 3 },
  { code: 'GLS', noun: 'Wine Glass Set', category: 'fragile', kg: [1, 2.5], share: 3 },
  { code: 'MIR', noun: 'Mirror', category: 'fragile', kg: [3, 15], share: 2, flags: { backorders: 0.2 } },
  { code: 'GFT', noun: 'Gift Card', category: null, kg: null, share: 1, flags: { doNotShip: true } },
  { code: 'EBK', noun: 'E-Book', category: null, kg: null, share: 1, flags: { doNotShip: true } },
  { code: 'WRP', noun: 'Gift Wrap', category: 'standard', kg: [0.05, 0.1], share: 0.5, flags: { doNotTrack: true } },
  { code: 'WAR', noun: 'Extended Warranty', category: 'standard', kg: null, share: 0.5, flags: { doNotTrack: true } },
];

const ADJECTIVES = ['Classic', 'Organic', 'Premium', 'Everyday', 'Vintage', 'Nordic', 'Urban', 'Alpine', 'Coastal', 'Compact',
  'Deluxe', 'Eco', 'Heritage', 'Modern', 'Rustic', 'Studio', 'Travel', 'Signature', 'Artisan', 'Essential'];
const MATERIALS = ['Black', 'White', 'Oak', 'Walnut', 'Linen', 'Wool', 'Cotton', 'Steel', 'Bamboo', 'Navy', 'Olive', 'Sand',
  'Charcoal', 'Terracotta', 'Slate', 'Copper', 'Ivory', 'Forest', 'Indigo', 'Amber'];

export function generateCatalogue(rng: Random, count: number): DemoSku[] {
  const weights = KINDS.map((k) => [k, k.share] as const);
  const serial = new Map<string, number>();
  // A random permutation of ranks 1..count: popularity ∝ 1 / rank^0.9.
  const ranks = rng.sample(Array.from({ length: count }, (_, i) => i + 1), count);
  return ranks.map((rank) => {
    const kind = rng.weighted(weights);
    const n = (serial.get(kind.code) ?? 0) + 1;
    serial.set(kind.code, n);
    const flags = kind.flags ?? {};
    const decimal = flags.decimal !== undefined && rng.chance(flags.decimal);
    const kg = kind.kg ? kind.kg[0] + rng.float() * (kind.kg[1] - kind.kg[0]) : null;
    return {
      code: `${kind.code}-${String(n).padStart(4, '0')}`,
      name: `${rng.pick(ADJECTIVES)} ${rng.pick(MATERIALS)} ${kind.noun}`,
      category: kind.category,
      weight: kg === null ? null : kg < 1 ? Math.round(kg * 1000) : Math.round(kg * 100) / 100,
      unit: kg === null ? null : kg < 1 ? 'gr' : 'kg',
      doNotShip: flags.doNotShip ?? false,
      doNotTrack: flags.doNotTrack ?? false,
      allowBackorders: rng.chance(flags.backorders ?? 0.05),
      quantityDecimal: decimal,
      increments: decimal ? 0.25 : null,
      popularity: 1 / rank ** 0.9,
    };
  });
}
