// Large cities of Europe and North America: where generated stock locations stand and
// around which generated destinations cluster. Coordinates are the city centres; population
// is the metropolitan area in millions (rounded), used as the weight of each cluster.

export interface City {
  readonly name: string;
  readonly country: string;
  readonly lat: number;
  readonly lng: number;
  readonly population: number;
}

export const CITIES: readonly City[] = [
  { name: 'London', country: 'GB', lat: 51.5074, lng: -0.1278, population: 14.8 },
  { name: 'Paris', country: 'FR', lat: 48.8566, lng: 2.3522, population: 12.3 },
  { name: 'Madrid', country: 'ES', lat: 40.4168, lng: -3.7038, population: 6.8 },
  { name: 'Barcelona', country: 'ES', lat: 41.3874, lng: 2.1686, population: 5.6 },
  { name: 'Berlin', country: 'DE', lat: 52.52, lng: 13.405, population: 6.1 },
  { name: 'Hamburg', country: 'DE', lat: 53.5511, lng: 9.9937, population: 3.2 },
  { name: 'Munich', country: 'DE', lat: 48.1351, lng: 11.582, population: 2.9 },
  { name: 'Cologne', country: 'DE', lat: 50.9375, lng: 6.9603, population: 3.6 },
  { name: 'Frankfurt', country: 'DE', lat: 50.1109, lng: 8.6821, population: 2.7 },
  { name: 'Milan', country: 'IT', lat: 45.4642, lng: 9.19, population: 4.3 },
  { name: 'Rome', country: 'IT', lat: 41.9028, lng: 12.4964, population: 4.3 },
  { name: 'Naples', country: 'IT', lat: 40.8518, lng: 14.2681, population: 3.1 },
  { name: 'Amsterdam', country: 'NL', lat: 52.3676, lng: 4.9041, population: 2.5 },
  { name: 'Rotterdam', country: 'NL', lat: 51.9244, lng: 4.4777, population: 1.8 },
  { name: 'Brussels', country: 'BE', lat: 50.8503, lng: 4.3517, population: 2.1 },
  { name: 'Vienna', country: 'AT', lat: 48.2082, lng: 16.3738, population: 2.9 },
  { name: 'Zurich', country: 'CH', lat: 47.3769, lng: 8.5417, population: 1.4 },
  { name: 'Warsaw', country: 'PL', lat: 52.2297, lng: 21.0122, population: 3.1 },
  { name: 'Prague', country: 'CZ', lat: 50.0755, lng: 14.4378, population: 2.7 },
  { name: 'Budapest', country: 'HU', lat: 47.4979, lng: 19.0402, population: 3.0 },
  { name: 'Copenhagen', country: 'DK', lat: 55.6761, lng: 12.5683, population: 2.1 },
  { name: 'Stockholm', country: 'SE', lat: 59.3293, lng: 18.0686, population: 2.4 },
  { name: 'Oslo', country: 'NO', lat: 59.9139, lng: 10.7522, population: 1.6 },
  { name: 'Helsinki', country: 'FI', lat: 60.1699, lng: 24.9384, population: 1.5 },
  { name: 'Dublin', country: 'IE', lat: 53.3498, lng: -6.2603, population: 2.0 },
  { name: 'Manchester', country: 'GB', lat: 53.4808, lng: -2.2426, population: 2.9 },
  { name: 'Birmingham', country: 'GB', lat: 52.4862, lng: -1.8904, population: 2.9 },
  { name: 'Lisbon', country: 'PT', lat: 38.7223, lng: -9.1393, population: 2.9 },
  { name: 'Lyon', country: 'FR', lat: 45.764, lng: 4.8357, population: 2.3 },
  { name: 'Marseille', country: 'FR', lat: 43.2965, lng: 5.3698, population: 1.9 },
  { name: 'Athens', country: 'GR', lat: 37.9838, lng: 23.7275, population: 3.6 },
  { name: 'Bucharest', country: 'RO', lat: 44.4268, lng: 26.1025, population: 2.3 },
  { name: 'New York', country: 'US', lat: 40.7128, lng: -74.006, population: 19.5 },
  { name: 'Los Angeles', country: 'US', lat: 34.0522, lng: -118.2437, population: 12.8 },
  { name: 'Chicago', country: 'US', lat: 41.8781, lng: -87.6298, population: 9.4 },
  { name: 'Dallas', country: 'US', lat: 32.7767, lng: -96.797, population: 7.9 },
  { name: 'Houston', country: 'US', lat: 29.7604, lng: -95.3698, population: 7.3 },
  { name: 'Washington', country: 'US', lat: 38.9072, lng: -77.0369, population: 6.3 },
  { name: 'Philadelphia', country: 'US', lat: 39.9526, lng: -75.1652, population: 6.2 },
  { name: 'Miami', country: 'US', lat: 25.7617, lng: -80.1918, population: 6.1 },
  { name: 'Atlanta', country: 'US', lat: 33.749, lng: -84.388, population: 6.2 },
  { name: 'Boston', country: 'US', lat: 42.3601, lng: -71.0589, population: 4.9 },
  { name: 'Phoenix', country: 'US', lat: 33.4484, lng: -112.074, population: 5.0 },
  { name: 'San Francisco', country: 'US', lat: 37.7749, lng: -122.4194, population: 4.6 },
  { name: 'Seattle', country: 'US', lat: 47.6062, lng: -122.3321, population: 4.0 },
  { name: 'Detroit', country: 'US', lat: 42.3314, lng: -83.0458, population: 4.3 },
  { name: 'Minneapolis', country: 'US', lat: 44.9778, lng: -93.265, population: 3.7 },
  { name: 'San Diego', country: 'US', lat: 32.7157, lng: -117.1611, population: 3.3 },
  { name: 'Denver', country: 'US', lat: 39.7392, lng: -104.9903, population: 3.0 },
  { name: 'St. Louis', country: 'US', lat: 38.627, lng: -90.1994, population: 2.8 },
  { name: 'Charlotte', country: 'US', lat: 35.2271, lng: -80.8431, population: 2.7 },
  { name: 'Salt Lake City', country: 'US', lat: 40.7608, lng: -111.891, population: 1.3 },
  { name: 'Memphis', country: 'US', lat: 35.1495, lng: -90.049, population: 1.3 },
  { name: 'Toronto', country: 'CA', lat: 43.6532, lng: -79.3832, population: 6.7 },
  { name: 'Montreal', country: 'CA', lat: 45.5017, lng: -73.5673, population: 4.3 },
  { name: 'Vancouver', country: 'CA', lat: 49.2827, lng: -123.1207, population: 2.6 },
  { name: 'Calgary', country: 'CA', lat: 51.0447, lng: -114.0719, population: 1.6 },
  { name: 'Mexico City', country: 'MX', lat: 19.4326, lng: -99.1332, population: 21.8 },
  { name: 'Guadalajara', country: 'MX', lat: 20.6597, lng: -103.3496, population: 5.3 },
  { name: 'Monterrey', country: 'MX', lat: 25.6866, lng: -100.3161, population: 5.3 },
];

export const REGIONS = ['europe', 'north_america', 'all'] as const;
export type Region = (typeof REGIONS)[number];

const NORTH_AMERICA = new Set(['US', 'CA', 'MX']);

export function inRegion(city: City, region: Region): boolean {
  switch (region) {
    case 'all':
      return true;
    case 'north_america':
      return NORTH_AMERICA.has(city.country);
    case 'europe':
      return !NORTH_AMERICA.has(city.country);
    default: {
      const unknown: never = region;
      throw new Error(`unknown region ${String(unknown)}`);
    }
  }
}

/** Where generated stock locations stand, in priority order: warehouse hubs near the largest markets. */
export const WAREHOUSE_CITIES: readonly string[] = [
  'Paris', 'New York', 'Frankfurt', 'Chicago', 'Madrid', 'Los Angeles', 'Milan', 'Dallas', 'Warsaw',
  'Atlanta', 'Rotterdam', 'Toronto', 'Manchester', 'Seattle', 'Lyon', 'Memphis', 'Stockholm',
  'Denver', 'Vienna', 'Montreal', 'Barcelona', 'Philadelphia', 'Prague', 'Phoenix',
];
