import { expect, test } from '@playwright/test';
import {
  audioOf,
  elapsedSeconds,
  expectSilent,
  expectSounding,
  nowPlaying,
  openPlayer,
  queueTitles,
  seekTo,
  soundStatus,
} from './support/player';

test('the seed’s multi-tab sync flow, step by step', async ({ context }) => {
  // 1. The user opens MediaStream in tab A.
  const a = await context.newPage();
  await openPlayer(a);
  // 2. The user opens MediaStream in tab B, in the same browser: the same player, nothing playing yet.
  const b = await context.newPage();
  await openPlayer(b);
  await a.bringToFront();
  for (const tab of [a, b]) {
    await expect(nowPlaying(tab)).toContainText('Nothing playing');
    await expect(soundStatus(tab)).toHaveText('Paused');
  }

  // 3. The user plays a track in tab A: A shows it and sounds.
  await a.getByRole('button', { name: 'Play Morning Drift', exact: true }).click();
  await expect(nowPlaying(a)).toContainText('Morning Drift');
  await expect(a.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expectSounding(a);

  // 4. Tab B instantly shows the same track playing — as a remote: its own audio stays silent.
  await expect(nowPlaying(b)).toContainText('Morning Drift');
  await expect(b.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect(soundStatus(b)).toHaveText('Playing in another tab');
  await expect(soundStatus(a)).toHaveText('Playing in this tab');
  await expectSilent(b);
  // B's time moves with the music, though B plays nothing.
  const shownByB = await elapsedSeconds(b);
  await expect.poll(() => elapsedSeconds(b), { timeout: 5000 }).toBeGreaterThan(shownByB);

  // 5. The user seeks to 0:45 in tab B.
  await seekTo(b, 45);

  // 6. Tab A instantly shows the same position, and its sound is there.
  await expect.poll(() => elapsedSeconds(a)).toBeGreaterThanOrEqual(45);
  expect(await elapsedSeconds(a)).toBeLessThan(49);
  await expect.poll(async () => (await audioOf(a)).currentTime).toBeGreaterThanOrEqual(45);
  expect((await audioOf(a)).currentTime).toBeLessThan(49);
  await expect(nowPlaying(b).getByRole('slider', { name: 'Seek' })).toHaveAttribute('aria-valuetext', /^0:4\d of 2:\d\d$/);
  expect(await elapsedSeconds(b)).toBeGreaterThanOrEqual(45);
  // The seek in B moved A's sound; B, a remote control, still plays nothing.
  await expectSounding(a);
  await expectSilent(b);

  // 7. The user adds a track to the queue in tab A.
  await a.getByRole('button', { name: 'Add Paper Lanterns to queue' }).click();

  // 8. Tab B's queue instantly shows it.
  await expect(queueTitles(b)).toHaveText(['Paper Lanterns']);
  await expect(queueTitles(a)).toHaveText(['Paper Lanterns']);
});
