import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests: next to the code they test. Pure logic runs in `node` (set per file with
// `// @vitest-environment node`); UI tests in happy-dom. End-to-end tests have their own config.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}', 'tests/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    setupFiles: ['tests/setup/unit.ts'],
    restoreMocks: true,
  },
});
