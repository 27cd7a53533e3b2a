// Generates an order stream from a seed, with the shapes real shops see:
//   - lines per order: mostly 1, a long tail up to 10 (LINE_WEIGHTS);
//   - quantity per line: mostly 1–3, rarely up to 10 (QUANTITY_WEIGHTS);
//   - SKU popularity: Zipf over the snapshot's SKUs in listed order (the first the most
//     popular), distinct SKUs within an order;
//   - destination: a mixture of Gaussians around the big cities near the snapshot's
//     locations, each weighted by population, spread wider for bigger cities.
// The same seed and snapshot give the same stream.
import { haversineMetres } from '../domain/distance/great-circle.js';
import { qty } from '../domain/quantity.js';
import type { OrderLine } from '../domain/routing.js';
import { CITIES } from './cities.js';
import type { City } from './cities.js';
import { seededRandom, WeightedChoice, zipfWeights } from './random.js';
import type { Random } from './random.js';
import type { SimOrder, Snapshot } from './types.js';

/** Weight of 1, 2, … 10 lines per order. */
export const LINE_WEIGHTS = [62, 18, 8, 4.5, 2.8, 1.7, 1.1, 0.8, 0.6, 0.5] as const;
/** Weight of quantity 1, 2, … 10 per line. */
export const QUANTITY_WEIGHTS = [70, 16, 7, 2.5, 1.5, 1, 0.6, 0.5, 0.4, 0.5] as const;
export const SKU_ZIPF_EXPONENT = 1.07;
/** Cities this far from every stock location are not in the snapshot's region. */
export const REGION_RADIUS_M = 1_000_000;

const mean = (weights: readonly number[]) => weights.reduce((a, w, i) => a + w * (i + 1), 0) / weights.reduce((a, w) => a + w, 0);
/** Expected units in one generated order (lines × quantity), ignoring the distinct-SKU rule. */
export const MEAN_UNITS_PER_ORDER = mean(LINE_WEIGHTS) * mean(QUANTITY_WEIGHTS);

export function generateOrders(snapshot: Snapshot, count: number, seed: number): SimOrder[] {
  if (snapshot.skus.length === 0) throw new RangeError('cannot generate orders: the snapshot has no SKUs');
  const random = seededRandom(seed);
  const lineCount = new WeightedChoice(LINE_WEIGHTS);
  const quantity = new WeightedChoice(QUANTITY_WEIGHTS);
  const skuRank = new WeightedChoice(zipfWeights(snapshot.skus.length, SKU_ZIPF_EXPONENT));
  const centres = regionCities(snapshot);
  const centre = new WeightedChoice(centres.map((c) => c.population));
  const width = String(count).length;
  const orders: SimOrder[] = [];
  for (let n = 1; n <= count; n += 1) {
    const wanted = Math.min(lineCount.pick(random) + 1, snapshot.skus.length);
    const chosen = new Set<number>();
    // Distinct SKUs: redraw a repeat a few times, then settle for fewer lines.
    for (let attempt = 0; chosen.size < wanted && attempt < wanted * 4; attempt += 1) chosen.add(skuRank.pick(random));
    const lines: OrderLine[] = [...chosen].map((rank, i) => ({
      id: `l${i + 1}`,
      sku: snapshot.skus[rank]!.code,
      quantity: qty(quantity.pick(random) + 1),
    }));
    const city = centres[centre.pick(random)]!;
    orders.push({ id: `sim-${String(n).padStart(width, '0')}`, lines, destination: around(city, random) });
  }
  return orders;
}

/** The cities within REGION_RADIUS_M of a stock location; all cities if none is placed. */
export function regionCities(snapshot: Snapshot): readonly City[] {
  const placed = snapshot.locations.filter((l) => l.lat !== null && l.lng !== null);
  const near = CITIES.filter((c) => placed.some((l) => haversineMetres({ lat: c.lat, lng: c.lng }, { lat: l.lat!, lng: l.lng! }) <= REGION_RADIUS_M));
  return near.length > 0 ? near : CITIES;
}

function around(city: City, random: Random) {
  const sigmaKm = 10 + 8 * Math.sqrt(city.population);
  const lat = clamp(city.lat + (random.normal() * sigmaKm) / 111.32, -89.9, 89.9);
  const lng = city.lng + (random.normal() * sigmaKm) / (111.32 * Math.cos((city.lat * Math.PI) / 180));
  return { lat: round(lat), lng: round(((lng + 540) % 360) - 180), countryCode: city.country, zipCode: null };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const round = (v: number) => Math.round(v * 1e5) / 1e5;
