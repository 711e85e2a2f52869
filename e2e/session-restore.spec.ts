import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { readStoredSession, startKillableBrowser, waitForSavedPosition } from './support/faults';
import { newProfile } from './support/persistent-browser';
import { audioOf, elapsedSeconds, expectSounding, nowPlaying, openPlayer, queueTitles, seekTo, soundStatus } from './support/player';
import { startStaticServer } from './support/static-server';

test('the seed’s session restoration flow, step by step', async ({ baseURL }) => {
  const profile = newProfile(baseURL!);
  try {
    let browser = await profile.launch();
    let page = browser.pages()[0] ?? (await browser.newPage());
    await openPlayer(page);

    // 1. The user plays a track (and has something queued after it).
    await page.getByRole('button', { name: 'Play Neon Avenue', exact: true }).click();
    await page.getByRole('button', { name: 'Add Low Tide to queue' }).click();
    await expectSounding(page);

    // 2. The user seeks to 1:23, and the music plays on from there for a moment: until the tab has
    // saved a position past the seek.
    await seekTo(page, 83);
    await expect.poll(async () => (await audioOf(page)).currentTime).toBeGreaterThanOrEqual(83);
    await waitForSavedPosition(page, 84);
    const heardAt = (await audioOf(page)).currentTime;
    const heardWhen = Date.now();

    // 3. The user closes the browser (no pause first).
    await browser.close();
    // The music played on until the browser was gone, and may have been saved that far.
    const playedOn = (Date.now() - heardWhen) / 1000;

    // 4–5. The user reopens the browser and MediaStream.
    browser = await profile.launch();
    page = browser.pages()[0] ?? (await browser.newPage());
    await openPlayer(page);

    // 6. Same track, same queue, the position within a second of where the music was — shown paused.
    await expect(nowPlaying(page)).toContainText('Neon Avenue');
    await expect(queueTitles(page)).toHaveText(['Low Tide']);
    await expect(soundStatus(page)).toHaveText('Paused');
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
    // Closing a browser does not reliably let a page save on its way out: what it restores is the last
    // checkpoint, and checkpoints are 1 to 1.25 s apart while playing. The page shows whole seconds.
    const saved = Number((await readStoredSession(page)).record?.positionSeconds);
    expect(saved).toBeGreaterThan(heardAt - 1.3);
    expect(saved).toBeLessThanOrEqual(heardAt + playedOn + 0.1);
    const restored = await elapsedSeconds(page);
    expect(restored).toBe(Math.floor(saved));
    expect(restored).toBeGreaterThanOrEqual(83);
    expect((await audioOf(page)).playing).toBe(false);

    // 7. The user resumes: the audio continues from that exact second.
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expectSounding(page);
    const resumedAt = (await audioOf(page)).currentTime;
    expect(resumedAt).toBeGreaterThanOrEqual(restored - 1);
    expect(resumedAt).toBeLessThan(restored + 4);
    await browser.close();
  } finally {
    profile.remove();
  }
});

test('a browser killed while playing (no pagehide, no flush) comes back at its last checkpoint, about a second before where the music was', async () => {
  test.setTimeout(120_000);
  // Served under /app/ so that a page at the origin's root can read what the kill left before the app runs.
  const server = await startStaticServer(resolve('dist'), '/app/');
  const origin = new URL(server.url).origin;
  const browser = await startKillableBrowser();
  try {
    let page = await browser.newPage();
    await openPlayer(page, server.url);
    await page.getByRole('button', { name: 'Play Neon Avenue', exact: true }).click();
    await seekTo(page, 83);
    await expect.poll(async () => (await audioOf(page)).currentTime).toBeGreaterThanOrEqual(83);
    // Playing on past the seek: checkpoints are being saved.
    await waitForSavedPosition(page, 85);

    const heardAt = (await audioOf(page)).currentTime;
    const heardWhen = Date.now();
    await browser.killAndRestart();
    // The music played on until the kill, and may have been saved that far.
    const playedOn = (Date.now() - heardWhen) / 1000;
    page = await browser.newPage();
    await page.goto(`${origin}/`);
    const saved = Number((await readStoredSession(page)).record?.positionSeconds);
    test.info().annotations.push({ type: 'position', description: `heard at ${heardAt.toFixed(2)} s; saved at ${saved.toFixed(2)} s` });
    // Checkpoints are written at the first `timeupdate` (about every 250 ms) a second after the last, so
    // 1 to 1.25 s apart while playing: that is the most the kill can lose.
    expect(saved).toBeGreaterThan(heardAt - 1.3);
    expect(saved).toBeLessThanOrEqual(heardAt + playedOn + 0.1);

    await openPlayer(page, server.url);
    await expect(nowPlaying(page)).toContainText('Neon Avenue');
    await expect(soundStatus(page)).toHaveText('Paused');
    expect(await elapsedSeconds(page)).toBe(Math.floor(saved));
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expectSounding(page);
    expect((await audioOf(page)).currentTime).toBeGreaterThanOrEqual(saved - 0.5);
  } finally {
    await browser.dispose();
    await server.stop();
  }
});
