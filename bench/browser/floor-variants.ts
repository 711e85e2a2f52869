/**
 * Which floor is the floor (`npm run bench -- --only=floorVariants`, not part of the default run): ways of
 * doing the floor's job measured side by side, interleaved, in three settings: alone; beside the app
 * playing music all along (as the bench once ran); and beside the app playing only during its own turns
 * (as it runs now). What each variant changes is in bench/pages/floor.ts.
 */

import type { Browser } from '@playwright/test';
import { percentile, round } from '../stats';
import { APP_KINDS, appSystem, baselineSystem, interleave, type System, type Turn } from './sync';

const VARIANTS: readonly (readonly [string, string])[] = [
  ['main thread, put only, B: Lit (the old floor)', 'floor.html?writer=main&read=0&view=lit'],
  ['main thread, put only, B: text', 'floor.html?writer=main&read=0'],
  ['main thread, get+put, B: text', 'floor.html?writer=main'],
  ['worker, get+put, B: text (durability default)', 'floor.html?writer=worker'],
  ['worker, get+put, B: text, relaxed', 'floor.html?writer=worker&durability=relaxed'],
  ['worker, get+put, B: text, strict', 'floor.html?writer=worker&durability=strict'],
  ['worker, get+put, B: Lit', 'floor.html?writer=worker&view=lit'],
  ['worker, the app’s stores, writes and messages', 'floor.html?writer=worker&shape=app'],
  ['worker, the app’s shape, event log apart', 'floor.html?writer=worker&shape=app&log=apart'],
  ['worker, the app’s shape, no event log', 'floor.html?writer=worker&shape=app&log=none'],
];

export async function investigateFloorVariants(
  browser: Browser,
  origin: string,
  log: (message: string) => void,
  samples = 150,
): Promise<string[]> {
  const lines = ['Floor variants: action in A → B shows it (ms), interleaved turns of 10'];
  const settings = ['alone', 'beside the app, playing all along', 'beside the app, playing in its own turns'] as const;
  // BENCH_FLOOR_SETTINGS=0,2 runs some settings only (by index); BENCH_FLOOR_SAMPLES sets how many samples each.
  const chosen = process.env.BENCH_FLOOR_SETTINGS?.split(',').map(Number) ?? [0, 1, 2];
  // BENCH_FLOOR_VARIANTS=3,7,8 measures some variants only (by index).
  const variants = process.env.BENCH_FLOOR_VARIANTS?.split(',').map(variantAt) ?? VARIANTS;
  for (const setting of settings.filter((_, i) => chosen.includes(i))) {
    log(`floor variants: ${setting}…`);
    const systems: System[] = [];
    for (const [name, page] of variants) systems.push(await baselineSystem(browser, origin, name, page));
    const units: Turn[][] = systems.map((system) => [{ label: system.name, system }]);
    if (setting !== 'alone') {
      const app = await appSystem(browser, origin);
      const cycling = withoutPlaylistEdits(app);
      const used = setting === 'beside the app, playing all along' ? withoutTurns(cycling) : cycling;
      systems.push(used);
      units.push([{ label: 'app (play/add/seek/remove in turn)', system: used }]);
    }
    try {
      const runs = await interleave(units, { samples, warmUpCycles: 2, blockSize: 10, log });
      lines.push(`  ${setting}:`);
      for (const [label, run] of runs) {
        const p = (q: number) => round(percentile(run.dom, q), 1);
        lines.push(`    ${label.padEnd(48)} n=${run.dom.length}  p25 ${p(25)}  p50 ${p(50)}  p75 ${p(75)}  p99 ${p(99)}`);
      }
    } finally {
      for (const system of systems) await system.context.close();
    }
  }
  return lines;
}

/** The same system, its music left playing through every other system's turns. */
function withoutTurns(app: System): System {
  app.startTurn = undefined;
  app.endTurn = undefined;
  return app;
}

/**
 * The same system, its actions play, add, seek and remove in turn: a playlist edit needs tab B on the
 * playlist's page, which only a turn of that kind brings it to (as a kindless turn here is not), so every
 * fifth action would go astray.
 */
function withoutPlaylistEdits(app: System): System {
  const plan = app.plan;
  const kinds = APP_KINDS.filter((kind) => kind !== 'playlist');
  let step = 0;
  app.plan = (chosen) => plan(chosen ?? kinds[step++ % kinds.length]);
  return app;
}

function variantAt(index: string): readonly [string, string] {
  const variant = VARIANTS[Number(index)];
  if (!variant) throw new Error(`BENCH_FLOOR_VARIANTS: no variant ${index} (0 to ${VARIANTS.length - 1})`);
  return variant;
}
