/**
 * Firefox ESR driven by puppeteer-core over WebDriver BiDi, headless, with a profile of its own on disk
 * (so that closing and launching it again is a browser restart). The sound goes to the suite's PulseAudio
 * null sink, or, with `pulse: null`, nowhere at all: PULSE_SERVER names a socket that does not exist and
 * Firefox may use no other backend, which is a machine with no audio output device.
 */

import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { describeQuery, pageCall } from './page.mjs';
import { FIREFOX, filesIn, tempDir } from './system.mjs';
import { poll } from './wait.mjs';

const PREFS = {
  // Let the app start sound as the tests ask (a person's click does; a synthetic one may not count).
  'media.autoplay.default': 0,
  'media.autoplay.blocking_policy': 0,
  // PulseAudio only: never a sound card of the machine the suite happens to run on.
  'media.cubeb.backend': 'pulse',
};

class FirefoxTab {
  constructor(page, errors) {
    this.page = page;
    this.errors = errors;
    page.on('pageerror', (error) => errors.push(`Firefox page error: ${error.message}`));
  }

  /** Calls a helper of page.mjs in the page (awaiting what it returns). */
  call(name, ...args) {
    return this.page.evaluate(pageCall(name, args));
  }

  /** Clicks the element as a person would (pointer events at its centre), once it is there and enabled. */
  async click(query) {
    const element = await poll(`${describeQuery(query)} to click`, async () => {
      const handle = await this.page.evaluateHandle(pageCall('element', [{ ...query, enabled: true }]));
      const found = handle.asElement();
      if (!found) await handle.dispose();
      return found;
    });
    try {
      await element.click();
    } finally {
      await element.dispose();
    }
  }

  /**
   * Hands `paths` to a file input, as a person's pick would. BiDi's input.setFiles takes files only (a
   * folder fails with NS_ERROR_FILE_IS_DIRECTORY): a folder is handed as the files in it, which arrive
   * without webkitRelativePath, so the folder input's nesting is not shown in Firefox (Chromium's tests show it).
   */
  async setFiles({ host, selector }, paths) {
    const handle = await poll(`the file input ${selector} of ${host}`, async () => {
      const found = (await this.page.evaluateHandle(pageCall('inShadowOf', [host, selector]))).asElement();
      return found;
    });
    try {
      await handle.uploadFile(...paths.flatMap(filesIn));
    } finally {
      await handle.dispose();
    }
  }

  async goto(url) {
    await this.collectErrors();
    await this.page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  }

  async reload() {
    await this.collectErrors();
    await this.page.reload({ waitUntil: 'load', timeout: 60_000 });
  }

  /** Makes this the tab a person is looking at. */
  front() {
    return this.page.bringToFront();
  }

  async close() {
    await this.collectErrors();
    await this.page.close();
    this.closed = true;
  }

  /** Moves what the page-error probe kept into the browser's list. */
  async collectErrors() {
    const found = await this.call('takeErrors').catch(() => []);
    if (found === null) this.errors.push(`the page-error probe is missing from ${this.page.url()}`);
    else this.errors.push(...found);
  }
}

/** @param {{ pulse: string | null }} options the PulseAudio server, or null for a machine with no sound device */
export async function launchFirefox({ pulse }) {
  const profile = tempDir('firefox');
  const env = { ...process.env, PULSE_SERVER: pulse ?? `unix:${join(profile.path, 'no-sound-server-here')}` };
  const errors = [];
  let browser = null;
  let tabs = [];

  const start = async () => {
    browser = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath: FIREFOX,
      headless: true,
      // The window's own size: an emulated viewport on a new tab is laid out at one size and hit-tested at
      // another in this Firefox (clicks land beside the element).
      defaultViewport: null,
      userDataDir: profile.path,
      extraPrefsFirefox: PREFS,
      env,
      timeout: 120_000,
      protocolTimeout: 120_000,
    });
    const [first] = await browser.pages();
    tabs = [new FirefoxTab(first ?? (await browser.newPage()), errors)];
  };

  const stop = async () => {
    if (!browser) return;
    for (const tab of tabs) await tab.collectErrors();
    await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
    browser = null;
    tabs = [];
  };

  await start();
  return {
    name: 'Firefox',
    errors,
    /** The tabs still open. */
    openTabs: async () => tabs.filter((tab) => !tab.closed),
    /** The tab the browser opened with. */
    get firstTab() {
      return tabs[0];
    },
    async newTab() {
      const tab = new FirefoxTab(await browser.newPage(), errors);
      tabs.push(tab);
      return tab;
    },
    /** Quits the browser and starts it again on the same profile; returns its first tab. */
    async restart() {
      await stop();
      await start();
      return tabs[0];
    },
    async close() {
      try {
        await stop();
      } finally {
        profile.remove();
      }
    },
  };
}
