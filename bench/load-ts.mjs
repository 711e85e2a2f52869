// Node 20 cannot run TypeScript: the bench's entry points load their TypeScript through Vite's module
// loader. `runTs(path, name, ...args)` calls that module's export `name`, then exits 1 if it threw.
import { createServer } from 'vite';

export async function runTs(path, name, ...args) {
  const server = await createServer({
    appType: 'custom',
    logLevel: 'error',
    server: { middlewareMode: true, hmr: false, ws: false },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  let failed = false;
  try {
    const module = await server.ssrLoadModule(path);
    await module[name](...args);
  } catch (error) {
    failed = true;
    console.error(error);
  } finally {
    await server.close();
  }
  process.exit(failed ? 1 : 0);
}
