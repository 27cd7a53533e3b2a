// Chooses the distance provider for distance ranking from configuration: `great_circle`
// (offline, the default) or `osrm` (an OSRM-compatible routing engine at a URL). The
// environment variables STOCKROUTE_DISTANCE_PROVIDER, STOCKROUTE_OSRM_URL and
// STOCKROUTE_OSRM_TIMEOUT_MS fill in what the caller does not set explicitly.
import type { DistanceProvider } from '../domain/distance/provider.js';
import { greatCircleProvider } from './great-circle-provider.js';
import { osrmProvider } from './osrm.js';
import type { OsrmOptions } from './osrm.js';

export const DISTANCE_PROVIDERS = ['great_circle', 'osrm'] as const;
export type DistanceProviderName = (typeof DISTANCE_PROVIDERS)[number];

export interface DistanceConfig {
  readonly provider?: DistanceProviderName;
  readonly osrmUrl?: string;
  readonly timeoutMs?: number;
  readonly osrmProfiles?: OsrmOptions['profiles'];
}

/** Thrown for a configuration that cannot work (unknown provider, osrm without a URL). */
export class DistanceConfigError extends Error {
  override readonly name = 'DistanceConfigError';
}

export function isDistanceProviderName(value: string): value is DistanceProviderName {
  return (DISTANCE_PROVIDERS as readonly string[]).includes(value);
}

/** The explicit settings, completed from the environment. */
export function distanceConfigFromEnv(explicit: DistanceConfig = {}, env: NodeJS.ProcessEnv = process.env): DistanceConfig {
  const fromEnv = env.STOCKROUTE_DISTANCE_PROVIDER?.trim();
  const provider = explicit.provider ?? (fromEnv === undefined || fromEnv === '' ? 'great_circle' : fromEnv);
  if (!isDistanceProviderName(provider)) {
    throw new DistanceConfigError(`unknown distance provider "${provider}" (expected ${DISTANCE_PROVIDERS.join(' or ')})`);
  }
  const osrmUrl = explicit.osrmUrl ?? env.STOCKROUTE_OSRM_URL;
  const envTimeout = env.STOCKROUTE_OSRM_TIMEOUT_MS;
  const timeoutMs = explicit.timeoutMs ?? (envTimeout === undefined || envTimeout === '' ? undefined : Number(envTimeout));
  return {
    ...explicit,
    provider,
    ...(osrmUrl === undefined || osrmUrl === '' ? {} : { osrmUrl }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  };
}

export function distanceProviderFromConfig(config: DistanceConfig = {}): DistanceProvider {
  const provider = config.provider ?? 'great_circle';
  switch (provider) {
    case 'great_circle':
      return greatCircleProvider();
    case 'osrm': {
      if (config.osrmUrl === undefined || config.osrmUrl === '') {
        throw new DistanceConfigError('the osrm distance provider needs a URL (--osrm-url or STOCKROUTE_OSRM_URL)');
      }
      let url: URL;
      try {
        url = new URL(config.osrmUrl);
      } catch {
        throw new DistanceConfigError(`the OSRM URL "${config.osrmUrl}" is not a valid URL`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new DistanceConfigError(`the OSRM URL "${config.osrmUrl}" must be http:// or https://`);
      }
      if (config.timeoutMs !== undefined && !(Number.isInteger(config.timeoutMs) && config.timeoutMs > 0)) {
        throw new DistanceConfigError(`the OSRM timeout must be a positive whole number of milliseconds, not ${config.timeoutMs}`);
      }
      return osrmProvider({
        baseUrl: config.osrmUrl,
        ...(config.timeoutMs === undefined ? {} : { timeoutMs: config.timeoutMs }),
        ...(config.osrmProfiles === undefined ? {} : { profiles: config.osrmProfiles }),
      });
    }
    default: {
      const unknown: never = provider;
      throw new DistanceConfigError(`unknown distance provider "${String(unknown)}"`);
    }
  }
}

export { greatCircleProvider, osrmProvider };
