/** Builds the baseline pages (bench/pages/*.html) for `npm run bench`; Lit and Dexie come from node_modules. */

import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  // raw-parse-worker.ts loads music-metadata, whose parsers are split into chunks: a module worker.
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: false,
    rollupOptions: {
      input: Object.fromEntries(
        readdirSync(root)
          .filter((name) => name.endsWith('.html'))
          .map((name) => [name.replace(/\.html$/, ''), `${root}${name}`]),
      ),
    },
  },
});
