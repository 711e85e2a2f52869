import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_ARGS, chromiumExecutable } from './e2e/support/chromium.ts';

// Two projects, both run by `vitest run` (npm run test:unit): the engine and the rest in Node, and the
// `ms-*` elements in real Chromium (Vitest's browser mode, driven by Playwright, the same browser as e2e).
export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify('test') },
  test: {
    testTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/components/**'],
          environment: 'node',
          setupFiles: ['tests/support/setup.ts'],
        },
      },
      {
        extends: true,
        // Pre-bundled up front: found mid-run, Vite would reload the page under a running test.
        optimizeDeps: {
          include: [
            'lit',
            'lit/decorators.js',
            'lit/directives/repeat.js',
            '@lit-labs/virtualizer/virtualize.js',
            // The audio output's test: a real engine, and MP3s made in the page.
            'idb',
            'nanoid',
            '@breezystack/lamejs',
            'browser-id3-writer',
          ],
        },
        test: {
          name: 'components',
          testTimeout: 15_000,
          include: ['tests/components/**/*.test.ts'],
          browser: {
            enabled: true,
            provider: playwright({
              launchOptions: { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS },
              // A control that is not there fails its test in seconds, not at the test's timeout.
              actionTimeout: 5000,
            }),
            instances: [{ browser: 'chromium' }],
            headless: true,
            // A desktop window: below 540 px the library hides its offline controls (the phone layout).
            viewport: { width: 1280, height: 800 },
            // A failure is reported with the element's DOM; screenshots would only litter the tree.
            screenshotFailures: false,
            // One page for every file: two cores are shared with the e2e suite and other engineers.
            fileParallelism: false,
          },
        },
      },
    ],
  },
});
