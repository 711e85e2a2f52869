import { expect, type Page, test } from '@playwright/test';
import { readEventLog } from './support/faults';
import { audioOf, expectSounding, nowPlaying, openPlayer, queueTitles, soundStatus } from './support/player';
import { failCatalog, failTrack, restoreCatalog, serveCatalog, serveGarbageTrack } from './support/routes';

// Routes must see every request: a service worker answering from its cache would hide the faults.
test.use({ serviceWorkers: 'block' });

function alerts(page: Page) {
  return page.getByRole('alert');
}

const trackFaults = [
  { name: 'is missing (HTTP 404)', breakTrack: (page: Page) => failTrack(page, 't2', 404) },
  { name: 'is not audio (text/plain with 200)', breakTrack: (page: Page) => serveGarbageTrack(page, 't2') },
];

for (const fault of trackFaults) {
  test(`a track that ${fault.name} is reported by name and playback moves on to the next queued track`, async ({ page }) => {
    await fault.breakTrack(page);
    await openPlayer(page);

    await page.getByRole('button', { name: 'Add Paper Lanterns to queue' }).click();
    await page.getByRole('button', { name: 'Add Low Tide to queue' }).click();
    await expect(queueTitles(page)).toHaveText(['Paper Lanterns', 'Low Tide']);

    await page.getByRole('button', { name: 'Play Neon Avenue', exact: true }).click();

    await expect(alerts(page)).toHaveCount(1);
    await expect(alerts(page)).toContainText('Neon Avenue');
    await expect(nowPlaying(page)).toContainText('Paper Lanterns');
    await expectSounding(page);
    expect((await audioOf(page)).src).toContain('audio/t3.mp3');
    await expect(soundStatus(page)).toHaveText('Playing in this tab');
    // Only the entry that was played left the queue.
    await expect(queueTitles(page)).toHaveText(['Low Tide']);
    // The track that did play is not reported.
    await expect(alerts(page)).not.toContainText('Paper Lanterns');
  });
}

test('when every track fails (Repeat: all, a host that is down), playback stops after three instead of skipping for ever', async ({
  page,
}) => {
  for (const trackId of ['t1', 't2', 't3', 't4', 't5', 't6']) await failTrack(page, trackId);
  await openPlayer(page);
  await page.getByRole('button', { name: 'Add Paper Lanterns to queue' }).click();
  await page.getByRole('button', { name: 'Repeat: off' }).click();
  await expect(page.getByRole('button', { name: 'Repeat: all' })).toBeVisible();

  await page.getByRole('button', { name: 'Play Neon Avenue', exact: true }).click();

  await expect(alerts(page).filter({ hasText: 'in a row' })).toContainText('Playback stopped: 3 tracks in a row could not be played');
  await expect(soundStatus(page)).toHaveText('Paused');
  // One more change, waited for: had the player gone on trying tracks after it paused, the log of
  // committed changes would show it (a skip, a play) between that pause and this change.
  await page.getByRole('button', { name: 'Repeat: all' }).click();
  await expect(page.getByRole('button', { name: 'Repeat: one' })).toBeVisible();
  const log = await readEventLog(page);
  const pausedAt = log.map((event) => event.actions.includes('pause')).lastIndexOf(true);
  expect(pausedAt, 'the player paused').toBeGreaterThanOrEqual(0);
  const since = log.slice(pausedAt + 1).flatMap((event) => event.actions);
  expect(since.filter((action) => action !== 'checkpoint')).toEqual(['setRepeat']);
  // Tried: Neon Avenue, Paper Lanterns, and Neon Avenue again as Repeat: all came round, each alert saying
  // what came next; then the one that says why playback stopped. Then nothing more is tried.
  await expect(alerts(page)).toHaveCount(4);
  await expect(alerts(page).nth(0)).toContainText('Neon Avenue');
  await expect(alerts(page).nth(0)).toContainText('Skipped to the next track.');
  await expect(alerts(page).nth(1)).toContainText('Paper Lanterns');
  await expect(alerts(page).nth(2)).toContainText('Neon Avenue');
  await expect(alerts(page).nth(2)).toContainText('Playback stopped.');
  await expect(soundStatus(page)).toHaveText('Paused');
});

const brokenCatalogs = [
  { name: 'a track without a title', body: '{"tracks": [{"id": "t1"}]}', says: [/library\.json/, /title/] },
  { name: 'text that is not JSON', body: 'not json{', says: [/library\.json/, /not valid JSON/i] },
];

for (const broken of brokenCatalogs) {
  test(`a catalog with ${broken.name} is reported, and the saved session is left as it was`, async ({ page }) => {
    await openPlayer(page);
    await page.getByRole('button', { name: 'Play Low Tide', exact: true }).click();
    await page.getByRole('button', { name: 'Add Kite Season to queue' }).click();
    await page.getByRole('button', { name: 'Add Morning Drift to queue' }).click();
    await expectSounding(page);
    await expect(queueTitles(page)).toHaveText(['Kite Season', 'Morning Drift']);

    await serveCatalog(page, broken.body);
    await page.reload();
    await expect(alerts(page)).toHaveCount(1);
    for (const text of broken.says) await expect(alerts(page)).toContainText(text);
    expect((await audioOf(page)).playing).toBe(false);

    await restoreCatalog(page);
    await openPlayer(page);
    await expect(alerts(page)).toHaveCount(0);
    await expect(nowPlaying(page)).toContainText('Low Tide');
    await expect(queueTitles(page)).toHaveText(['Kite Season', 'Morning Drift']);
  });
}

test('a missing catalog (HTTP 404) is reported with its status', async ({ page }) => {
  await failCatalog(page, 404);
  await page.goto('./');
  await expect(alerts(page)).toHaveCount(1);
  await expect(alerts(page)).toContainText('library.json');
  await expect(alerts(page)).toContainText('HTTP 404');
});
