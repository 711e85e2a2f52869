/**
 * A change's effect on sync, measured so that the machine's load cannot decide it: the app as built before
 * the change and as built now, each from a server (an origin) of its own, both in ONE Chromium, their turns
 * interleaved kind by kind with the floor's, as the sync section interleaves the app with its baselines.
 * Separate runs of `--only=sync` move by more than most changes between them.
 *
 *   cp -r node_modules/.cache/mediastream-bench/app /tmp/app-before    # the bench's build, before the change
 *   (make the change)
 *   AB_BEFORE=/tmp/app-before node bench/investigations/before-after.mjs
 *
 * It builds the bench's app again first (AB_NOBUILD=1 skips that), then prints p25/p50/p75/p99 of each
 * side and of the floor, by kind. KINDS=play,add picks kinds; SAMPLES (150) the samples per side and kind.
 * Two runs of the same pair of builds here differed by up to 0.4 ms at p50 (n = 150): read smaller
 * differences as none.
 */

import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../e2e/support/chromium';
import { APP_DIR, buildAll } from '../browser/build';
import { serveAppBuild } from '../browser/fixtures';
import { APP_KINDS, type AppKind, appSystem, baselineSystem, interleave, type Turn } from '../browser/sync';
import { percentile, round } from '../stats';

const SIDES = ['before', 'after', 'floor'] as const;

export async function compareBuilds(): Promise<void> {
  const beforeDir = process.env.AB_BEFORE;
  if (!beforeDir) throw new Error('AB_BEFORE must name the directory of the build before the change (see the top of this file).');
  if (!process.env.AB_NOBUILD) await buildAll(console.log);
  const kinds = (process.env.KINDS?.split(',') ?? [...APP_KINDS]) as AppKind[];
  const unknown = kinds.filter((kind) => !(APP_KINDS as readonly string[]).includes(kind));
  if (unknown.length) throw new Error(`Unknown kind(s) ${unknown.join(', ')}; known: ${APP_KINDS.join(', ')}`);
  const servers = [await serveAppBuild(beforeDir), await serveAppBuild(APP_DIR)];
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: [...CHROMIUM_ARGS] });
  try {
    const before = await appSystem(browser, servers[0]!.origin);
    const after = await appSystem(browser, servers[1]!.origin);
    const floor = await baselineSystem(browser, servers[1]!.origin, 'floor', 'floor.html');
    const units: Turn[][] = kinds.map((kind) => [
      { label: `before:${kind}`, system: before, kind },
      { label: `after:${kind}`, system: after, kind },
      { label: `floor:${kind}`, system: floor },
    ]);
    const samples = Number(process.env.SAMPLES ?? 150);
    const runs = await interleave(units, { samples, warmUpCycles: 1, blockSize: 10, log: console.log });
    for (const kind of kinds) {
      const floorP50 = percentile(runs.get(`floor:${kind}`)!.dom, 50);
      for (const side of SIDES) {
        const dom = runs.get(`${side}:${kind}`)!.dom;
        const p = (q: number) => round(percentile(dom, q), 2);
        const ratio = round(percentile(dom, 50) / floorP50, 2);
        console.log(
          `${kind.padEnd(8)} ${side.padEnd(6)} n=${dom.length}  p25 ${p(25)}  p50 ${p(50)}  p75 ${p(75)}  p99 ${p(99)}  ÷ floor p50 ${ratio}`,
        );
      }
    }
  } finally {
    await browser.close();
    for (const server of servers) await server.stop();
  }
}
