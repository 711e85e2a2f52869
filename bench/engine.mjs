// Runs the TypeScript engine benchmark in Node through Vite's module loader (Node 20 cannot run .ts).
import { runTs } from './load-ts.mjs';

await runTs('/bench/engine/engine-bench.ts', 'runEngineBench');
