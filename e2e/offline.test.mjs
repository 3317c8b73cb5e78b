// Browser tests of Spry offline and its updates (site/sw.js, sw-register.js,
// manifest.webmanifest; the file list and hash `spry stamp` writes):
//
//   - after one visit, a second one works with the network off and the
//     server stopped: the patient's app and the bare player, played to the
//     end at 32×; the Cache Storage holds the version `spry stamp` computed,
//     which is the hash of out/ recomputed here;
//   - Chromium finds the site installable (manifest, icons, worker);
//   - a new version waits while a session is open: a page started meanwhile
//     is still served by the old one, the playing page is never reloaded;
//     once every page is closed, the next start opens in the new version
//     and the old cache is gone.
//
// Each test serves its own copy of the site, so it can stop the server or
// change files. Tests wait on states, not on times.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import {
  chromiumPath, desktop, launchBrowser, resultsDir, root, screenshot, startServer, waitForState, watchConsole,
} from './harness.mjs';

let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

// ---- The built site ----

/** copySite copies out/ into a new folder under e2e/results and returns its path from the repository root. */
function copySite() {
  mkdirSync(resultsDir, { recursive: true });
  const dir = mkdtempSync(join(resultsDir, 'offline-site-'));
  cpSync(join(root, 'out'), dir, { recursive: true });
  return relative(root, dir);
}

/** stamped reads what `spry stamp` wrote into dir/sw.js: { version, files }. */
function stamped(dir) {
  const src = readFileSync(join(dir, 'sw.js'), 'utf8');
  const version = /^const VERSION = '([0-9a-f]{16})';$/m.exec(src);
  const files = /^const FILES = (\[.*\]);$/m.exec(src);
  assert.ok(version && files, `${dir}/sw.js is not stamped`);
  return { version: version[1], files: JSON.parse(files[1]) };
}

const stampedVersion = (dir) => stamped(dir).version;

/** fileName is the file a precached URL names ("./" is index.html). */
const fileName = (url) => (url === './' || url.endsWith('/') ? `${url === './' ? '' : url}index.html` : url);

/**
 * siteHash recomputes, independently of cmd/spry, the version of the files a
 * stamped sw.js lists: sha256 over each file, in name order, of its name,
 * NUL, size, NUL and bytes; 16 hex digits.
 */
function siteHash(dir, urls) {
  const h = createHash('sha256');
  const names = urls.map(fileName).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const name of names) {
    const bytes = readFileSync(join(dir, name));
    h.update(`${name}\0${bytes.length}\0`);
    h.update(bytes);
  }
  return h.digest('hex').slice(0, 16);
}

/** stamp runs `spry stamp` on the site in dir (from the repository root) and returns its version. */
function stamp(dir) {
  execFileSync(join(root, 'bin', 'spry-server'), ['stamp', '-dir', join(root, dir)]);
  return stampedVersion(join(root, dir));
}

/** newVersion changes one file of the site in dir (from the repository root) and stamps it again. */
function newVersion(dir, mark) {
  appendFileSync(join(root, dir, 'style.css'), `\n/* ${mark} */\n`);
  return stamp(dir);
}

/** step prints where a test is when SPRY_E2E_TRACE is set (node:test shows diagnostics only at the end). */
const step = (msg) => { if (process.env.SPRY_E2E_TRACE) console.error(`offline: ${msg}`); };

// ---- The worker, seen from a page ----

/**
 * workerInfo resolves to what the worker controlling page says of itself,
 * { version, cache, windows }, or null. The tests ask through the page:
 * attaching DevTools to a worker (Playwright's worker.evaluate) keeps it from
 * ever going idle, and Chromium then never activates the next version.
 */
const workerInfo = (page) => page.evaluate(() => {
  const c = navigator.serviceWorker.controller;
  if (!c) return null;
  const ch = new MessageChannel();
  const answer = new Promise((resolve) => { ch.port1.onmessage = (e) => resolve(e.data); });
  c.postMessage({ type: 'version' }, [ch.port2]);
  return Promise.race([answer, new Promise((resolve) => { setTimeout(resolve, 5000, null); })]);
});

/** workerVersion resolves to the VERSION of the worker controlling page, or null. */
const workerVersion = async (page) => (await workerInfo(page))?.version ?? null;

/** workerReady waits until the page's registration has an activated worker (sw-register.js registers after the first frame). */
const workerReady = (page) => page.evaluate(async () => {
  const timeout = new Promise((resolve) => { setTimeout(resolve, 60_000, 'no worker in 60 s'); });
  const ready = (async () => {
    const w = (await navigator.serviceWorker.ready).active;
    while (w.state === 'activating') await new Promise((r) => { w.addEventListener('statechange', r, { once: true }); });
    return w.state;
  })();
  return Promise.race([ready, timeout]);
});

/** newWorkerWaiting checks for an update now and waits until the new worker is installed and waiting. */
const newWorkerWaiting = (page) => page.evaluate(async () => {
  const reg = await navigator.serviceWorker.getRegistration();
  await Promise.race([reg.update(), new Promise((r) => { setTimeout(r, 30_000); })]);
  for (let i = 0; i < 600 && !reg.waiting; i++) await new Promise((r) => setTimeout(r, 100));
  return reg.waiting?.state ?? `no waiting worker (installing: ${reg.installing?.state})`;
});

const cacheNames = (page) => page.evaluate(() => caches.keys());

/** The app has drawn its first screen. */
const appShown = (page) => page.waitForFunction(() => document.body?.dataset.screen, null, { timeout: 30_000, polling: 50 });

/**
 * reopen opens url in a new page of context, where no page is open, and
 * resolves to it once version want serves it. Chromium activates a waiting
 * worker a moment after the last page closes; a page opened before that is
 * still served by the old version, so reopen closes it and tries again (a
 * start that finds the old version is a start like any other).
 */
async function reopen(context, url, want) {
  let seen;
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => { setTimeout(r, 500); });
    const page = await context.newPage();
    const watch = watchConsole(page);
    await page.goto(url);
    await appShown(page);
    seen = await workerVersion(page);
    step(`reopened: version ${seen}`);
    assertNoProblems(watch, 'reopened page');
    if (seen === want) return page;
    await page.close();
  }
  assert.fail(`reopened pages are served by version ${seen}, want ${want}`);
}

function assertNoProblems(watch, what) {
  assert.deepEqual(watch.problems, [], `${what}: the page logged errors`);
}

describe('offline', () => {
  test('a second visit works with the network off and the server stopped', { timeout: 420_000 }, async (t) => {
    const site = copySite();
    const server = await startServer([site]);
    const context = await browser.newContext(desktop);
    try {
      // First visit, online: the worker registers after the first frame and precaches.
      const first = await context.newPage();
      const firstWatch = watchConsole(first);
      await first.goto(server.url);
      await appShown(first);
      assert.equal(await workerReady(first), 'activated');

      const { version, files } = stamped(join(root, site));
      assert.equal(siteHash(join(root, site), files), version, 'VERSION in out/sw.js is not the hash of the files it lists');
      const names = await cacheNames(first);
      assert.deepEqual(names, [`spry-${version}`], 'caches');
      const cached = await first.evaluate(async (n) => (await (await caches.open(n)).keys())
        .map((r) => new URL(r.url).pathname).sort(), names[0]);
      const want = files.map((f) => new URL(f, server.url).pathname).sort();
      assert.deepEqual(cached, want, 'precached paths');
      for (const need of ['/', '/player.html', '/boot.js', '/app.js', '/player.js', '/style.css', '/wasm_exec.js',
        '/spry.wasm', '/manifest.webmanifest', '/icons/icon-192.png', '/icons/maskable-512.png', '/sw-register.js']) {
        assert.ok(cached.includes(need), `${need} is not precached: ${cached}`);
      }
      t.diagnostic(`cache spry-${version}: ${cached.length} files`);

      await first.reload();
      await appShown(first);
      assert.equal(await workerVersion(first), version, 'controller after reload');
      assertNoProblems(firstWatch, 'first visit');
      await first.close();

      // Second visit: no network, no server.
      await context.setOffline(true);
      await server.stop();

      const app = await context.newPage();
      const appWatch = watchConsole(app);
      await app.goto(server.url);
      await appShown(app);
      assert.equal(await workerVersion(app), version, 'offline app: controller');
      await screenshot(app, 'offline-app');
      assertNoProblems(appWatch, 'offline app');

      // index.html by name is answered with the cached "./".
      const byName = await context.newPage();
      const byNameWatch = watchConsole(byName);
      await byName.goto(new URL('index.html', server.url).href);
      await appShown(byName);
      assertNoProblems(byNameWatch, 'offline index.html');
      await byName.close();

      // The bare player, with a query the cache ignores, played to the end at 32×.
      const player = await context.newPage();
      const playerWatch = watchConsole(player);
      await player.goto(new URL('player.html?speed=32', server.url).href);
      await waitForState(player, 'ready');
      assert.equal(await player.locator('#speed').inputValue(), '32', '?speed=32 in #speed');
      await player.click('#start');
      await waitForState(player, 'playing');
      await waitForState(player, 'done', 240_000);
      assertNoProblems(playerWatch, 'offline player');
    } finally {
      await context.close();
      await server.stop();
      rmSync(join(root, site), { recursive: true, force: true });
    }
  });

  test('a new version waits while a session is open and takes over at the next start', { timeout: 300_000 }, async (t) => {
    const site = copySite();
    const server = await startServer([site]);
    const context = await browser.newContext(desktop);
    const url = (p) => new URL(p, server.url).href;
    try {
      // Stamped here too: this test is about updates, not about the build.
      const v1 = stamp(site);

      // A: a session in progress, served by v1.
      const a = await context.newPage();
      const aWatch = watchConsole(a);
      await a.goto(url('player.html'));
      await waitForState(a, 'ready');
      assert.equal(await workerReady(a), 'activated');
      await a.reload();
      await waitForState(a, 'ready');
      assert.equal(await workerVersion(a), v1, 'A: controller');
      step('A controlled by v1, starting');
      await a.click('#start');
      await waitForState(a, 'playing');
      await a.evaluate(() => { window.__sameDocument = true; });

      // v2 is published; B starts while A plays.
      const v2 = newVersion(site, 'v2');
      assert.notEqual(v2, v1);
      step('v2 published');
      const b = await context.newPage();
      const bWatch = watchConsole(b);
      await b.goto(url('/'));
      await appShown(b);
      assert.equal(await newWorkerWaiting(b), 'installed', 'v2 installed and waiting');
      assert.deepEqual((await cacheNames(b)).sort(), [`spry-${v1}`, `spry-${v2}`].sort(), 'caches while v2 waits');

      // B starts again: A is open, so v2 keeps waiting and B stays on v1.
      step('v2 waiting; B restarts while A plays');
      await b.reload();
      await appShown(b);
      assert.equal(await workerVersion(b), v1, 'B restarted while A plays: controller');
      assert.equal(await workerVersion(a), v1, 'A: controller while v2 waits');
      assert.equal(await a.evaluate(() => window.__sameDocument), true, 'A was reloaded');
      assert.ok(['playing', 'paused', 'done'].includes(await a.evaluate(() => document.body.dataset.state)), 'A left its session');
      assertNoProblems(aWatch, 'A');

      // Every page closes; the next start opens in v2, and v1's cache is gone.
      step('A and B close');
      await a.close();
      await b.close();
      const c = await reopen(context, url('/'), v2);
      await c.waitForFunction((n) => caches.keys().then((k) => k.length === 1 && k[0] === n), `spry-${v2}`,
        { timeout: 10_000, polling: 100 });
      assertNoProblems(bWatch, 'B');
    } finally {
      await context.close();
      await server.stop();
      rmSync(join(root, site), { recursive: true, force: true });
    }
  });

  test('Chromium finds Spry installable', { timeout: 120_000 }, async (t) => {
    // Playwright's ordinary contexts are incognito, where Chromium installs
    // nothing (error "in-incognito"): this check uses a persistent profile.
    const server = await startServer(['out']);
    mkdirSync(resultsDir, { recursive: true });
    const profile = mkdtempSync(join(resultsDir, 'offline-profile-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-quic', '--enable-unsafe-swiftshader'], ...desktop,
    });
    try {
      const page = await context.newPage();
      const watch = watchConsole(page);
      await page.goto(server.url);
      await appShown(page);
      assert.equal(await workerReady(page), 'activated');
      await page.reload();
      await appShown(page);
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      assert.deepEqual(installabilityErrors, [], `installability errors: ${JSON.stringify(installabilityErrors)}`);
      const { url: manifestURL, errors } = await cdp.send('Page.getAppManifest');
      assert.equal(new URL(manifestURL).pathname, '/manifest.webmanifest');
      assert.deepEqual(errors, [], 'manifest errors');
      const manifest = await page.evaluate(async () => {
        const res = await fetch(document.querySelector('link[rel=manifest]').href, { cache: 'no-store' });
        return { type: res.headers.get('content-type'), json: await res.json() };
      });
      assert.equal(manifest.type, 'application/manifest+json');
      assert.equal(manifest.json.start_url, './');
      assert.equal(manifest.json.scope, './');
      assert.equal(manifest.json.display, 'standalone');
      assert.deepEqual(manifest.json.icons.map((i) => `${i.sizes} ${i.purpose}`).filter((x) => /^(192|512)/.test(x)),
        ['192x192 any', '512x512 any', '192x192 maskable', '512x512 maskable']);
      t.diagnostic(`installable: Page.getInstallabilityErrors is empty; manifest ${manifestURL}`);
      assertNoProblems(watch, 'install check');
    } finally {
      await context.close();
      await server.stop();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
