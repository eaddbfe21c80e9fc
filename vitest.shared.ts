import type { UserWorkspaceConfig } from 'vitest/config';

/**
 * Conditions that make workspace packages resolve to their TypeScript sources in tests (no build needed).
 * Vitest also hands these to its worker processes as `node --conditions`, so only add conditions that are
 * safe for Node's own require(): 'import' here would make require('ws') load ws's ESM wrapper.
 */
const sourceConditions = ['@evstation/source', 'node'];

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
