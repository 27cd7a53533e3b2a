// A distance provider measures from a destination to each candidate location. The
// interface is pure data in, data out; implementations that do I/O (an OSRM-compatible
// routing engine over HTTP) live outside src/domain and are injected.
import type { Destination, DistanceMode, DistanceTable, LocationInput } from '../routing.js';

export interface DistanceProvider {
  readonly name: string;
  measure(destination: Destination, locations: readonly LocationInput[], mode: DistanceMode): Promise<DistanceTable>;
}
