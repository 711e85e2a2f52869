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

  await a.close();

  await expect(soundStatus(b)).toHaveText('Paused');
  const shown = await elapsedSeconds(b);
  expect(Math.abs(shown - lastHeard)).toBeLessThanOrEqual(1.5);
  await b.getByRole('button', { name: 'Play', exact: true }).click();
  await expectSounding(b);
  expect((await audioOf(b)).currentTime).toBeGreaterThanOrEqual(shown - 1);
});
