import { expect, type Page, test } from '@playwright/test';
import { openPlayer, queueTitles } from './support/player';

/** The IndexedDB writes the page itself has made (its commit worker's are not seen here). */
function pageWrites(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __pageWrites: number }).__pageWrites);
}

test('once the page has painted, a tab’s changes are written and announced by its commit worker, off the main thread', async ({
  context,
}) => {
  await context.addInitScript(() => {
    const scope = window as unknown as { __pageWrites: number };
    scope.__pageWrites = 0;
    const proto = IDBObjectStore.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const name of ['put', 'add', 'delete']) {
      const original = proto[name]!;
      proto[name] = function (this: IDBObjectStore, ...args: unknown[]) {
        scope.__pageWrites++;
        return original.apply(this, args);
      };
    }
  });
  const a = await context.newPage();
  await openPlayer(a);
  const b = await context.newPage();
  await openPlayer(b);
  await a.bringToFront();
  await expect.poll(() => a.workers().some((worker) => worker.url().includes('commit-worker'))).toBe(true);

  // Until the worker has opened the database, the page writes; from then on, only the worker does.
  let added = 0;
  const addOne = async () => {
    const before = await pageWrites(a);
    await a.getByRole('button', { name: 'Add Low Tide to queue' }).click();
    added++;
    await expect(queueTitles(b)).toHaveCount(added);
    return (await pageWrites(a)) - before;
  };
  await expect.poll(addOne, { timeout: 20_000 }).toBe(0);
  for (let i = 0; i < 3; i++) expect(await addOne()).toBe(0);

  await expect(queueTitles(a)).toHaveCount(added);
  await expect(queueTitles(b)).toHaveCount(added);
});
