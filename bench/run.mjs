// `npm run bench`: the benchmark suite in real Chromium (see bench/browser/main.ts). Node 20 cannot run
// TypeScript, so the harness is loaded through Vite's module loader, as bench/engine.mjs does.
//   npm run bench                      the whole suite; writes bench/results/latest.json
//   npm run bench -- --quick           fewer samples, for trying the harness out (writes quick.json)
//   npm run bench -- --only=sync,restore   some sections only (writes partial.json)
import { runTs } from './load-ts.mjs';

await runTs('/bench/browser/main.ts', 'runBrowserBench', process.argv.slice(2));
