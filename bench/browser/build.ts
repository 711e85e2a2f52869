/**
 * Builds what the benchmark serves, into a folder of its own (node_modules/.cache/mediastream-bench), so a
 * benchmark never rewrites `dist/` under an end-to-end run that is serving it:
 * - the production app, with the project's own vite.config.ts (the same build as `npm run build`);
 * - the baseline pages in bench/pages, with Lit and Dexie bundled from node_modules by Vite.
 * Each build runs in a process of its own with NODE_ENV=production: in this process Vite's module loader
 * has set NODE_ENV=development, and a build that inherits it bundles Lit's development builds.
 */

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const WORK_DIR = join(ROOT, 'node_modules/.cache/mediastream-bench');
export const APP_DIR = join(WORK_DIR, 'app');
export const PAGES_DIR = join(WORK_DIR, 'pages');

function run(command: string, args: readonly string[]): void {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

export async function buildAll(log: (message: string) => void): Promise<void> {
  // The demo audio and artwork: regenerated only when their generator changed.
  run('npm', ['run', '--silent', 'gen:demo']);
  log('building the app (vite.config.ts, production)…');
  run('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', APP_DIR, '--emptyOutDir']);
  log('building the baseline pages (bench/pages)…');
  run('npx', ['vite', 'build', '--logLevel', 'warn', '--config', 'bench/pages/vite.config.ts', '--outDir', PAGES_DIR, '--emptyOutDir']);
  if (!existsSync(join(APP_DIR, 'index.html')) || !existsSync(join(PAGES_DIR, 'floor.html'))) {
    throw new Error('The benchmark build is incomplete.');
  }
}
