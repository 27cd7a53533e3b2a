// The offline distance provider: great-circle (haversine) distance from the shipping address
// to each location, computed by the pure domain function. It knows no travel modes, so
// driving, bicycling and walking all measure the same straight-line metres.
import { greatCircleTable } from '../domain/distance/great-circle.js';
import type { DistanceProvider } from '../domain/distance/provider.js';

export function greatCircleProvider(): DistanceProvider {
  return {
    name: 'great_circle',
    measure: (destination, locations) => Promise.resolve(greatCircleTable(destination, locations)),
  };
}
