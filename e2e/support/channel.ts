/**
 * What a tab hears on its device's BroadcastChannel (`playback:<deviceId>`), counted by a channel the
 * test opens in that page. A BroadcastChannel hears every other sender of the origin (the other tabs,
 * this tab's own engine and its commit worker), so the tap hears what the page's engine hears.
 */

import type { Page } from '@playwright/test';
import { STATE_UPDATED } from '../../src/engine/model/events';

export interface ChannelTap {
  /** How many committed changes (`playback_state_updated`) the tap has heard since it was opened. */
  changes(): Promise<number>;
}

interface TapWindow {
  __channelTap?: { readonly type: unknown }[];
}

/** Opens the tap. The page must have a device id already (the app has started once). */
export async function tapChannel(page: Page): Promise<ChannelTap> {
  await page.evaluate(() => {
    const deviceId = localStorage.getItem('mediastream.deviceId');
    if (deviceId === null) throw new Error('no device id yet: open the player first');
    const heard: { readonly type: unknown }[] = [];
    const channel = new BroadcastChannel(`playback:${deviceId}`);
    channel.onmessage = (event: MessageEvent) => heard.push({ type: (event.data as { type?: unknown } | null)?.type });
    (window as TapWindow).__channelTap = heard;
  });
  return {
    changes: () =>
      page.evaluate((type) => {
        const heard = (window as TapWindow).__channelTap;
        if (!heard) throw new Error('the channel tap is gone (the page was reloaded)');
        return heard.filter((message) => message.type === type).length;
      }, STATE_UPDATED),
  };
}
