// `npm run bench`: the benchmark suite in real Chromium (see bench/browser/main.ts). Node 20 cannot run
// TypeScript, so the harness is loaded through Vite's module loader, as bench/engine.mjs does.
//   npm run bench                      the whole suite; writes bench/results/latest.json
//   npm run bench -- --quick           fewer samples, for trying the harness out (writes quick.json)
//   npm run bench -- --only=sync,restore   some sections only (writes partial.json)
import { createServer } from 'vite';

const server = await createServer({
  appType: 'custom',
  logLevel: 'error',
  server: { middlewareMode: true, hmr: false, ws: false },
  optimizeDeps: { noDiscovery: true, include: [] },
});
let failed = false;
try {
  const { runBrowserBench } = await server.ssrLoadModule('/bench/browser/main.ts');
  await runBrowserBench(process.argv.slice(2));
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await server.close();
}
process.exit(failed ? 1 : 0);
