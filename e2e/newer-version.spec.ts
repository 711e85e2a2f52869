import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { DATABASE_VERSION } from '../src/engine/storage/database';
import { expectSounding, openPlayer, queueTitles } from './support/player';
import { startStaticServer } from './support/static-server';
import { useTestOptions } from './support/test-options';

test('a newer version upgrading the database: the old tab stops writing, keeps its sound, offers a reload; nothing hangs', async ({
  browser,
}) => {
  const server = await startStaticServer(resolve('dist'), '/');
  const context = await browser.newContext();
  try {
    const old = await context.newPage();
    // The old tab checks the store for missed changes every 250 ms here (a test-only option; 2 s by
    // default), and counts every IndexedDB transaction it asks for, refused or not.
    await useTestOptions(old, { staleCheckMs: 250 });
    await old.addInitScript(() => {
      const counted = window as { __transactionsAsked?: number };
      counted.__transactionsAsked = 0;
      const transaction = IDBDatabase.prototype.transaction;
      IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
        counted.__transactionsAsked = (counted.__transactionsAsked ?? 0) + 1;
        return transaction.apply(this, args);
      } as IDBDatabase['transaction'];
    });
    const transactionsAsked = () => old.evaluate(() => (window as { __transactionsAsked?: number }).__transactionsAsked ?? 0);
    await openPlayer(old, server.url);
    await old.getByRole('button', { name: 'Play Morning Drift', exact: true }).click();
    await expectSounding(old);

    // A newer build opens the same database at a higher version (from a same-origin page).
    const newer = await context.newPage();
    await newer.goto(new URL('library.json', server.url).href);
    const outcome = await newer.evaluate(
      (version) =>
        new Promise<string>((resolve) => {
          const request = indexedDB.open('mediastream', version);
          request.onsuccess = () => {
            request.result.close();
            resolve('upgraded');
          };
          request.onblocked = () => resolve('blocked');
          request.onerror = () => resolve(`error: ${request.error?.name}`);
        }),
      DATABASE_VERSION + 1,
    );

    expect(outcome).toBe('upgraded');
    const notice = old.getByRole('alert').filter({ hasText: 'newer version' });
    await expect(notice).toBeVisible();
    await expect(notice.getByRole('button', { name: 'Reload' })).toBeVisible();
    await expectSounding(old);
    // The old tab's closed connection raises no storage alarm of its own, though its checks go on asking
    // the store: two more of them have been refused by the time this looks.
    const asked = await transactionsAsked();
    await expect.poll(transactionsAsked, { message: 'the old tab still checks the store' }).toBeGreaterThanOrEqual(asked + 2);
    await expect(old.getByRole('alert').filter({ hasText: 'storage' })).toHaveCount(0);
    await old.getByRole('button', { name: 'Add Low Tide to queue' }).click();
    await expect(old.getByRole('alert').filter({ hasText: 'This change was not made' })).toBeVisible();
    await expect(queueTitles(old)).toHaveCount(0);
  } finally {
    await context.close();
    await server.stop();
  }
});
