/**
 * Where a restore's time goes (`npm run bench -- --only=restoreProfile`, not part of the default run): the
 * restore section's two loads (the restored session, a fresh device), interleaved, each CPU-profiled from
 * navigation until its content is painted, the functions named through the build's source maps; the
 * list is what the restored loads spent more than the fresh ones, per load.
 */

import type { Browser, CDPSession } from '@playwright/test';
import { formatDuration } from '../../src/ui/format-duration';
import { median, round } from '../stats';
import { newDeviceId, titleOf } from './fixtures';
import { aggregateProfiles, type Profile } from './investigate';
import { installPaintLog, installStamps, type Stamp, useDeviceFromQuery } from './page-scripts';
import { RESTORED_POSITION, RESTORED_TRACK, seedRestoreSession } from './restore';

type PaintEntry = { raf: number; painted: number; title: string | null; elapsed: string | null };

export async function investigateRestore(
  browser: Browser,
  origin: string,
  appDir: string,
  projectRoot: string,
  log: (message: string) => void,
  loads = 10,
): Promise<string[]> {
  const context = await browser.newContext();
  await context.addInitScript(useDeviceFromQuery);
  await context.addInitScript(installPaintLog);
  await context.addInitScript(installStamps);
  const deviceId = newDeviceId();
  await seedRestoreSession(context, origin, deviceId);
  const profiles = { restored: [] as Profile[], fresh: [] as Profile[] };
  const painted = { restored: [] as number[], fresh: [] as number[] };
  /** Per load, ms from navigation: the catalog's response ended, the session's read committed, first contentful paint. */
  const stages = {
    restored: { catalog: [] as number[], read: [] as number[], fcp: [] as number[], painted: [] as number[] },
    fresh: { catalog: [] as number[], read: [] as number[], fcp: [] as number[], painted: [] as number[] },
  };
  for (let round = 0; round < loads + 1; round++) {
    for (const kind of round % 2 === 0 ? (['restored', 'fresh'] as const) : (['fresh', 'restored'] as const)) {
      const page = await context.newPage();
      await page.bringToFront();
      const expect =
        kind === 'restored' ? { title: titleOf(RESTORED_TRACK), elapsed: formatDuration(RESTORED_POSITION) } : { title: 'Nothing playing' };
      await page.goto(`${origin}/app/?benchDevice=${kind === 'restored' ? deviceId : newDeviceId()}`, { waitUntil: 'commit' });
      // From the navigation's commit (a profiler attached before it would lose the page to a new process).
      const session: CDPSession = await context.newCDPSession(page);
      await session.send('Profiler.enable');
      await session.send('Profiler.setSamplingInterval', { interval: 100 });
      await session.send('Profiler.start');
      const startedAt = await page.evaluate(() => performance.now());
      let at = 0;
      for (let i = 0; i < 400 && !at; i++) {
        await page.waitForTimeout(50);
        at = await page.evaluate((expect) => {
          const log = (window as unknown as { __benchPaint?: PaintEntry[] }).__benchPaint ?? [];
          const entry = log.find((e) => e.title === expect.title && (expect.elapsed === undefined || e.elapsed === expect.elapsed));
          return entry && entry.painted > 0 ? entry.painted : 0;
        }, expect);
      }
      const { profile } = (await session.send('Profiler.stop')) as unknown as { profile: Profile };
      const marks = await page.evaluate(() => {
        const origin = performance.timeOrigin;
        const stamps = (window as unknown as { __benchStamps: Stamp[] }).__benchStamps;
        const catalog = performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('library.json')) as
          | PerformanceResourceTiming
          | undefined;
        const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN;
        // The store's load is the page's first readwrite transaction.
        const read = stamps.find((stamp) => stamp.what === 'tx-complete');
        return { catalog: catalog?.responseEnd ?? Number.NaN, read: read ? read.t - origin : Number.NaN, fcp };
      });
      await session.detach();
      await page.close();
      if (round === 0 || !at) continue;
      // Only the samples until the content was painted (the profile runs on a while after it).
      profiles[kind].push(until(profile, at - startedAt));
      painted[kind].push(at);
      stages[kind].catalog.push(marks.catalog);
      stages[kind].read.push(marks.read);
      stages[kind].fcp.push(marks.fcp);
      stages[kind].painted.push(at);
    }
    log(`restore profile: ${round + 1} of ${loads + 1}`);
  }
  await context.close();
  const m = (values: number[]) => round(median(values.filter(Number.isFinite)), 1);
  const lines = [
    'Restore stages, median ms from navigation (restored | fresh):',
    ...(['catalog', 'read', 'fcp', 'painted'] as const).map(
      (stage) =>
        `  ${{ catalog: 'library.json received', read: 'the session read (load’s transaction) committed', fcp: 'first contentful paint', painted: 'content painted' }[stage].padEnd(50)} ${m(stages.restored[stage])} | ${m(stages.fresh[stage])}`,
    ),
    `Restore profile: painted at ${round(median(painted.restored), 1)} ms restored, ${round(median(painted.fresh), 1)} ms fresh (medians of ${painted.restored.length})`,
    '  restored loads, until painted:',
    ...aggregateProfiles(profiles.restored, appDir, projectRoot, 25),
    '  fresh loads, until painted:',
    ...aggregateProfiles(profiles.fresh, appDir, projectRoot, 25),
  ];
  return lines;
}

/** The profile's first `ms` (its times are µs). */
function until(profile: Profile, ms: number): Profile {
  const limit = profile.startTime + ms * 1000;
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (t > limit) break;
    samples.push(profile.samples[i]!);
    timeDeltas.push(profile.timeDeltas[i] ?? 0);
  }
  return { ...profile, samples, timeDeltas, endTime: Math.min(profile.endTime, limit) };
}
