/** Ways to look at the player as a person would, plus the one thing a person hears: the audio element. */

import { expect, type Locator, type Page } from '@playwright/test';

export async function openPlayer(page: Page, path = './'): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole('list', { name: 'Library' }).getByRole('listitem').first()).toBeVisible();
}

export function nowPlaying(page: Page): Locator {
  return page.getByRole('region', { name: 'Now playing' });
}

export function soundStatus(page: Page): Locator {
  return page.getByRole('status').filter({ hasText: /^(Playing in this tab|Playing in another tab|Paused)$/ });
}

export function queueTitles(page: Page): Locator {
  return page.getByRole('list', { name: 'Queue' }).getByRole('listitem').locator('.title');
}

/** `m:ss` shown as elapsed, in seconds. */
export async function elapsedSeconds(page: Page): Promise<number> {
  const text = (await nowPlaying(page).getByLabel('Elapsed').textContent()) ?? '';
  const [minutes, seconds] = text.trim().split(':').map(Number);
  return (minutes ?? 0) * 60 + (seconds ?? 0);
}

export interface AudioSnapshot {
  readonly count: number;
  readonly playing: boolean;
  readonly currentTime: number;
  readonly src: string;
}

/** What this tab's audio element is doing; `count` checks there is exactly one. */
export function audioOf(page: Page): Promise<AudioSnapshot> {
  return page.evaluate(() => {
    const root = document.querySelector('mediastream-app')?.shadowRoot;
    const elements = [...document.querySelectorAll('audio'), ...(root?.querySelectorAll('audio') ?? [])];
    const audio = elements[0];
    return {
      count: elements.length,
      playing: Boolean(audio && !audio.paused && !audio.ended && audio.readyState > 2),
      currentTime: audio?.currentTime ?? 0,
      src: audio?.currentSrc ?? '',
    };
  });
}

/** Waits until the tab's audio is really producing sound (not just asked to play). */
export async function expectSounding(page: Page): Promise<void> {
  await expect.poll(async () => (await audioOf(page)).playing, { message: 'audio is playing' }).toBe(true);
  const before = (await audioOf(page)).currentTime;
  await expect.poll(async () => (await audioOf(page)).currentTime, { message: 'audio time advances' }).toBeGreaterThan(before);
}

export async function expectSilent(page: Page): Promise<void> {
  await expect.poll(async () => (await audioOf(page)).playing, { message: 'audio is silent' }).toBe(false);
}

export async function seekTo(page: Page, seconds: number): Promise<void> {
  await nowPlaying(page).getByRole('slider', { name: 'Seek' }).fill(String(seconds));
}
