import { expect, type Page, test } from '@playwright/test';
import { waitForSavedPosition } from './support/faults';
import { audioOf, elapsedSeconds, expectSilent, expectSounding, openPlayer, soundStatus } from './support/player';

async function soundingTabs(pages: Page[]): Promise<number> {
  const snapshots = await Promise.all(pages.map(audioOf));
  for (const snapshot of snapshots) expect(snapshot.count).toBe(1);
  return snapshots.filter((snapshot) => snapshot.playing).length;
}

test('with three tabs, sound comes from exactly one, and Play here moves it', async ({ context }) => {
  const tabs = [await context.newPage(), await context.newPage(), await context.newPage()];
  for (const tab of tabs) await openPlayer(tab);
  const [a, b, c] = tabs as [Page, Page, Page];

  await a.getByRole('button', { name: 'Play Kite Season', exact: true }).click();
  await expectSounding(a);
  for (const tab of [b, c]) await expect(tab.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  expect(await soundingTabs(tabs)).toBe(1);

  await b.getByRole('button', { name: 'Play here' }).click();
  await expectSounding(b);
  await expectSilent(a);
  await expect(soundStatus(a)).toHaveText('Playing in another tab');
  await expect(soundStatus(b)).toHaveText('Playing in this tab');
  expect(await soundingTabs(tabs)).toBe(1);

  // Pausing from a remote tab pauses the sound where it is; every tab reads Play again.
  await c.getByRole('button', { name: 'Pause', exact: true }).click();
  await expectSilent(b);
  for (const tab of tabs) await expect(soundStatus(tab)).toHaveText('Paused');
  expect(await soundingTabs(tabs)).toBe(0);

  // Play from a third tab takes the sound there.
  await c.getByRole('button', { name: 'Play', exact: true }).click();
  await expectSounding(c);
  expect(await soundingTabs(tabs)).toBe(1);
});

test('a remote update never starts sound in a tab that does not own it', async ({ context }) => {
  const [a, b] = [await context.newPage(), await context.newPage()];
  await openPlayer(a);
  await openPlayer(b);

  await a.getByRole('button', { name: 'Play Low Tide', exact: true }).click();
  await expectSounding(a);
  await b.getByRole('button', { name: 'Play Static Bloom next' }).click();
  await b.getByRole('button', { name: 'Next', exact: true }).click();

  await expectSounding(a);
  expect((await audioOf(b)).playing).toBe(false);
  expect((await audioOf(a)).src).toContain('t6');
});

test('closing the tab that plays leaves the others paused at its position, and play continues from there', async ({ context }) => {
  const [a, b] = [await context.newPage(), await context.newPage()];
  await openPlayer(a);
  await openPlayer(b);
  await a.getByRole('button', { name: 'Play Paper Lanterns', exact: true }).click();
  await expectSounding(a);
  // A plays on until it has saved a position of 2 s or more: its checkpoints are being written.
  await waitForSavedPosition(a, 2);
  const lastHeard = (await audioOf(a)).currentTime;
  const heardAt = Date.now();

  await a.close();
  // A plays on until it is gone, and saves where it stopped as it goes: later than lastHeard by as long.
  const playedOn = (Date.now() - heardAt) / 1000;

  await expect(soundStatus(b)).toHaveText('Paused');
  const shown = await elapsedSeconds(b);
  // Whole seconds shown; at worst the checkpoint before the last one is what was saved.
  expect(shown).toBeGreaterThanOrEqual(lastHeard - 1.5);
  expect(shown).toBeLessThanOrEqual(lastHeard + playedOn + 0.25);
  await b.getByRole('button', { name: 'Play', exact: true }).click();
  await expectSounding(b);
  expect((await audioOf(b)).currentTime).toBeGreaterThanOrEqual(shown - 1);
});

/**
 * Starts writing down, in the page, when its audio element starts sounding (`playing`) and stops (`pause`,
 * `waiting`, `emptied`, `ended`), each at the event's own time on a clock every page shares: the time
 * origin plus the event's timeStamp, in milliseconds since the epoch.
 */
async function recordSound(page: Page): Promise<void> {
  await page.evaluate(() => {
    const root = document.querySelector('mediastream-app')?.shadowRoot;
    const audio = [...document.querySelectorAll('audio'), ...(root?.querySelectorAll('audio') ?? [])][0];
    if (!audio) throw new Error('no audio element');
    const log: { t: number; sounding: boolean }[] = [];
    (window as unknown as { soundLog: typeof log }).soundLog = log;
    if (!audio.paused && audio.readyState > 2) log.push({ t: performance.timeOrigin + performance.now(), sounding: true });
    audio.addEventListener('playing', (event) => log.push({ t: performance.timeOrigin + event.timeStamp, sounding: true }));
    for (const type of ['pause', 'waiting', 'emptied', 'ended']) {
      audio.addEventListener(type, (event) => log.push({ t: performance.timeOrigin + event.timeStamp, sounding: false }));
    }
  });
}

/** The spans of time, [start, end], in which the page's audio sounded; one still sounding ends at `now`. */
async function soundSpans(page: Page, now: number): Promise<[number, number][]> {
  const log = await page.evaluate(() => (window as unknown as { soundLog: { t: number; sounding: boolean }[] }).soundLog);
  const spans: [number, number][] = [];
  let start: number | null = null;
  for (const { t, sounding } of log) {
    if (sounding && start === null) start = t;
    else if (!sounding && start !== null) {
      spans.push([start, t]);
      start = null;
    }
  }
  if (start !== null) spans.push([start, now]);
  return spans;
}

/** Each stretch of time in which both pages sounded at once, in milliseconds. */
function overlaps(a: [number, number][], b: [number, number][]): number[] {
  const found: number[] = [];
  for (const [aStart, aEnd] of a) {
    for (const [bStart, bEnd] of b) {
      const both = Math.min(aEnd, bEnd) - Math.max(aStart, bStart);
      if (both > 0) found.push(Math.round(both * 10) / 10);
    }
  }
  return found;
}

test('Play here pressed again and again in two tabs: the tab losing the sound is silent before the other starts', async ({ context }) => {
  const [a, b] = [await context.newPage(), await context.newPage()];
  await openPlayer(a);
  await openPlayer(b);
  await a.getByRole('button', { name: 'Play Kite Season', exact: true }).click();
  await expectSounding(a);
  await recordSound(a);
  await recordSound(b);

  // Twenty presses 60 ms apart, alternating between the tabs, where Play here is (both tabs lay it out in
  // the same place), whether or not the tab shows it yet: as fast as a person with two windows can click.
  const box = await b.getByRole('button', { name: 'Play here' }).boundingBox();
  if (!box) throw new Error('Play here is not on screen');
  const presses = 20;
  const started = Date.now();
  for (let i = 0; i < presses; i++) {
    const tab = i % 2 === 0 ? b : a;
    const wait = started + i * 60 - Date.now();
    if (wait > 0) await tab.waitForTimeout(wait);
    await tab.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  }
  // However the presses fell (one that came before the tab showed Play here did nothing), the sound
  // settles in one tab, both tabs say which, and that tab is the one that sounds.
  const settled = async () => {
    const [aSays, bSays] = [await soundStatus(a).textContent(), await soundStatus(b).textContent()];
    const [aSounds, bSounds] = [(await audioOf(a)).playing, (await audioOf(b)).playing];
    if (aSays === 'Playing in this tab' && bSays === 'Playing in another tab' && aSounds && !bSounds) return 'A';
    if (bSays === 'Playing in this tab' && aSays === 'Playing in another tab' && bSounds && !aSounds) return 'B';
    return `A: ${aSays}${aSounds ? ', sounding' : ''}; B: ${bSays}${bSounds ? ', sounding' : ''}`;
  };
  await expect.poll(settled, { message: 'one tab sounds, and both tabs say which' }).toMatch(/^[AB]$/);
  const [owner, other] = (await settled()) === 'A' ? [a, b] : [b, a];
  await expectSounding(owner);
  await expectSilent(other);

  const now = await a.evaluate(() => performance.timeOrigin + performance.now());
  const [aSpans, bSpans] = [await soundSpans(a, now), await soundSpans(b, now)];
  test.info().annotations.push({ type: 'sound spans', description: `A ${aSpans.length}, B ${bSpans.length}` });
  // The presses did move the sound back and forth (each tab started sounding several times)...
  expect(aSpans.length).toBeGreaterThanOrEqual(2);
  expect(bSpans.length).toBeGreaterThanOrEqual(2);
  // ...and never did both tabs sound at once.
  expect(overlaps(aSpans, bSpans), 'milliseconds in which both tabs sounded').toEqual([]);
});
