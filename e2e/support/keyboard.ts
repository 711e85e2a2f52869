/** Reaching a control with the keyboard alone, as a person who does not use a mouse would. */

import { expect, type Locator, type Page } from '@playwright/test';

/** Presses Tab until `target` (inside a shadow root) has the focus, checking the focus is visible there. */
export async function tabTo(page: Page, target: Locator, maxPresses = 60): Promise<void> {
  for (let presses = 0; presses < maxPresses; presses++) {
    await page.keyboard.press('Tab');
    const focused = await target.evaluate(
      (element) => element.getRootNode() instanceof ShadowRoot && (element.getRootNode() as ShadowRoot).activeElement === element,
    );
    if (focused) {
      const outline = await target.evaluate((element) => getComputedStyle(element).outlineStyle);
      expect(outline, 'the focused control shows its focus').not.toBe('none');
      return;
    }
  }
  throw new Error('Tab never reached the control');
}
