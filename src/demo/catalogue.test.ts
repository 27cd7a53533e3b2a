import { describe, expect, it } from 'vitest';
import { generateCatalogue } from './catalogue.js';
import { DEMO_LOCATIONS } from './locations.js';
import { Random } from './random.js';
import { generateStock } from './stock.js';

describe('demo generators', () => {
  it('give the same data for the same seed and different data for another', () => {
    const a = generateCatalogue(new Random(7), 300);
    expect(generateCatalogue(new Random(7), 300)).toEqual(a);
    expect(generateCatalogue(new Random(8), 300).map((s) => s.name)).not.toEqual(a.map((s) => s.name));
    expect(new Set(a.map((s) => s.code)).size).toBe(300);
  });

  it('make a catalogue with every kind of SKU the domain knows', () => {
    const skus = generateCatalogue(new Random(42), 2000);
    const share = (f: (s: (typeof skus)[number]) => boolean) => skus.filter(f).length / skus.length;
    expect(share((s) => s.doNotShip)).toBeGreaterThan(0.01);
    expect(share((s) => s.doNotTrack)).toBeGreaterThan(0.003);
    expect(share((s) => s.allowBackorders)).toBeGreaterThan(0.03);
    expect(share((s) => s.quantityDecimal)).toBeGreaterThan(0.01);
    expect(new Set(skus.map((s) => s.category))).toEqual(new Set(['standard', 'bulky', 'cold_chain', 'fragile', null]));
    expect(skus.filter((s) => s.doNotShip).every((s) => s.category === null)).toBe(true);
  });

  it('spread stock unevenly: a few locations of a few SKUs hold most units, some SKUs have none', () => {
    const skus = generateCatalogue(new Random(42), 2000);
    const stock = generateStock(new Random(42), skus, DEMO_LOCATIONS);
    const perSku = new Map<string, number>();
    for (const s of stock) perSku.set(s.skuCode, (perSku.get(s.skuCode) ?? 0) + s.quantity);
    const totals = [...perSku.values()].sort((x, y) => y - x);
    const all = totals.reduce((n, q) => n + q, 0);
    const top10pct = totals.slice(0, Math.ceil(totals.length / 10)).reduce((n, q) => n + q, 0);
    expect(top10pct / all).toBeGreaterThan(0.4);
    expect(totals.filter((q) => q === 0).length).toBeGreaterThan(50);
    const untracked = new Set(skus.filter((s) => s.doNotTrack || s.doNotShip).map((s) => s.code));
    expect(stock.some((s) => untracked.has(s.skuCode))).toBe(false);
    expect(stock.every((s) => s.quantity >= 0)).toBe(true);
  });

  it('place every demo location at real coordinates', () => {
    expect(DEMO_LOCATIONS).toHaveLength(20);
    const paris = DEMO_LOCATIONS.find((l) => l.code === 'paris')!;
    expect(paris.lat).toBeCloseTo(48.85, 1);
    expect(paris.lng).toBeCloseTo(2.35, 0);
    const europe = DEMO_LOCATIONS.filter((l) => l.lng > -15);
    expect(europe.every((l) => l.lat > 35 && l.lat < 60)).toBe(true);
    expect(DEMO_LOCATIONS.filter((l) => l.lng < -60)).toHaveLength(7);
  });
});
