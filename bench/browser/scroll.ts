/**
 * Scrolling and filtering long lists: the 10,000-track library and a 1,000-entry queue, each scrolled with
 * the mouse wheel as a person would while the page notes every animation frame; and the filter, from the
 * keystroke that completes a word to the end of the frame that shows the narrowed library. A frame longer
 * than 50 ms is a visible stutter.
 */

import type { Browser, Page } from '@playwright/test';
import type { ScrollRun } from '../results';
import { openApp } from './app-page';
import { LIBRARY_SIZE, newDeviceId, seedSession, titleOf } from './fixtures';
import { useDeviceFromQuery } from './page-scripts';

export interface ScrollOptions {
  readonly wheelSteps: number;
  readonly filters: number;
  readonly log: (message: string) => void;
}

const QUEUE = 1000;
const CURRENT_TRACK = 9;

/** Page script: notes the time of every animation frame until told to stop. */
export function recordFrames(): void {
  const scope = window as unknown as { __frames: number[]; __recording: boolean };
  scope.__frames = [];
  scope.__recording = true;
  const tick = (time: number) => {
    scope.__frames.push(time);
    if (scope.__recording) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

export function stopRecording(): number[] {
  const scope = window as unknown as { __frames: number[]; __recording: boolean };
  scope.__recording = false;
  return scope.__frames;
}

/** Wheels over a list (by its accessible name), `steps` times 300 px, about one step a frame, and returns the frame intervals. */
export async function scrollFrames(page: Page, label: string, steps: number): Promise<number[]> {
  const box = await page.getByRole('list', { name: label }).boundingBox();
  if (!box) throw new Error(`scroll: the ${label} list has no box`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.evaluate(recordFrames);
  for (let i = 0; i < steps; i++) {
    await page.mouse.wheel(0, 300);
    await page.waitForTimeout(16);
  }
  await page.waitForTimeout(200);
  const frames = await page.evaluate(stopRecording);
  return frames.slice(1).map((time, i) => time - frames[i]!);
}

/** Where a page script finds something: CSS selectors, each but the last leading into an element's shadow root. */
export type ShadowPath = readonly string[];

/**
 * Page script: when the text box at `input` next changes, resolves with the time from that `input` event to
 * the end of the first frame whose rows at `rows` are exactly one, titled `expected`.
 */
export function timeUntilOnlyRow(args: {
  readonly input: ShadowPath;
  readonly rows: ShadowPath;
  readonly expected: string;
}): Promise<number> {
  const all = (path: ShadowPath): Element[] => {
    let root: ParentNode | null | undefined = document;
    for (const selector of path.slice(0, -1)) root = root?.querySelector(selector)?.shadowRoot;
    return [...(root?.querySelectorAll(path[path.length - 1]!) ?? [])];
  };
  return new Promise((resolve) => {
    all(args.input)[0]!.addEventListener(
      'input',
      () => {
        const typedAt = performance.now();
        const check = () => {
          const titles = all(args.rows).map((node) => node.textContent);
          if (titles.length === 1 && titles[0] === args.expected) {
            // The end of this frame's rendering: a task posted from its rAF callback.
            const channel = new MessageChannel();
            channel.port1.onmessage = () => resolve(performance.now() - typedAt);
            channel.port2.postMessage(null);
          } else {
            requestAnimationFrame(check);
          }
        };
        requestAnimationFrame(check);
      },
      { once: true },
    );
  });
}

const LIBRARY: ShadowPath = ['mediastream-app', 'ms-library'];

export async function measureScroll(browser: Browser, origin: string, options: ScrollOptions): Promise<ScrollRun> {
  const context = await browser.newContext();
  await context.addInitScript(useDeviceFromQuery);
  const deviceId = newDeviceId();
  options.log(`scroll: seeding a queue of ${QUEUE}…`);
  await seedSession(context, origin, { deviceId, queueLength: QUEUE, currentTrack: CURRENT_TRACK, positionSeconds: 0 });
  const page = await openApp(context, origin, deviceId, { title: titleOf(CURRENT_TRACK), count: QUEUE });
  await page.bringToFront();
  await page.waitForTimeout(1000);

  const library = await scrollFrames(page, 'Library', options.wheelSteps);
  const queue = await scrollFrames(page, 'Queue', options.wheelSteps);

  // Each time, the filter is one keystroke short of a title that only one track has.
  const filter = page.getByRole('searchbox', { name: 'Filter library' });
  const filterMs: number[] = [];
  for (let i = 0; i < options.filters; i++) {
    const title = titleOf(9000 + i * 37);
    await filter.fill(title.slice(0, -1));
    await page.waitForTimeout(100);
    const timed = page.evaluate(timeUntilOnlyRow, {
      input: [...LIBRARY, 'input[type="search"]'],
      rows: [...LIBRARY, '[role="listitem"] .title'],
      expected: title,
    });
    await filter.press(title.slice(-1));
    filterMs.push(await timed);
    await filter.fill('');
    await page.waitForTimeout(100);
  }
  await context.close();
  return { library: LIBRARY_SIZE, queue: QUEUE, libraryFrames: library, queueFrames: queue, filterMs };
}
