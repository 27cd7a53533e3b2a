import { describe, expect, it } from 'vitest';
import { haversineMetres } from '../domain/distance/great-circle.js';
import { toDecimal } from '../domain/quantity.js';
import { CITIES } from './cities.js';
import { generateOrders, MEAN_UNITS_PER_ORDER, regionCities } from './generate-orders.js';
import { generateSnapshot } from './generate-snapshot.js';
import type { SimOrder } from './types.js';

const snapshot = generateSnapshot({ seed: 1, locations: 6, skus: 300, region: 'europe', expectedOrders: 5000, coverage: 1.5, stockLocationsCutoff: 6 });
const share = (orders: readonly SimOrder[], test: (o: SimOrder) => boolean) => orders.filter(test).length / orders.length;

describe('generated order stream', () => {
  const orders = generateOrders(snapshot, 5000, 42);

  it('is the same for the same seed and differs for another seed', () => {
    expect(generateOrders(snapshot, 5000, 42)).toEqual(orders);
    const other = generateOrders(snapshot, 5000, 43);
    expect(other).not.toEqual(orders);
    expect(other).toHaveLength(5000);
  });

  it('has mostly one line, a tail up to 10 lines, and distinct SKUs per order', () => {
    const single = share(orders, (o) => o.lines.length === 1);
    expect(single).toBeGreaterThan(0.55);
    expect(single).toBeLessThan(0.7);
    expect(Math.max(...orders.map((o) => o.lines.length))).toBeGreaterThanOrEqual(7);
    expect(orders.every((o) => o.lines.length >= 1 && o.lines.length <= 10)).toBe(true);
    expect(orders.every((o) => new Set(o.lines.map((l) => l.sku)).size === o.lines.length)).toBe(true);
  });

  it('asks mostly 1–3 units per line, whole numbers up to 10', () => {
    const lines = orders.flatMap((o) => o.lines.map((l) => toDecimal(l.quantity)));
    expect(lines.filter((q) => q <= 3).length / lines.length).toBeGreaterThan(0.9);
    expect(lines.every((q) => Number.isInteger(q) && q >= 1 && q <= 10)).toBe(true);
    const units = lines.reduce((a, b) => a + b, 0) / orders.length;
    expect(units).toBeGreaterThan(MEAN_UNITS_PER_ORDER * 0.9);
    expect(units).toBeLessThan(MEAN_UNITS_PER_ORDER * 1.1);
  });

  it('draws SKUs Zipf-like: the first listed SKU sells most, the top 10% sell most units', () => {
    const counts = new Map<string, number>();
    for (const o of orders) for (const l of o.lines) counts.set(l.sku, (counts.get(l.sku) ?? 0) + 1);
    const byRank = snapshot.skus.map((s) => counts.get(s.code) ?? 0);
    expect(byRank[0]).toBe(Math.max(...byRank));
    expect(byRank[0]!).toBeGreaterThan(byRank[9]! * 4);
    const total = byRank.reduce((a, b) => a + b, 0);
    expect(byRank.slice(0, 30).reduce((a, b) => a + b, 0) / total).toBeGreaterThan(0.45);
  });

  it('sends orders around the big cities of the snapshot region', () => {
    const centres = regionCities(snapshot);
    expect(centres.map((c) => c.name)).toEqual(expect.arrayContaining(['Paris', 'London', 'Berlin', 'Madrid']));
    expect(centres.map((c) => c.name)).not.toContain('New York');
    const nearCity = (o: SimOrder) => centres.some((c) => haversineMetres(c, { lat: o.destination.lat!, lng: o.destination.lng! }) < 150_000);
    expect(share(orders, nearCity)).toBeGreaterThan(0.97);
    // London (the largest) gets more orders than Zurich (small).
    const near = (name: string) => share(orders, (o) => haversineMetres(CITIES.find((c) => c.name === name)!, { lat: o.destination.lat!, lng: o.destination.lng! }) < 60_000);
    expect(near('London')).toBeGreaterThan(near('Zurich') * 3);
    expect(orders.every((o) => o.destination.countryCode !== null)).toBe(true);
  });

  it('falls back to all cities when no location has coordinates', () => {
    const unplaced = { ...snapshot, locations: snapshot.locations.map((l) => ({ ...l, lat: null, lng: null })) };
    expect(regionCities(unplaced)).toBe(CITIES);
  });
});
