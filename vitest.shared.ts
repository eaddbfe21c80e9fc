import type { UserWorkspaceConfig } from 'vitest/config';

/** Conditions that make workspace packages resolve to their TypeScript sources in tests (no build needed). */
const sourceConditions = ['@evstation/source', 'node', 'import', 'module', 'default'];

/** Shared vitest settings for every workspace project. */
export const sharedProjectConfig: UserWorkspaceConfig = {
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions, externalConditions: ['@evstation/source'] } },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
};
