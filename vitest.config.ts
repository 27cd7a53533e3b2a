import { configDefaults, defineConfig } from 'vitest/config';

// Tests that need a server exist only when it is configured, as every PostgreSQL test does:
// *.postgres.test.ts with DATABASE_URL, *.redis.test.ts with STOCKROUTE_TEST_REDIS_URL. So
// `npm test` passes on a fresh machine (PGlite only); .ci/run sets both and starts the servers.
const needsServer = [
  ...(process.env.DATABASE_URL ? [] : ['**/*.postgres.test.ts']),
  ...(process.env.STOCKROUTE_TEST_REDIS_URL ? [] : ['**/*.redis.test.ts']),
];

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...needsServer],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
