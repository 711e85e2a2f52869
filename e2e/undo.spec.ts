import { expect, test } from '@playwright/test';
import { openPlayer, queueTitles } from './support/player';

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
