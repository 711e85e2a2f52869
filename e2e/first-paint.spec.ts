import { expect, type Page, test } from '@playwright/test';
import { libraryList, numberedTracks, queueList, seedQueue, serveCatalog } from './support/catalogs';
import { type LayoutShift, recordLayoutShifts } from './support/layout-shifts';
import { nowPlaying, openPlayer } from './support/player';

// The chunk held back below is fetched from the network, not from a service worker's cache.
test.use({ serviceWorkers: 'block' });

/** Long enough that the library and the queue are virtualized (PLAIN_LIST_LIMIT is 200). */
const LIBRARY = numberedTracks(1000);
const QUEUE = LIBRARY.slice(100, 400).map((track) => track.id);

/** The layout shifts so far, once two more frames have rendered (a shift is reported after its frame). */
async function layoutShifts(page: Page): Promise<LayoutShift[]> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return page.evaluate(() => (window as unknown as { layoutShifts: LayoutShift[] }).layoutShifts);
}

/** Holds back the chunk of everything shown after the first paint (the library panel, the queue) until released. */
async function holdPanels(page: Page): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/assets/after-first-paint-*.js', async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

for (const width of [390, 900, 1280]) {
  test(`at ${width} px the restored session paints without the library's and queue's code, and their arrival moves nothing`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    await serveCatalog(page, LIBRARY);
    await page.addInitScript(recordLayoutShifts);
    await openPlayer(page);
    await page.getByRole('button', { name: 'Play Track 0005', exact: true }).click();
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
    await seedQueue(page, QUEUE);

    const release = await holdPanels(page);
    await page.reload();

    // The first paint: the session from the entry's code alone, the panels' boxes empty.
    await expect(nowPlaying(page)).toContainText('Track 0005');
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
    await expect(page.getByRole('slider', { name: 'Seek' })).toBeVisible();
    await expect(libraryList(page)).toHaveCount(0);
    await expect(queueList(page)).toHaveCount(0);

    release();
    await expect(libraryList(page).getByRole('listitem').first()).toBeVisible();
    // In one column the queue is below the fold: a virtualized list renders the rows it shows.
    await queueList(page).scrollIntoViewIfNeeded();
    await expect(queueList(page).getByRole('listitem').first()).toContainText('Track 0101');
    await expect(page.getByRole('link', { name: 'Albums' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Add music' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Playback speed' })).toBeVisible();

    expect(await layoutShifts(page)).toEqual([]);
  });
}

test('a new visitor’s first load moves nothing as the library and the queue arrive', async ({ page }) => {
  await page.addInitScript(recordLayoutShifts);

  await openPlayer(page);
  await expect(page.getByRole('button', { name: 'Add music' })).toBeVisible();
  await expect(page.getByText('The queue is empty. Add tracks from the library.')).toBeVisible();

  expect(await layoutShifts(page)).toEqual([]);
});

/**
 * Keeps the queue's entries from being read: another page of the origin holds a readwrite transaction on
 * `queue_entries` open (IndexedDB runs a transaction that reads it only after that one ends). The saved
 * record, in its own store, can still be read. Resolves once the transaction is open; the function it
 * gives ends it.
 */
async function holdQueueEntries(holder: Page): Promise<() => Promise<void>> {
  await holder.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('mediastream');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('queue_entries', 'readwrite');
          const store = tx.objectStore('queue_entries');
          // A transaction stays open while it has requests: one after another until told to stop.
          const keepOpen = () => {
            store.count().onsuccess = () => {
              if (!(window as unknown as { releaseQueue?: boolean }).releaseQueue) keepOpen();
            };
          };
          keepOpen();
          resolve();
        };
      }),
  );
  return async () => {
    await holder.evaluate(() => ((window as unknown as { releaseQueue: boolean }).releaseQueue = true));
  };
}

test('a restored session’s now playing paints before its queue is read, and what is pressed meanwhile is done once it is', async ({
  page,
  context,
}) => {
  await serveCatalog(page, LIBRARY);
  await openPlayer(page);
  await page.getByRole('button', { name: 'Play Track 0005', exact: true }).click();
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await seedQueue(page, QUEUE);
  const holder = await context.newPage();
  await holder.goto('./library.json');
  const release = await holdQueueEntries(holder);

  await page.reload();

  // The saved record alone: the track and the transport, while the queue's entries cannot be read yet.
  await expect(nowPlaying(page)).toContainText('Track 0005');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(queueList(page)).toHaveCount(0);

  await release();
  await queueList(page).scrollIntoViewIfNeeded();
  await expect(queueList(page).getByRole('listitem').first()).toContainText('Track 0101');
  // The press was kept, and done on the whole session.
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(queueList(page).getByRole('listitem')).not.toHaveCount(0);
});
