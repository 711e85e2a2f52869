/**
 * `npm run test:engines`: the cross-engine suite, Firefox ESR and WebKitGTK, against the production build.
 * Builds dist/ first when it is missing or older than the sources, runs the test files one after the other
 * with Node's test runner, and ends with one summary line; exits non-zero on any failure.
 *
 *   npm run test:engines                 both engines
 *   npm run test:engines -- firefox      one engine (a file name's start)
 *   ENGINES_DEBUG=1 npm run test:engines how long each wait took
 */

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { finished } from 'node:stream/promises';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { fileURLToPath } from 'node:url';
import { DIST, ROOT } from './support/server.mjs';
import { engineVersions, missingPrograms } from './support/system.mjs';

const started = Date.now();
const here = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((name) => name.endsWith('.test.mjs'))
  .filter((name) => wanted.length === 0 || wanted.some((prefix) => name.startsWith(prefix)))
  .sort()
  .map((name) => join(here, name));

const missing = missingPrograms();
if (missing.length > 0) {
  console.error(`engines: missing ${missing.join('; ')}. On Debian: sudo apt-get install -y firefox-esr webkit2gtk-driver xvfb pulseaudio`);
  process.exit(1);
}
if (files.length === 0) {
  console.error(`engines: no test file starts with ${wanted.join(' or ')}`);
  process.exit(1);
}

/** The newest modification time of anything the build is made from. */
function newestSource() {
  let newest = 0;
  const visit = (path) => {
    const stat = statSync(path);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const name of ['src', 'public', 'scripts', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.json']) {
    if (existsSync(join(ROOT, name))) visit(join(ROOT, name));
  }
  return newest;
}

const builtAt = existsSync(join(DIST, 'index.html')) ? statSync(join(DIST, 'index.html')).mtimeMs : 0;
if (builtAt < newestSource()) {
  console.log(`engines: ${builtAt ? 'dist/ is older than the sources' : 'no dist/ yet'}: npm run build`);
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

const versions = engineVersions();
console.log(`engines: ${versions.firefox}, ${versions.webkit}; ${files.map((file) => relative(ROOT, file)).join(', ')}`);

/**
 * Runs `names` (every test when null) of the files, one file at a time (two cores, shared with other work;
 * each browser wants the CPU it asks for), printing as it goes; resolves to the names that passed and failed.
 */
async function runTests(names) {
  const passed = [];
  const failed = [];
  const exactly = (name) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const stream = run({ files, concurrency: 1, ...(names ? { testNamePatterns: names.map(exactly) } : {}) });
  stream.on('test:pass', (event) => {
    if (event.nesting === 0 && !event.skip && !event.todo) passed.push(event.name);
  });
  stream.on('test:fail', (event) => {
    if (event.nesting === 0) failed.push(event.name);
  });
  const report = stream.compose(spec);
  report.pipe(process.stdout, { end: false });
  await finished(report);
  return { passed, failed };
}

const first = await runTests(null);
let passed = first.passed.length;
let failed = first.failed;
const flaky = [];
// As Playwright does in CI: a failed test runs once more; one that passes then is reported as flaky.
if (failed.length > 0 && process.env.CI) {
  console.log(`\nengines: running ${failed.length} failed test(s) once more`);
  const again = await runTests(failed);
  flaky.push(...again.passed);
  passed += again.passed.length;
  failed = again.failed;
}

const seconds = Math.round((Date.now() - started) / 1000);
const took = `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
if (failed.length > 0 || passed === 0) {
  console.log(`\nengines: FAILED: ${failed.length} failed, ${passed} passed in ${took} (${versions.firefox}, ${versions.webkit})`);
  for (const name of failed) console.log(`  ✖ ${name}`);
  process.exitCode = 1;
} else {
  console.log(`\nengines: PASSED: ${passed} tests in ${took} (${versions.firefox}, ${versions.webkit})`);
}
if (flaky.length > 0) {
  console.log(`engines: ${flaky.length} flaky (failed, then passed on the retry):`);
  for (const name of flaky) console.log(`  ~ ${name}`);
}
