import { describe, expect, it } from 'vitest';
import { DistanceConfigError, distanceConfigFromEnv, distanceProviderFromConfig, greatCircleProvider } from './index.js';

describe('greatCircleProvider', () => {
  it('measures straight-line metres, the same for every mode, and leaves unplaced locations unmeasured', async () => {
    const munich = { lat: 48.1374, lng: 11.5755, countryCode: 'DE', zipCode: null };
    const locations = [
      { code: 'vienna', priority: 1, enabled: true, onHold: false, lat: 48.2082, lng: 16.3738 },
      { code: 'nowhere', priority: 2, enabled: true, onHold: false, lat: null, lng: null },
    ];
    const driving = await greatCircleProvider().measure(munich, locations, 'driving');
    const walking = await greatCircleProvider().measure(munich, locations, 'walking');
    expect(walking).toEqual(driving);
    if (driving.kind !== 'measured') throw new Error('expected a measured table');
    expect(driving.entries.get('vienna')?.distanceM).toBeCloseTo(355_845, 0);
    expect(driving.entries.get('nowhere')).toEqual({ distanceM: null, durationS: null });
  });
});

describe('distanceProviderFromConfig', () => {
  it('is the offline great-circle provider by default', () => {
    expect(distanceProviderFromConfig().name).toBe('great_circle');
    expect(distanceProviderFromConfig(distanceConfigFromEnv({}, {})).name).toBe('great_circle');
    expect(distanceProviderFromConfig(distanceConfigFromEnv({}, { STOCKROUTE_DISTANCE_PROVIDER: '' })).name).toBe('great_circle');
  });

  it('builds the OSRM provider from the environment', () => {
    const config = distanceConfigFromEnv({}, { STOCKROUTE_DISTANCE_PROVIDER: 'osrm', STOCKROUTE_OSRM_URL: 'http://osrm:5000', STOCKROUTE_OSRM_TIMEOUT_MS: '750' });
    expect(config).toEqual({ provider: 'osrm', osrmUrl: 'http://osrm:5000', timeoutMs: 750 });
    expect(distanceProviderFromConfig(config).name).toBe('osrm');
  });

  it('lets explicit settings win over the environment', () => {
    const config = distanceConfigFromEnv({ provider: 'great_circle' }, { STOCKROUTE_DISTANCE_PROVIDER: 'osrm' });
    expect(config.provider).toBe('great_circle');
  });

  it.each([
    [{ provider: 'osrm' as const }, 'the osrm distance provider needs a URL (--osrm-url or STOCKROUTE_OSRM_URL)'],
    [{ provider: 'osrm' as const, osrmUrl: 'not a url' }, 'the OSRM URL "not a url" is not a valid URL'],
    [{ provider: 'osrm' as const, osrmUrl: 'ftp://x' }, 'the OSRM URL "ftp://x" must be http:// or https://'],
    [{ provider: 'osrm' as const, osrmUrl: 'http://x', timeoutMs: Number.NaN }, 'the OSRM timeout must be a positive whole number of milliseconds, not NaN'],
  ])('refuses a configuration that cannot work: %j', (config, message) => {
    expect(() => distanceProviderFromConfig(config)).toThrow(new DistanceConfigError(message));
  });

  it('refuses an unknown provider name from the environment', () => {
    expect(() => distanceConfigFromEnv({}, { STOCKROUTE_DISTANCE_PROVIDER: 'google' })).toThrow(
      'unknown distance provider "google" (expected great_circle or osrm)',
    );
  });
});
