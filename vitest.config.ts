import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // PC/SC tests share one virtual reader and run through their own script (test/pcsc/run.sh).
    exclude: ['test/pcsc/**', 'node_modules/**'],
    testTimeout: 20000,
  },
});
