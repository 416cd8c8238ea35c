import { defineConfig } from 'vitest/config';

// PC/SC tests: they share pcscd's one virtual reader, so files run one at a time (test/pcsc/run.sh).
export default defineConfig({
  test: {
    include: ['test/pcsc/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 30000,
    hookTimeout: 30000,
  },
});
