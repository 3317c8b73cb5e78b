// Go tests run inside headless Chromium: packages whose tests need the real
// browser (the real localStorage, navigator.storage) are built as js/wasm
// test binaries (go test -c), served with wasm_exec.js and e2e/gotest.html,
// and run in a page. A test passes only when the Go output says PASS and the
// program exits 0; the Go output is printed either way.
//
// The binaries are built here, into bin/gotest-PID/ (removed afterwards; one
// directory per run, as helpers may run the browser tests at once), so that
// `make e2e` needs no rule of its own for them. SPRY_GOTEST_PKGS overrides the packages
// (space-separated); SPRY_GOTEST_ARGS adds arguments to each package's run,
// e.g. '-test.run=^TestLoadBench$' for the storage bench alone.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, root, startServer, withPage } from './harness.mjs';

const pkgs = (process.env.SPRY_GOTEST_PKGS || './wasm/store').split(/\s+/).filter(Boolean);
const extraArgs = (process.env.SPRY_GOTEST_ARGS || '').split(/\s+/).filter(Boolean);
const dirName = `gotest-${process.pid}`;
const dir = join(root, 'bin', dirName);
const binName = (pkg) => `${pkg.split('/').filter(Boolean).at(-1)}.test.wasm`;

let server;
let browser;

before(async () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const env = { ...process.env, GOOS: 'js', GOARCH: 'wasm' };
  for (const pkg of pkgs) {
    execFileSync('go', ['test', '-c', '-o', join(dir, binName(pkg)), pkg], { cwd: root, env, stdio: 'inherit' });
  }
  const goroot = execFileSync('go', ['env', 'GOROOT'], { cwd: root, encoding: 'utf8' }).trim();
  copyFileSync(join(goroot, 'lib', 'wasm', 'wasm_exec.js'), join(dir, 'wasm_exec.js'));
  for (const f of ['gotest.html', 'gotest.js']) copyFileSync(join(root, 'e2e', f), join(dir, f));
  server = await startServer([`bin/${dirName}`]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Loads the Go test binary bin in page with args and resolves to { output, exit, error }. */
async function runGo(page, bin, args = []) {
  const url = new URL('gotest.html', server.url);
  url.searchParams.set('bin', bin);
  for (const a of args) url.searchParams.append('arg', a);
  const resp = await page.goto(url.href);
  assert.equal(resp.status(), 200, `${url.href}: HTTP ${resp.status()}`);
  await page.waitForFunction(() => window.goTest && window.goTest.exit !== null, null,
    { timeout: 300_000, polling: 100 });
  return page.evaluate(() => window.goTest);
}

/** Prints a Go run's output under a heading and checks that it passed. */
function checkPassed(name, run) {
  console.log(`--- go test ${name} in Chromium (exit ${run.exit}):\n${run.output.join('\n')}`);
  assert.equal(run.error, null, `${name}: the test binary could not run: ${run.error}`);
  assert.equal(run.exit, 0, `${name}: exit code ${run.exit}, want 0`);
  assert.match(run.output.join('\n'), /^PASS$/m, `${name}: the Go output has no PASS line`);
}

describe('go tests in Chromium', () => {
  for (const pkg of pkgs) {
    test(pkg, withPage(() => browser, {}, async ({ page }) => {
      const run = await runGo(page, binName(pkg), extraArgs);
      checkPassed(pkg, run);
      for (const line of run.output.filter((l) => l.startsWith('bench: '))) console.log(line);
    }));
  }

  test('./wasm/store: two tabs writing at once lose and duplicate nothing', withPage(() => browser, {},
    async ({ page, context }) => {
      const tabs = ['A', 'B'];
      const n = '150';
      const pages = [page, await context.newPage()];
      const runs = await Promise.all(pages.map((p, i) => runGo(p, 'store.test.wasm',
        ['-test.run=^TestTabWriter$', `-spry.tab=${tabs[i]}`, `-spry.tabs=${tabs.join(',')}`, `-spry.n=${n}`])));
      runs.forEach((run, i) => checkPassed(`TestTabWriter (tab ${tabs[i]})`, run));
      const check = await runGo(await context.newPage(), 'store.test.wasm',
        ['-test.run=^TestTabCheck$', `-spry.tabs=${tabs.join(',')}`, `-spry.n=${n}`]);
      checkPassed('TestTabCheck', check);
    }));
});
