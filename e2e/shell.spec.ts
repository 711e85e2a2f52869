import { expect, test } from '@playwright/test';

test('the app loads and keeps a 16-hex-character device id in localStorage', async ({ page }) => {
  await page.goto('./');

  await expect(page.getByRole('heading', { name: 'MediaStream' })).toBeVisible();
  // The id is settled once IndexedDB has opened (it is kept there too), which can be after the heading shows.
  const readId = () => page.evaluate(() => localStorage.getItem('mediastream.deviceId'));
  await expect.poll(readId).toMatch(/^[0-9A-F]{16}$/);
  const deviceId = await readId();

  await page.reload();
  await expect(page.getByRole('heading', { name: 'MediaStream' })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('mediastream.deviceId'))).toBe(deviceId);
});

test('two tabs of the browser share one device id', async ({ context }) => {
  const [a, b] = [await context.newPage(), await context.newPage()];
  await a.goto('./');
  await b.goto('./');

  // The id is written once storage has opened, a moment after the page loads: wait for it in both tabs.
  const idOf = (page: typeof a) => page.evaluate(() => localStorage.getItem('mediastream.deviceId'));
  for (const page of [a, b]) await expect.poll(() => idOf(page)).not.toBeNull();
  const ids = await Promise.all([a, b].map(idOf));

  expect(ids[0]).toMatch(/^[0-9A-F]{16}$/);
  expect(ids[1]).toBe(ids[0]);
});
