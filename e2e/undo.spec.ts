import { expect, test } from '@playwright/test';
import { nowPlaying, openPlayer, queueTitles } from './support/player';

test('a removed queue entry comes back with Undo (and keyboard), in every tab; Redo removes it again', async ({ context }) => {
  const [a, b] = [await context.newPage(), await context.newPage()];
  await openPlayer(a);
  await openPlayer(b);
  for (const title of ['Morning Drift', 'Neon Avenue', 'Paper Lanterns']) {
    await a.getByRole('button', { name: `Add ${title} to queue` }).click();
  }
  await expect(queueTitles(b)).toHaveText(['Morning Drift', 'Neon Avenue', 'Paper Lanterns']);
  await expect(a.getByRole('button', { name: 'Undo queue change' })).toBeEnabled();

  await a.getByRole('button', { name: 'Remove Neon Avenue from queue' }).click();
  await expect(queueTitles(b)).toHaveText(['Morning Drift', 'Paper Lanterns']);
  await a.getByRole('button', { name: 'Undo queue change' }).click();

  await expect(queueTitles(a)).toHaveText(['Morning Drift', 'Neon Avenue', 'Paper Lanterns']);
  await expect(queueTitles(b)).toHaveText(['Morning Drift', 'Neon Avenue', 'Paper Lanterns']);

  await a.getByRole('button', { name: 'Redo queue change' }).click();
  await expect(queueTitles(b)).toHaveText(['Morning Drift', 'Paper Lanterns']);

  // The keyboard does the same, from anywhere but a text field.
  await a.locator('body').click({ position: { x: 5, y: 5 } });
  await a.keyboard.press('Control+z');
  await expect(queueTitles(b)).toHaveText(['Morning Drift', 'Neon Avenue', 'Paper Lanterns']);
  await a.keyboard.press('Control+Shift+z');
  await expect(queueTitles(b)).toHaveText(['Morning Drift', 'Paper Lanterns']);
});

test('Clear queue can be undone', async ({ page }) => {
  await openPlayer(page);
  await page.getByRole('button', { name: 'Add Low Tide to queue' }).click();
  await page.getByRole('button', { name: 'Add Kite Season to queue' }).click();
  await expect(queueTitles(page)).toHaveText(['Low Tide', 'Kite Season']);

  await page.getByRole('button', { name: 'Clear queue' }).click();
  await expect(queueTitles(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo queue change' }).click();

  await expect(queueTitles(page)).toHaveText(['Low Tide', 'Kite Season']);
});

test('undo of a shuffle after another tab played and removed entries: what remains goes back to its order, and Shuffle turns off', async ({
  context,
}) => {
  const [a, b] = [await context.newPage(), await context.newPage()];
  await openPlayer(a);
  await openPlayer(b);
  const added = ['Neon Avenue', 'Paper Lanterns', 'Low Tide', 'Kite Season', 'Static Bloom'];
  await a.getByRole('button', { name: 'Play Morning Drift', exact: true }).click();
  for (const title of added) await a.getByRole('button', { name: `Add ${title} to queue` }).click();
  await expect(queueTitles(b)).toHaveText(added);
  await a.getByRole('button', { name: 'Shuffle' }).click();
  await expect(b.getByRole('button', { name: 'Shuffle' })).toHaveAttribute('aria-pressed', 'true');
  const shuffled = await queueTitles(b).allTextContents();
  expect(shuffled).toHaveLength(5);
  await b.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(nowPlaying(b)).toContainText(shuffled[0]!);
  await b.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(nowPlaying(b)).toContainText(shuffled[1]!);
  await b.getByRole('button', { name: `Remove ${shuffled[2]} from queue` }).click();
  const remaining = shuffled.slice(3);
  await expect(queueTitles(a)).toHaveText(remaining);

  await a.getByRole('button', { name: 'Undo queue change' }).click();

  const inOrderBeforeShuffle = added.filter((title) => remaining.includes(title));
  for (const tab of [a, b]) {
    await expect(queueTitles(tab)).toHaveText(inOrderBeforeShuffle);
    await expect(tab.getByRole('button', { name: 'Shuffle' })).toHaveAttribute('aria-pressed', 'false');
    await expect(nowPlaying(tab)).toContainText(shuffled[1]!);
  }
});

test('an undo that can do nothing (another tab cleared the queue) says why, and changes nothing', async ({ context }) => {
  const [a, b] = [await context.newPage(), await context.newPage()];
  await openPlayer(a);
  await openPlayer(b);
  await a.getByRole('button', { name: 'Add Low Tide to queue' }).click();
  await a.getByRole('button', { name: 'Add Kite Season to queue' }).click();
  await expect(queueTitles(b)).toHaveText(['Low Tide', 'Kite Season']);
  await b.getByRole('button', { name: 'Clear queue' }).click();
  await expect(queueTitles(a)).toHaveCount(0);

  await a.getByRole('button', { name: 'Undo queue change' }).click();

  await expect(a.getByRole('alert').filter({ hasText: 'Nothing to undo' })).toContainText('changed since');
  await expect(queueTitles(a)).toHaveCount(0);
  await expect(queueTitles(b)).toHaveCount(0);
});
