// Runs the TypeScript engine benchmark in Node through Vite's module loader (Node 20 cannot run .ts).
import { createServer } from 'vite';

const server = await createServer({
  appType: 'custom',
  logLevel: 'error',
  server: { middlewareMode: true, hmr: false, ws: false },
  optimizeDeps: { noDiscovery: true, include: [] },
});
try {
  const { runEngineBench } = await server.ssrLoadModule('/bench/engine/engine-bench.ts');
  await runEngineBench();
} finally {
  await server.close();
}
