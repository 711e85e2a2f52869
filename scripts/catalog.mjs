#!/usr/bin/env node
/**
 * npm run catalog -- <folder> [--out <dir>]: builds library.json from a folder of audio files with the
 * app's own tag code (src/library/catalog-cli.ts). Node 20 cannot run TypeScript, so Vite bundles that
 * file for Node first (into node_modules/.cache, a second or two), then it runs.
 */

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '..');
const outDir = resolve(root, 'node_modules/.cache/mediastream-catalog');
await build({
  root,
  configFile: false,
  logLevel: 'warn',
  build: {
    ssr: resolve(root, 'src/library/catalog-cli.ts'),
    outDir,
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: { output: { entryFileNames: 'catalog-cli.mjs' } },
  },
});
const { main } = await import(pathToFileURL(resolve(outDir, 'catalog-cli.mjs')).href);
process.exitCode = await main(process.argv.slice(2));
