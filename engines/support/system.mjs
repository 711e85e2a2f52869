/**
 * The machine the browsers run on: a private PulseAudio with a null sink (the sound has a device to go to,
 * and nobody hears it), a private X display for WebKitGTK, and the processes the suite starts. Everything
 * is started as its own process group and stopped by its id; nothing shared with other users is touched.
 */

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { poll } from './wait.mjs';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** Stops a process the suite started, and whatever it started in its group: SIGTERM, then SIGKILL. */
export async function stopGroup(child, graceMs = 5_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const signal = (name) => {
    try {
      process.kill(-child.pid, name);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  signal('SIGKILL'); // anything of the group that outlived its leader
}

/** A free TCP port on the loopback, chosen by the system (for a program that cannot be told to use port 0). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function tempDir(prefix) {
  const path = mkdtempSync(join(tmpdir(), `mediastream-engines-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * A PulseAudio of the suite's own (no system or user daemon, no default configuration): one null sink, one
 * socket in a temporary folder. As root a user-mode daemon only warns, so this works for any user; and
 * since nothing else knows the socket, suites running side by side do not meet.
 */
export async function startPulseAudio() {
  const dir = tempDir('pulse');
  const socket = join(dir.path, 'native');
  const env = { ...process.env, HOME: dir.path, XDG_RUNTIME_DIR: dir.path, XDG_CONFIG_HOME: dir.path, XDG_STATE_HOME: dir.path };
  const child = spawn(
    'pulseaudio',
    [
      '-n',
      '--daemonize=no',
      '--exit-idle-time=-1',
      '--use-pid-file=no',
      '--disallow-exit',
      `--load=module-native-protocol-unix socket=${socket} auth-anonymous=1`,
      '--load=module-null-sink sink_name=engines sink_properties=device.description=MediaStream-engines',
    ],
    { env, stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  let log = '';
  child.stderr.on('data', (chunk) => (log = (log + chunk).slice(-4000)));
  const server = `unix:${socket}`;
  const pactl = (...args) =>
    execFileSync('pactl', args, {
      env: { ...env, PULSE_SERVER: server },
      encoding: 'utf8',
      timeout: 10_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  try {
    await poll(
      'PulseAudio to offer its null sink',
      () => pactl('list', 'short', 'sinks'),
      (sinks) => sinks.includes('engines'),
      {
        timeout: 20_000,
      },
    );
  } catch (error) {
    await stopGroup(child);
    dir.remove();
    throw new Error(`${error.message}\n${log}`);
  }
  return {
    /** For PULSE_SERVER. */
    server,
    /** How many streams are playing into the null sink now. */
    streams: () => pactl('list', 'short', 'sink-inputs').trim().split('\n').filter(Boolean).length,
    stop: async () => {
      await stopGroup(child);
      dir.remove();
    },
  };
}

/** An X server of the suite's own for WebKitGTK; `-displayfd` has it pick a free display (no race with others). */
export async function startXvfb() {
  const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp', '-noreset'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stderr.on('data', (chunk) => (log = (log + chunk).slice(-4000)));
  const display = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb did not start in 20 s:\n${log}`)), 20_000);
    child.stdio[3].on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(`:${out.trim()}`);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited (${code}):\n${log}`));
    });
  }).catch(async (error) => {
    await stopGroup(child);
    throw error;
  });
  return { display, stop: () => stopGroup(child) };
}

/** What is missing from this machine for the suite, as install hints; empty when everything is there. */
export function missingPrograms() {
  const missing = [];
  const onPath = (name) => {
    try {
      execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (!existsSync(FIREFOX)) missing.push(`Firefox ESR at ${FIREFOX} (firefox-esr; or set FIREFOX_PATH)`);
  if (!existsSync(WEBKIT_DRIVER)) missing.push(`WebKitWebDriver at ${WEBKIT_DRIVER} (webkit2gtk-driver)`);
  if (!existsSync(MINIBROWSER)) missing.push(`MiniBrowser at ${MINIBROWSER} (webkit2gtk-driver)`);
  if (!onPath('Xvfb')) missing.push('Xvfb (xvfb)');
  if (!onPath('pulseaudio') || !onPath('pactl')) missing.push('pulseaudio and pactl (pulseaudio)');
  return missing;
}

/** The engines' own version strings, for the summary line. */
export function engineVersions() {
  const run = (file, args) => {
    try {
      return execFileSync(file, args, { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '?';
    }
  };
  const firefox = run(FIREFOX, ['--version']).replace(/^Mozilla /, '');
  // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax, not a template
  const webkit = run('dpkg-query', ['-W', '-f=${Version}', 'libwebkit2gtk-4.1-0']).replace(/-.*$/, '');
  return { firefox, webkit: `WebKitGTK ${webkit}` };
}

/** `path` itself, or, for a folder, every file under it. */
export function filesIn(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true })
    .map((name) => join(path, name))
    .filter((file) => statSync(file).isFile());
}
