/**
 * Sync across devices with the real server (npm run sync-server's code, started here on 127.0.0.1 with a
 * temporary data folder): two browser contexts are two devices, each through a TCP proxy it can cut.
 */

import { expect, test } from '@playwright/test';
import { type SyncServerFolder, type SyncServerProcess, syncServerFolder } from '../tests/support/sync-server';
import { addFilesThroughChooser, importResult, type MusicFolder, musicFolder, song } from './support/music-folders';
import { audioOf, expectSilent, expectSounding, nowPlaying, openPlayer, queueTitles } from './support/player';
import { closeSyncDialog, connectDevice, type Device, newDevice, syncDialog, syncStatus, TcpProxy } from './support/sync';

const TOKENS = { 'token-of-alice': 'alice', 'token-of-bob': 'bob' };

let folder: SyncServerFolder;
let server: SyncServerProcess;
const devices: Device[] = [];

test.beforeEach(async () => {
  folder = await syncServerFolder(TOKENS);
  server = await folder.start();
});

test.afterEach(async () => {
  for (const device of devices.splice(0)) {
    await device.context.close();
    await device.proxy.close();
  }
  await folder.dispose();
});

async function device(browser: import('@playwright/test').Browser): Promise<Device> {
  const made = await newDevice(browser, server.port);
  devices.push(made);
  return made;
}

async function addToQueue(page: import('@playwright/test').Page, title: string): Promise<void> {
  const before = await queueTitles(page).count();
  await page.getByRole('button', { name: `Add ${title} to queue` }).click();
  await expect(queueTitles(page)).toHaveCount(before + 1);
}

test('two devices connect, and a queue edit on one shows on the other', async ({ browser }) => {
  const a = await device(browser);
  const b = await device(browser);
  await connectDevice(a.page, a.proxy.url, 'token-of-alice', 'Laptop');
  await expect(syncStatus(a.page)).toHaveText('Connected');
  await connectDevice(b.page, b.proxy.url, 'token-of-alice', 'Phone');
  await expect(syncStatus(b.page)).toHaveText('Connected');
  await closeSyncDialog(a.page);
  await closeSyncDialog(b.page);

  await addToQueue(a.page, 'Morning Drift');
  await addToQueue(a.page, 'Neon Avenue');
  await expect(queueTitles(b.page)).toHaveText(['Morning Drift', 'Neon Avenue']);
  await addToQueue(b.page, 'Paper Lanterns');
  await expect(queueTitles(a.page)).toHaveText(['Morning Drift', 'Neon Avenue', 'Paper Lanterns']);
  await b.page.getByRole('button', { name: 'Remove Morning Drift from queue' }).click();
  await expect(queueTitles(a.page)).toHaveText(['Neon Avenue', 'Paper Lanterns']);

  // After a reload the settings are still there and it connects again by itself.
  await a.page.reload();
  await expect(queueTitles(a.page)).toHaveText(['Neon Avenue', 'Paper Lanterns']);
  await a.page.getByRole('button', { name: 'Sync across devices' }).click();
  await expect(syncStatus(a.page)).toHaveText('Connected');
  await expect(syncDialog(a.page).getByRole('textbox', { name: 'Device name' })).toHaveValue('Laptop');

  // Disconnect: off here and after a reload, with no socket opened then.
  await syncDialog(a.page).getByRole('button', { name: 'Disconnect' }).click();
  await expect(syncStatus(a.page)).toHaveText('Sync is off');
  const sockets: string[] = [];
  a.page.on('websocket', (socket) => sockets.push(socket.url()));
  await a.page.reload();
  await expect(queueTitles(a.page)).toHaveText(['Neon Avenue', 'Paper Lanterns']);
  await a.page.waitForLoadState('networkidle');
  expect(sockets).toEqual([]);
});

test('a wrong token reads Sign-in refused, and the server writes nothing', async ({ browser }) => {
  const a = await device(browser);
  await a.page.getByRole('button', { name: 'Add Morning Drift to queue' }).click();
  await connectDevice(a.page, a.proxy.url, 'not-a-token', 'Laptop');
  await expect(syncStatus(a.page)).toHaveText('Sign-in refused');
  expect(await server.kill('SIGTERM')).toBe(0);
  const { readdir } = await import('node:fs/promises');
  expect((await readdir(folder.dataDir)).filter((name) => name.endsWith('.ydoc'))).toEqual([]);
});

test('the server address is checked, with a message that says what is wrong', async ({ browser }) => {
  const a = await device(browser);
  await connectDevice(a.page, 'http://example.com', 'token-of-alice', 'Laptop');
  await expect(syncDialog(a.page).getByRole('alert')).toContainText('must start with wss://');
  await connectDevice(a.page, 'ws://sync.example.com', 'token-of-alice', 'Laptop');
  await expect(syncDialog(a.page).getByRole('alert')).toContainText('Use wss://');
  await expect(syncStatus(a.page)).toHaveText('Sync is off');
  // The page's own policy: TLS sockets anywhere, plain ws: only to this computer.
  const policy = (await a.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
  expect(policy).toMatch(/connect-src 'self' https: wss: ws:\/\/127\.0\.0\.1:\* ws:\/\/localhost:\*(;|$)/);
  expect(await refusedSocket(a.page, 'ws://192.0.2.1:1234/')).toMatch(/^connect-src ws:\/\/192\.0\.2\.1:1234/);
});

/** Opens a socket to `url` in the page and resolves with the policy violation it causes. */
function refusedSocket(page: import('@playwright/test').Page, url: string): Promise<string> {
  return page.evaluate(
    (target) =>
      new Promise<string>((resolve) => {
        document.addEventListener('securitypolicyviolation', (event) => resolve(`${event.effectiveDirective} ${event.blockedURI}`), {
          once: true,
        });
        new WebSocket(target);
      }),
    url,
  );
}

test('once a server is configured the page can reach it alone; another address reloads the tab, which then names only that one', async ({
  browser,
}) => {
  const a = await device(browser);
  const secondRoute = await TcpProxy.start(server.port);
  try {
    await connectDevice(a.page, a.proxy.url, 'token-of-alice', 'Laptop');
    await expect(syncStatus(a.page)).toHaveText('Connected');
    const policies = a.page.locator('meta[http-equiv="Content-Security-Policy"]');
    await expect(policies).toHaveCount(2);
    // The demo catalog's audio is on this origin: 'self' covers it, and the server is the one other source.
    await expect(policies.nth(1)).toHaveAttribute('content', `connect-src 'self' ${a.proxy.url}`);
    expect(await refusedSocket(a.page, `${secondRoute.url}/`)).toBe(`connect-src ${secondRoute.url}/`);
    expect(await refusedSocket(a.page, 'wss://sync.example.com/')).toBe('connect-src wss://sync.example.com/');

    const reloaded = a.page.waitForEvent('load');
    await connectDevice(a.page, secondRoute.url, 'token-of-alice', 'Laptop');
    await reloaded;
    await a.page.getByRole('button', { name: 'Sync across devices' }).click();
    await expect(syncStatus(a.page)).toHaveText('Connected');
    await expect(policies.nth(1)).toHaveAttribute('content', `connect-src 'self' ${secondRoute.url}`);
    expect(await refusedSocket(a.page, `${a.proxy.url}/`)).toBe(`connect-src ${a.proxy.url}/`);
    expect(secondRoute.open).toBeGreaterThan(0);
  } finally {
    await secondRoute.close();
  }
});

test('a tab open when the address changed leaves the socket to the reloaded tab, and shows its status', async ({ browser }) => {
  const a = await device(browser);
  const secondRoute = await TcpProxy.start(server.port);
  try {
    await connectDevice(a.page, a.proxy.url, 'token-of-alice', 'Laptop');
    await expect(syncStatus(a.page)).toHaveText('Connected');
    const sibling = await a.context.newPage();
    await openPlayer(sibling);
    await sibling.getByRole('button', { name: 'Sync across devices' }).click();
    await expect(syncStatus(sibling)).toHaveText('Connected');

    const reloaded = a.page.waitForEvent('load');
    await connectDevice(a.page, secondRoute.url, 'token-of-alice', 'Laptop');
    await reloaded;

    // The sibling's policy names the first address: it cannot take the socket, and it does not try.
    await a.page.getByRole('button', { name: 'Sync across devices' }).click();
    await expect(syncStatus(a.page)).toHaveText('Connected');
    await expect(syncStatus(sibling)).toHaveText('Connected');
    // The edit goes out through the reloaded tab's socket, on the new route; nothing uses the old one.
    await closeSyncDialog(sibling);
    const [oldRouteBytes, newRouteBytes] = [a.proxy.bytesUp, secondRoute.bytesUp];
    await addToQueue(sibling, 'Morning Drift');
    await expect.poll(() => secondRoute.bytesUp).toBeGreaterThan(newRouteBytes);
    expect(a.proxy.bytesUp).toBe(oldRouteBytes);
  } finally {
    await secondRoute.close();
  }
});

test('with sync off, no WebSocket is opened and no sync code is requested', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const sockets: string[] = [];
  const scripts: string[] = [];
  page.on('websocket', (socket) => sockets.push(socket.url()));
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  try {
    await page.goto('./');
    await expect(page.getByRole('list', { name: 'Library' }).getByRole('listitem').first()).toBeVisible();
    await page.getByRole('button', { name: 'Add Morning Drift to queue' }).click();
    await expect(queueTitles(page)).toHaveText(['Morning Drift']);
    // Everything the page loads after its first paint has loaded once the service worker controls it.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForLoadState('networkidle');
    expect(sockets).toEqual([]);
    const syncChunks = scripts.filter((url) => /bridge|remote-sync|yjs|hocuspocus/i.test(url));
    expect(syncChunks).toEqual([]);
  } finally {
    await context.close();
  }
});

async function twoConnectedDevices(browser: import('@playwright/test').Browser): Promise<[Device, Device]> {
  const a = await device(browser);
  const b = await device(browser);
  await connectDevice(a.page, a.proxy.url, 'token-of-alice', 'Laptop');
  await expect(syncStatus(a.page)).toHaveText('Connected');
  await connectDevice(b.page, b.proxy.url, 'token-of-alice', 'Phone');
  await expect(syncStatus(b.page)).toHaveText('Connected');
  await closeSyncDialog(a.page);
  await closeSyncDialog(b.page);
  return [a, b];
}

/** Where the audio element is when it next fires `event` ('pause' or 'playing'), in seconds. */
function positionAtNext(page: import('@playwright/test').Page, event: 'pause' | 'playing'): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve) => {
        const audio = document.querySelector('mediastream-app')!.shadowRoot!.querySelector('audio')!;
        audio.addEventListener(name, () => resolve(audio.currentTime), { once: true });
      }),
    event,
  );
}

function whereSound(page: import('@playwright/test').Page) {
  return page.getByRole('status').filter({ hasText: /^(Playing in this tab|Playing in another tab|Playing on .+|Paused)$/ });
}

test('Play here moves the sound A → B and back: the other falls silent, and it goes on within 0.25 s of where it was', async ({
  browser,
}) => {
  const [a, b] = await twoConnectedDevices(browser);
  await a.page.getByRole('button', { name: 'Play Morning Drift', exact: true }).click();
  await expectSounding(a.page);
  await expect(whereSound(b.page)).toHaveText('Playing on Laptop');
  await expect(nowPlaying(b.page)).toContainText('Morning Drift');
  await expectSilent(b.page);

  for (const [from, to, toName] of [
    [a, b, 'Phone'],
    [b, a, 'Laptop'],
  ] as const) {
    // Let some of the track play, so that the place matters.
    await expect.poll(async () => (await audioOf(from.page)).currentTime).toBeGreaterThan((await audioOf(from.page)).currentTime + 1.5);
    const stopped = positionAtNext(from.page, 'pause');
    const started = positionAtNext(to.page, 'playing');
    await to.page.getByRole('button', { name: 'Play here' }).click();
    const [stoppedAt, startedAt] = await Promise.all([stopped, started]);
    expect(Math.abs(startedAt - stoppedAt)).toBeLessThanOrEqual(0.25);
    await expectSounding(to.page);
    await expectSilent(from.page);
    await expect(whereSound(from.page)).toHaveText(`Playing on ${toName}`);
    await expect(whereSound(to.page)).toHaveText('Playing in this tab');
  }
});

test('a command from a remote runs once on the playing device, with three tabs open there', async ({ browser }) => {
  const [a, b] = await twoConnectedDevices(browser);
  const more = [await a.context.newPage(), await a.context.newPage()];
  for (const page of more) await openPlayer(page);
  await a.page.bringToFront();
  await addToQueue(a.page, 'Neon Avenue');
  await addToQueue(a.page, 'Paper Lanterns');
  await a.page.getByRole('button', { name: 'Play Morning Drift', exact: true }).click();
  await expectSounding(a.page);
  await expect(whereSound(b.page)).toHaveText('Playing on Laptop');
  await expect(queueTitles(b.page)).toHaveText(['Neon Avenue', 'Paper Lanterns']);

  // Next on the phone: the laptop moves on by exactly one track.
  await b.page.getByRole('button', { name: 'Next', exact: true }).click();
  for (const page of [a.page, ...more, b.page]) {
    await expect(nowPlaying(page)).toContainText('Neon Avenue');
    await expect(queueTitles(page)).toHaveText(['Paper Lanterns']);
  }
  await expectSounding(a.page);

  // Pause on the phone: the laptop pauses, and its event log has that pause once.
  await b.page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expectSilent(a.page);
  for (const page of [a.page, ...more]) await expect(whereSound(page)).toHaveText('Paused');
  await expect.poll(() => countActions(a.page, 'pause')).toBe(1);
  expect(await countActions(a.page, 'play')).toBe(2);
  for (const page of [a.page, ...more]) expect((await audioOf(page)).count).toBe(1);
});

/** How many committed events of this device included an action of this type (its event log). */
function countActions(page: import('@playwright/test').Page, type: string): Promise<number> {
  return page.evaluate(
    (wanted) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('mediastream');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('events').objectStore('events').getAll();
          all.onsuccess = () => {
            const events = all.result as { data?: { actions?: string[] } }[];
            resolve(events.filter((event) => event.data?.actions?.includes(wanted)).length);
            open.result.close();
          };
        };
      }),
    type,
  );
}

async function expectStatus(page: import('@playwright/test').Page, text: string): Promise<void> {
  await page.getByRole('button', { name: 'Sync across devices' }).click();
  await expect(syncStatus(page)).toHaveText(text);
  await closeSyncDialog(page);
}

test('both devices offline: 20 adds each at the same spot and a move against a remove; a reload offline keeps the edits; after reconnecting, identical queues with every add kept and the removed entry gone', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const [a, b] = await twoConnectedDevices(browser);
  for (const title of ['Morning Drift', 'Neon Avenue', 'Paper Lanterns']) await addToQueue(a.page, title);
  await expect(queueTitles(b.page)).toHaveText(['Morning Drift', 'Neon Avenue', 'Paper Lanterns']);

  a.proxy.cut();
  b.proxy.cut();
  await expectStatus(a.page, 'Offline — changes will sync');
  await expectStatus(b.page, 'Offline — changes will sync');
  const [fromA, fromB] = ['Low Tide', 'Kite Season'];
  for (let i = 0; i < 20; i++) {
    await addToQueue(a.page, fromA);
    await addToQueue(b.page, fromB);
  }
  // One moves Neon Avenue to the end of its queue, the other removes it.
  for (let i = 0; i < 21; i++) await a.page.getByRole('button', { name: 'Move Neon Avenue down' }).click();
  await expect(queueTitles(a.page).last()).toHaveText('Neon Avenue');
  await b.page.getByRole('button', { name: 'Remove Neon Avenue from queue' }).click();
  await expect(queueTitles(b.page)).toHaveCount(22);

  // A reload while offline: the edits wait in this browser.
  await a.page.reload();
  await expect(queueTitles(a.page)).toHaveCount(23);
  await expectStatus(a.page, 'Offline — changes will sync');

  a.proxy.restore();
  b.proxy.restore();
  await expectStatus(a.page, 'Connected');
  await expectStatus(b.page, 'Connected');
  await expect(queueTitles(a.page)).toHaveCount(42);
  await expect(queueTitles(b.page)).toHaveCount(42);
  const queueA = await queueTitles(a.page).allTextContents();
  await expect(queueTitles(b.page)).toHaveText(queueA);
  expect(queueA.filter((title) => title === fromA)).toHaveLength(20);
  expect(queueA.filter((title) => title === fromB)).toHaveLength(20);
  expect(queueA).not.toContain('Neon Avenue');
  expect(queueA.slice(0, 2)).toEqual(['Morning Drift', 'Paper Lanterns']);
});

test('the server killed and restarted on the same data folder: both devices converge within 2 s of its return', async ({ browser }) => {
  const [a, b] = await twoConnectedDevices(browser);
  await addToQueue(a.page, 'Morning Drift');
  await expect(queueTitles(b.page)).toHaveText(['Morning Drift']);
  // Written by the server (it writes 200 ms after a change) before it is killed.
  await expect.poll(async () => (await import('node:fs/promises')).readdir(folder.dataDir)).toHaveLength(1);

  expect(await server.kill('SIGKILL')).toBe(null);
  await expectStatus(a.page, 'Offline — changes will sync');
  await addToQueue(a.page, 'Neon Avenue');
  await addToQueue(b.page, 'Paper Lanterns');

  server = await folder.start({ port: server.port });
  const back = Date.now();
  await expect(queueTitles(a.page)).toHaveCount(3, { timeout: 2000 });
  await expect(queueTitles(b.page)).toHaveCount(3, { timeout: Math.max(1, 2000 - (Date.now() - back)) });
  const converged = Date.now() - back;
  expect(converged).toBeLessThanOrEqual(2000);
  await expect(queueTitles(b.page)).toHaveText(await queueTitles(a.page).allTextContents());
  expect(await queueTitles(a.page).allTextContents()).toEqual(expect.arrayContaining(['Morning Drift', 'Neon Avenue', 'Paper Lanterns']));
});

function queueRow(page: import('@playwright/test').Page, title: string) {
  return page.getByRole('list', { name: 'Queue' }).getByRole('listitem').filter({ hasText: title });
}

test('each device’s own music: a copy found by its tags plays there; a track the other lacks reads Not on this device, stays after a reload, and is skipped when playing reaches it', async ({
  browser,
}) => {
  const folders: MusicFolder[] = [
    musicFolder('Laptop music', {
      'harbour.mp3': song({ title: 'Harbour Lights', artist: 'The Quays', album: 'Tides' }, 20),
      'only.mp3': song({ title: 'Laptop Only', artist: 'Solo', album: 'Here' }, 20),
    }),
    // The same recording, tagged a little differently, on the phone.
    musicFolder('Phone music', { 'copy.mp3': song({ title: 'harbour lights', artist: 'THE QUAYS', album: 'Tides' }, 20) }),
  ];
  try {
    const [a, b] = await twoConnectedDevices(browser);
    await addFilesThroughChooser(a.page, [folders[0]!.file('only.mp3'), folders[0]!.file('harbour.mp3')]);
    await expect(importResult(a.page)).toHaveText(/^\s*Added 2 tracks\s*$/);
    await addFilesThroughChooser(b.page, [folders[1]!.file('copy.mp3')]);
    await expect(importResult(b.page)).toHaveText(/^\s*Added 1 track\s*$/);

    for (const title of ['Laptop Only', 'Harbour Lights', 'Morning Drift']) await addToQueue(a.page, title);
    await expect(queueTitles(b.page)).toHaveText(['Laptop Only', 'harbour lights', 'Morning Drift']);
    await expect(queueRow(b.page, 'Laptop Only')).toContainText('Not on this device');
    await expect(queueRow(b.page, 'harbour lights')).toContainText('THE QUAYS');
    await expect(queueRow(b.page, 'harbour lights')).not.toContainText('Not on this device');
    await expect(queueRow(a.page, 'Laptop Only')).not.toContainText('Not on this device');

    // Never dropped: after a reload the phone still holds it, and the laptop still has it queued.
    await b.page.reload();
    await expect(queueTitles(b.page)).toHaveText(['Laptop Only', 'harbour lights', 'Morning Drift']);
    await expect(queueRow(b.page, 'Laptop Only')).toContainText('Not on this device');
    await expect(queueTitles(a.page)).toHaveText(['Laptop Only', 'Harbour Lights', 'Morning Drift']);

    // Playing on the phone reaches it: skipped, and the phone plays its own copy of the next one.
    await b.page.getByRole('button', { name: 'Play Paper Lanterns', exact: true }).click();
    await expectSounding(b.page);
    await b.page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(
      b.page.getByText('Could not play “Laptop Only” by Solo: it is not on this device. Skipped to the next track.'),
    ).toBeVisible();
    await expect(nowPlaying(b.page)).toContainText('harbour lights');
    await expectSounding(b.page);
    await expect(queueTitles(b.page)).toHaveText(['Morning Drift']);
    // The laptop follows with its own copy.
    await expect(nowPlaying(a.page)).toContainText('Harbour Lights');
    await expect(queueTitles(a.page)).toHaveText(['Morning Drift']);
    await expectSilent(a.page);

    // The laptop plays its own track: the phone shows it, playing there; Play here on the phone skips it.
    await a.page.getByRole('button', { name: 'Play Laptop Only', exact: true }).click();
    await expectSounding(a.page);
    await expect(whereSound(b.page)).toHaveText('Playing on Laptop');
    await expect(nowPlaying(b.page)).toContainText('Laptop Only');
    await b.page.getByRole('button', { name: 'Play here' }).click();
    await expect(nowPlaying(b.page)).toContainText('Morning Drift');
    await expectSounding(b.page);
    await expectSilent(a.page);
    await expect(nowPlaying(a.page)).toContainText('Morning Drift');
  } finally {
    for (const folder of folders) folder.remove();
  }
});

function playlistTitles(page: import('@playwright/test').Page, name: string) {
  return page.getByRole('list', { name, exact: true }).getByRole('listitem').locator('.title');
}

async function openPlaylist(page: import('@playwright/test').Page, name: string): Promise<void> {
  await page.getByRole('link', { name: 'Playlists' }).click();
  await page.getByRole('link', { name: new RegExp(`^${name}`) }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
}

async function saveQueueAsPlaylist(page: import('@playwright/test').Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Save queue as playlist' }).click();
  await page.getByRole('textbox', { name: 'Playlist name' }).fill(name);
  await page.getByRole('button', { name: 'Create' }).click();
}

test('playlists: one made on A appears on B; made, reordered and removed from on both while offline, every change is kept on both', async ({
  browser,
}) => {
  const [a, b] = await twoConnectedDevices(browser);
  for (const title of ['Low Tide', 'Morning Drift', 'Kite Season']) await addToQueue(a.page, title);
  await saveQueueAsPlaylist(a.page, 'Road trip');
  await openPlaylist(b.page, 'Road trip');
  await expect(playlistTitles(b.page, 'Road trip')).toHaveText(['Low Tide', 'Morning Drift', 'Kite Season']);

  a.proxy.cut();
  b.proxy.cut();
  await expectStatus(a.page, 'Offline — changes will sync');
  await expectStatus(b.page, 'Offline — changes will sync');
  // Both add a playlist of their own; A moves an entry of Road trip while B removes another.
  await a.page.getByRole('button', { name: 'Clear queue' }).click();
  await expect(queueTitles(a.page)).toHaveCount(0);
  await addToQueue(a.page, 'Neon Avenue');
  await saveQueueAsPlaylist(a.page, 'From the laptop');
  await b.page.getByRole('link', { name: 'Songs' }).click();
  await b.page.getByRole('button', { name: 'Clear queue' }).click();
  await expect(queueTitles(b.page)).toHaveCount(0);
  await addToQueue(b.page, 'Paper Lanterns');
  await saveQueueAsPlaylist(b.page, 'From the phone');
  await openPlaylist(a.page, 'Road trip');
  await a.page.getByRole('button', { name: 'Move Kite Season up in playlist' }).click();
  await expect(playlistTitles(a.page, 'Road trip')).toHaveText(['Low Tide', 'Kite Season', 'Morning Drift']);
  await openPlaylist(b.page, 'Road trip');
  await b.page.getByRole('button', { name: 'Remove Low Tide from playlist' }).click();
  await expect(playlistTitles(b.page, 'Road trip')).toHaveText(['Morning Drift', 'Kite Season']);

  a.proxy.restore();
  b.proxy.restore();
  for (const device of [a, b]) {
    await expect(playlistTitles(device.page, 'Road trip')).toHaveText(['Kite Season', 'Morning Drift']);
    await openPlaylist(device.page, 'From the laptop');
    await expect(playlistTitles(device.page, 'From the laptop')).toHaveText(['Neon Avenue']);
    await openPlaylist(device.page, 'From the phone');
    await expect(playlistTitles(device.page, 'From the phone')).toHaveText(['Paper Lanterns']);
  }
});

test('a server that cannot read the document never wipes the device’s data: it keeps its queue and edits, and a good server gets them all back', async ({
  browser,
}) => {
  const { readFile, readdir, rm, writeFile } = await import('node:fs/promises');
  const path = await import('node:path');
  const a = await device(browser);
  await connectDevice(a.page, a.proxy.url, 'token-of-alice', 'Laptop');
  await expect(syncStatus(a.page)).toHaveText('Connected');
  await closeSyncDialog(a.page);
  await addToQueue(a.page, 'Morning Drift');
  await addToQueue(a.page, 'Neon Avenue');
  await expect.poll(() => readdir(folder.dataDir)).toHaveLength(1);

  // The server stops, and its file of this user's document is damaged while it is down.
  expect(await server.kill('SIGTERM')).toBe(0);
  const [name] = await readdir(folder.dataDir);
  const file = path.join(folder.dataDir, name!);
  const garbage = Buffer.from('not a Yjs document');
  await writeFile(file, garbage);
  server = await folder.start({ port: server.port });
  await server.printed(/could not load/);
  await expectStatus(a.page, 'Offline — changes will sync');
  await expect(queueTitles(a.page)).toHaveText(['Morning Drift', 'Neon Avenue']);
  await addToQueue(a.page, 'Paper Lanterns');
  await a.page.reload();
  await expect(queueTitles(a.page)).toHaveText(['Morning Drift', 'Neon Avenue', 'Paper Lanterns']);
  await expectStatus(a.page, 'Offline — changes will sync');
  expect(await server.kill('SIGTERM')).toBe(0);
  expect(await readFile(file)).toEqual(garbage);

  // The damaged file taken away: the device's copy fills the server again, and a new device gets it all.
  await rm(file);
  server = await folder.start({ port: server.port });
  await expectStatus(a.page, 'Connected');
  const b = await device(browser);
  await connectDevice(b.page, b.proxy.url, 'token-of-alice', 'Phone');
  await expect(syncStatus(b.page)).toHaveText('Connected');
  await closeSyncDialog(b.page);
  await expect(queueTitles(b.page)).toHaveText(['Morning Drift', 'Neon Avenue', 'Paper Lanterns']);
});
