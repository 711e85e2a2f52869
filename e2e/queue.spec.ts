import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { queueEntry, queueList, RowDrag } from './support/catalogs';
import { nowPlaying, openPlayer, queueTitles } from './support/player';

async function twoTabs(context: BrowserContext): Promise<[Page, Page]> {
  const a = await context.newPage();
  await openPlayer(a);
  const b = await context.newPage();
  await openPlayer(b);
  await a.bringToFront();
  return [a, b];
}

async function addToQueue(page: Page, ...titles: string[]): Promise<void> {
  for (const title of titles) {
    const before = await queueTitles(page).count();
    await page.getByRole('button', { name: `Add ${title} to queue` }).click();
    await expect(queueTitles(page)).toHaveCount(before + 1);
  }
}

async function expectQueue(pages: readonly Page[], titles: readonly string[]): Promise<void> {
  for (const page of pages) await expect(queueTitles(page)).toHaveText([...titles]);
}

test('two tabs adding at the same moment both keep their entry, in the same order everywhere', async ({ context }) => {
  const [a, b] = await twoTabs(context);

  await Promise.all([
    a.getByRole('button', { name: 'Add Morning Drift to queue' }).click(),
    b.getByRole('button', { name: 'Add Neon Avenue to queue' }).click(),
  ]);

  await expect(queueTitles(a)).toHaveCount(2);
  const order = await queueTitles(a).allTextContents();
  expect([...order].sort()).toEqual(['Morning Drift', 'Neon Avenue']);
  await expectQueue([a, b], order);
  // And it stays that way (no late overwrite by either tab's write): a later change from B, once both tabs
  // show it, comes after anything either tab wrote before it.
  await b.getByRole('button', { name: 'Add Low Tide to queue' }).click();
  await expectQueue([a, b], [...order, 'Low Tide']);
});

test('the queue is what comes next: Play leaves it alone, Next takes its first entry, Play next goes first', async ({ context }) => {
  const page = await context.newPage();
  await openPlayer(page);
  await addToQueue(page, 'Paper Lanterns', 'Low Tide');

  await page.getByRole('button', { name: 'Play Morning Drift', exact: true }).click();
  await expect(nowPlaying(page)).toContainText('Morning Drift');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect(queueTitles(page)).toHaveText(['Paper Lanterns', 'Low Tide']);

  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(nowPlaying(page)).toContainText('Paper Lanterns');
  await expect(queueTitles(page)).toHaveText(['Low Tide']);

  await page.getByRole('button', { name: 'Play Kite Season next' }).click();
  await expect(queueTitles(page)).toHaveText(['Kite Season', 'Low Tide']);
  await expect(nowPlaying(page)).toContainText('Paper Lanterns');

  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(nowPlaying(page)).toContainText('Kite Season');
  await expect(queueTitles(page)).toHaveText(['Low Tide']);
});

test('the same track queued twice is two entries; removing one removes only that one, in both tabs', async ({ context }) => {
  const [a, b] = await twoTabs(context);
  await addToQueue(a, 'Low Tide', 'Kite Season', 'Low Tide');
  await expectQueue([a, b], ['Low Tide', 'Kite Season', 'Low Tide']);
  await expect(queueList(a).getByRole('button', { name: 'Remove Low Tide from queue' })).toHaveCount(2);

  // Remove the first Low Tide (the one before Kite Season), from tab B.
  await queueEntry(b, 'Low Tide', 0).getByRole('button', { name: 'Remove Low Tide from queue' }).click();

  await expectQueue([a, b], ['Kite Season', 'Low Tide']);
  await expect(queueList(b).getByRole('button', { name: 'Remove Low Tide from queue' })).toHaveCount(1);
});

test('Move up / Move down reorder with the keyboard, and the other tab follows', async ({ context }) => {
  const [a, b] = await twoTabs(context);
  await addToQueue(a, 'Morning Drift', 'Neon Avenue', 'Paper Lanterns');
  await expectQueue([a, b], ['Morning Drift', 'Neon Avenue', 'Paper Lanterns']);
  // The ends cannot move further.
  await expect(a.getByRole('button', { name: 'Move Morning Drift up' })).toBeDisabled();
  await expect(a.getByRole('button', { name: 'Move Paper Lanterns down' })).toBeDisabled();

  await a.getByRole('button', { name: 'Move Morning Drift down' }).focus();
  await a.keyboard.press('Enter');
  await expectQueue([a, b], ['Neon Avenue', 'Morning Drift', 'Paper Lanterns']);

  await a.getByRole('button', { name: 'Move Paper Lanterns up' }).focus();
  await a.keyboard.press('Space');
  await expectQueue([a, b], ['Neon Avenue', 'Paper Lanterns', 'Morning Drift']);

  // And from the other tab.
  await b.bringToFront();
  await b.getByRole('button', { name: 'Move Neon Avenue down' }).focus();
  await b.keyboard.press('Enter');
  await expectQueue([a, b], ['Paper Lanterns', 'Neon Avenue', 'Morning Drift']);
});

test('a keyboard user can press Move down again and again: focus stays on the moved entry', async ({ page }) => {
  await openPlayer(page);
  await addToQueue(page, 'Morning Drift', 'Neon Avenue', 'Paper Lanterns', 'Low Tide');

  const down = page.getByRole('button', { name: 'Move Morning Drift down' });
  await down.focus();
  await page.keyboard.press('Enter');
  await expect(queueTitles(page)).toHaveText(['Neon Avenue', 'Morning Drift', 'Paper Lanterns', 'Low Tide']);
  await expect(down).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(queueTitles(page)).toHaveText(['Neon Avenue', 'Paper Lanterns', 'Morning Drift', 'Low Tide']);

  const up = page.getByRole('button', { name: 'Move Low Tide up' });
  await up.focus();
  await page.keyboard.press('Enter');
  await expect(queueTitles(page)).toHaveText(['Neon Avenue', 'Paper Lanterns', 'Low Tide', 'Morning Drift']);
  await expect(up).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(queueTitles(page)).toHaveText(['Neon Avenue', 'Low Tide', 'Paper Lanterns', 'Morning Drift']);
});

test('Move down clicked three times before the queue repaints moves the entry three places, in both tabs', async ({ context }) => {
  const [a, b] = await twoTabs(context);
  await addToQueue(a, 'Morning Drift', 'Neon Avenue', 'Paper Lanterns', 'Low Tide');
  await expect(queueTitles(b)).toHaveCount(4);

  // Three clicks in one task: no move is applied, and nothing repainted, between them (a quick triple click
  // on a slow machine). Each says "down by one", resolved where the entry is when its move is applied.
  await a.getByRole('button', { name: 'Move Morning Drift down' }).evaluate((button: HTMLElement) => {
    for (let i = 0; i < 3; i++) button.click();
  });

  await expectQueue([a, b], ['Neon Avenue', 'Paper Lanterns', 'Low Tide', 'Morning Drift']);
});

test('dragging a queue entry onto another reorders the queue in both tabs', async ({ context }) => {
  const [a, b] = await twoTabs(context);
  await addToQueue(a, 'Morning Drift', 'Neon Avenue', 'Paper Lanterns', 'Low Tide');

  // Paper Lanterns dropped onto Morning Drift takes its place.
  await queueEntry(a, 'Paper Lanterns').dragTo(queueEntry(a, 'Morning Drift'), { targetPosition: { x: 40, y: 4 } });
  await expectQueue([a, b], ['Paper Lanterns', 'Morning Drift', 'Neon Avenue', 'Low Tide']);

  // Morning Drift dropped onto Low Tide lands just before it.
  await queueEntry(a, 'Morning Drift').dragTo(queueEntry(a, 'Low Tide'), { targetPosition: { x: 40, y: 4 } });
  await expectQueue([a, b], ['Paper Lanterns', 'Neon Avenue', 'Morning Drift', 'Low Tide']);
});

test('Clear queue empties it in both tabs', async ({ context }) => {
  const [a, b] = await twoTabs(context);
  await addToQueue(a, 'Morning Drift', 'Static Bloom', 'Morning Drift');
  await expectQueue([a, b], ['Morning Drift', 'Static Bloom', 'Morning Drift']);

  await b.getByRole('button', { name: 'Clear queue' }).click();

  for (const page of [a, b]) {
    await expect(queueTitles(page)).toHaveCount(0);
    await expect(page.getByText('The queue is empty.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Clear queue' })).toBeDisabled();
  }
});

test('moving an entry that another tab just removed says so, and loses nothing', async ({ context }) => {
  const [a, b] = await twoTabs(context);
  await addToQueue(a, 'Morning Drift', 'Neon Avenue', 'Paper Lanterns');
  await expectQueue([a, b], ['Morning Drift', 'Neon Avenue', 'Paper Lanterns']);

  // Tab A picks up Paper Lanterns …
  const drag = await RowDrag.start(a, queueEntry(a, 'Paper Lanterns'));
  // … while tab B removes it.
  await queueEntry(b, 'Paper Lanterns').getByRole('button', { name: 'Remove Paper Lanterns from queue' }).click();
  await expectQueue([a, b], ['Morning Drift', 'Neon Avenue']);
  await expect(
    a.getByRole('status').filter({ hasText: 'Another tab removed “Paper Lanterns” from the queue while you were moving it' }),
  ).toBeVisible();

  // A drops it at the top: the move is refused with a message that names the problem.
  await drag.dropOn(queueEntry(a, 'Morning Drift'));
  await drag.end(queueEntry(a, 'Paper Lanterns'));
  await expect(a.getByRole('alert')).toContainText('no longer in the queue');
  await expect(a.getByRole('alert')).toContainText('another tab removed it');

  // Nothing else was lost or reordered, in either tab, and the queue still works.
  await expectQueue([a, b], ['Morning Drift', 'Neon Avenue']);
  await a.getByRole('button', { name: 'Move Neon Avenue up' }).click();
  await expectQueue([a, b], ['Neon Avenue', 'Morning Drift']);
});

test('an entry added in another tab during a drag is kept, and the dragging tab is told', async ({ context }) => {
  const [a, b] = await twoTabs(context);
  await addToQueue(a, 'Morning Drift', 'Neon Avenue', 'Paper Lanterns');
  await expectQueue([a, b], ['Morning Drift', 'Neon Avenue', 'Paper Lanterns']);

  const drag = await RowDrag.start(a, queueEntry(a, 'Paper Lanterns'));
  await b.getByRole('button', { name: 'Add Static Bloom to queue' }).click();
  await expectQueue([a, b], ['Morning Drift', 'Neon Avenue', 'Paper Lanterns', 'Static Bloom']);
  const notice = a.getByRole('status').filter({ hasText: 'changed in another tab' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('Paper Lanterns');

  await drag.dropOn(queueEntry(a, 'Morning Drift'));
  await drag.end(queueEntry(a, 'Paper Lanterns'));

  await expectQueue([a, b], ['Paper Lanterns', 'Morning Drift', 'Neon Avenue', 'Static Bloom']);
  await expect(a.getByRole('alert')).toHaveCount(0);
});
