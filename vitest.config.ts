import { defineConfig } from 'vitest/config';

/** Root config: lets `npx vitest` in the repository root run every workspace project. */
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'test'],
  },
});
