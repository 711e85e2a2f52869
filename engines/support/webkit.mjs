/**
 * WebKitGTK's MiniBrowser driven by selenium-webdriver through WebKitWebDriver (WebDriver classic), in the
 * suite's own X display. WebDriver talks to one window at a time: each tab switches to its window before
 * a command, and commands are queued so that two never interleave.
 *
 * MiniBrowser's automation mode keeps its website data in memory (localStorage is empty in a new session):
 * a browser restart cannot be made here, so `restart` is absent and the flows close the tab and open the
 * app again in a new one instead.
 */

import { spawn } from 'node:child_process';
import { Builder } from 'selenium-webdriver';
import { describeQuery, pageCall } from './page.mjs';
import { filesIn, freePort, MINIBROWSER, stopGroup, WEBKIT_DRIVER } from './system.mjs';
import { poll } from './wait.mjs';

class WebKitTab {
  constructor(session, handle) {
    this.session = session;
    this.handle = handle;
  }

  call(name, ...args) {
    return this.session.on(this.handle, (driver) => driver.executeScript(`return ${pageCall(name, args)}`));
  }

  /** A WebDriver element click (in view, not covered, then pointer events), once it is there and enabled. */
  async click(query) {
    await poll(`${describeQuery(query)} to click`, () =>
      this.session.on(this.handle, async (driver) => {
        const element = await driver.executeScript(`return ${pageCall('element', [{ ...query, enabled: true }])}`);
        if (!element) return false;
        await element.click();
        return true;
      }),
    );
  }

  /**
   * Hands `paths` to a file input, as a person's pick would: WebDriver types a file input's paths. A folder
   * typed so arrives as one empty file: it is handed as the files in it, as in Firefox (see firefox.mjs).
   */
  async setFiles({ host, selector }, paths) {
    await poll(`the file input ${selector} of ${host}`, () =>
      this.session.on(this.handle, async (driver) => {
        const element = await driver.executeScript(`return ${pageCall('inShadowOf', [host, selector])}`);
        if (!element) return false;
        await element.sendKeys(paths.flatMap(filesIn).join('\n'));
        return true;
      }),
    );
  }

  async goto(url) {
    await this.collectErrors();
    await this.session.on(this.handle, (driver) => driver.get(url));
  }

  async reload() {
    await this.collectErrors();
    await this.session.on(this.handle, (driver) => driver.navigate().refresh());
  }

  /** WebDriver has no "bring to front": commands go to this tab from now on, which is what it can do. */
  front() {
    return this.session.on(this.handle, () => {});
  }

  async close() {
    await this.collectErrors();
    await this.session.closeWindow(this.handle);
  }

  async collectErrors() {
    const found = await this.call('takeErrors').catch(() => []);
    if (found === null) this.session.errors.push('the page-error probe is missing from a page');
    else this.session.errors.push(...found);
  }
}

/** One WebDriver session; `on` runs a command in one window, in turn. */
class Session {
  constructor(driver, errors) {
    this.driver = driver;
    this.errors = errors;
    this.current = null;
    this.queue = Promise.resolve();
  }

  /** Runs `command` in the window `handle` (null: whichever is current), after the commands before it. */
  on(handle, command) {
    const run = async () => {
      if (handle !== null && this.current !== handle) {
        await this.driver.switchTo().window(handle);
        this.current = handle;
      }
      return command(this.driver);
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => {});
    return result;
  }

  async closeWindow(handle) {
    await this.on(handle, (driver) => driver.close());
    const [left] = await this.driver.getAllWindowHandles();
    this.current = null;
    if (left) await this.on(left, () => {});
  }
}

/**
 * @param {{ display: string, pulse?: string }} options the X display; the PulseAudio server, if any (without
 *   one, PULSE_SERVER names a socket that does not exist, and GStreamer falls back to an output of its own)
 */
export async function launchWebKit({ display, pulse }) {
  const port = await freePort();
  const env = { ...process.env, DISPLAY: display, PULSE_SERVER: pulse ?? 'unix:/nonexistent/mediastream-engines-no-sound-server' };
  const driverProcess = spawn(WEBKIT_DRIVER, [`--port=${port}`], { env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let log = '';
  driverProcess.stderr.on('data', (chunk) => (log = (log + chunk).slice(-4000)));
  const errors = [];
  let session;
  const tabs = [];
  try {
    await poll('WebKitWebDriver to listen', () => fetch(`http://127.0.0.1:${port}/status`).then((response) => response.ok), Boolean, {
      timeout: 30_000,
    });
    const driver = await new Builder()
      .usingServer(`http://127.0.0.1:${port}`)
      .withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation', '--autoplay-policy=allow'] },
      })
      .build();
    await driver.manage().setTimeouts({ script: 60_000, pageLoad: 60_000 });
    session = new Session(driver, errors);
    tabs.push(new WebKitTab(session, await driver.getWindowHandle()));
  } catch (error) {
    await stopGroup(driverProcess);
    throw new Error(`WebKitGTK did not start: ${error.message}\n${log}`);
  }

  return {
    name: 'WebKitGTK',
    errors,
    version: (await session.driver.getCapabilities()).get('browserVersion'),
    async openTabs() {
      const open = new Set(await session.driver.getAllWindowHandles());
      return tabs.filter((tab) => open.has(tab.handle));
    },
    get firstTab() {
      return tabs[0];
    },
    /** A new tab of the same window (in the background: its page is `hidden`), or with `window`, a new window. */
    async newTab({ window = false } = {}) {
      const handle = await session.on(null, async (driver) => {
        await driver.switchTo().newWindow(window ? 'window' : 'tab');
        session.current = await driver.getWindowHandle();
        return session.current;
      });
      const tab = new WebKitTab(session, handle);
      tabs.push(tab);
      return tab;
    },
    async close() {
      try {
        for (const tab of await this.openTabs().catch(() => [])) await tab.collectErrors();
        await session.driver.quit().catch(() => {});
      } finally {
        await stopGroup(driverProcess);
      }
    },
  };
}
