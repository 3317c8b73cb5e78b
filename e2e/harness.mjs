// Harness for Spry's browser tests and bench: starts the dev server the way
// `make serve` does (a prebuilt bin/spry-server on a free port), launches
// Debian's Chromium through playwright-core, gives each test a fresh browser
// context, and fails a test on any console error.
//
// It builds nothing: `make e2e` builds out/ and bin/spry-server first.
// Facts it relies on are measured in shared/BROWSER.md.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';

/** The repository root. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where screenshots go (git-ignored). */
export const resultsDir = join(root, 'e2e', 'results');

/** Debian's Chromium; e2e/setup.sh installs it. Never Playwright's own download. */
export const chromiumPath = process.env.SPRY_CHROMIUM || '/usr/bin/chromium';

// Playwright adds --headless, a fresh profile, --no-first-run,
// --disable-background-networking, --disable-component-update, --disable-sync
// and --enable-unsafe-swiftshader itself; these are the ones it does not.
// Never --disable-software-rasterizer: WebGL2 then fails and ebiten draws nothing.
const chromiumArgs = ['--no-sandbox', '--disable-quic', '--enable-unsafe-swiftshader'];

/** The phone the issue names: 390×844 CSS px at scale 3, with touch. */
export const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

/**
 * The phone's viewport at scale 1, with touch: for functional runs at the
 * phone's size (software WebGL costs grow with canvas pixels, see shared/BROWSER.md).
 */
export const phone1 = { viewport: phone.viewport, deviceScaleFactor: 1, isMobile: true, hasTouch: true };

/**
 * A desktop window at scale 1. Chromium's WebGL is software here and costs
 * grow with canvas pixels, so functional tests use this unless they test the phone.
 */
export const desktop = { viewport: { width: 1024, height: 768 }, deviceScaleFactor: 1 };

/**
 * Starts bin/spry-server on 127.0.0.1 with a free port, serving dirs (paths
 * relative to the repository root; the first one wins) and resolves to
 * { url, stop }. The URL is read from the line the server prints on start.
 */
export async function startServer(dirs = ['out', 'e2e/fixtures']) {
  const bin = join(root, 'bin', 'spry-server');
  for (const need of [bin, join(root, 'out', 'spry.wasm')]) {
    if (!existsSync(need)) throw new Error(`${need} is missing: run the browser tests with "make e2e"`);
  }
  const args = ['serve', '-addr', '127.0.0.1:0', ...dirs.flatMap((d) => ['-dir', join(root, d)])];
  const proc = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (b) => { stderr += b; });
  const url = await new Promise((resolveURL, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`spry-server did not start in 10 s: ${stderr}`)), 10_000);
    proc.stdout.on('data', (b) => {
      out += b;
      const m = out.match(/Spry is running at (http:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolveURL(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`spry-server exited with ${code}: ${stderr}`)); });
  });
  // Never outlive the test process, even when it dies before stop().
  const orphan = () => proc.kill('SIGKILL');
  process.once('exit', orphan);
  const stop = () => new Promise((done) => {
    process.off('exit', orphan);
    if (proc.exitCode !== null) return done();
    proc.once('exit', () => done());
    proc.kill('SIGINT');
  });
  return { url, stop };
}

/** Launches headless Debian Chromium. */
export function launchBrowser() {
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: run "bash e2e/setup.sh"`);
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}

/**
 * Registers node:test hooks for the calling test file: before its tests,
 * startServer(dirs) and launchBrowser(); after them, both are closed. It
 * returns an object whose server ({ url, stop }) and browser the before hook
 * fills in, for the tests to use.
 *
 * With snapshot, the server serves a copy of out/ taken in the before hook
 * (and e2e/fixtures) instead of dirs, and the copy is removed afterwards:
 * other work rebuilds out/ (rm -rf first) while long tests run.
 */
export function serveSite({ dirs, snapshot = false } = {}) {
  const site = { server: undefined, browser: undefined };
  let copy;
  before(async () => {
    if (snapshot) {
      copy = join('e2e', 'results', `out-${process.pid}`);
      cpSync(join(root, 'out'), join(root, copy), { recursive: true });
      assert.ok(existsSync(join(root, copy, 'spry.wasm')), 'out/ has no spry.wasm: run "make build"');
    }
    site.server = await startServer(copy ? [copy, 'e2e/fixtures'] : dirs);
    site.browser = await launchBrowser();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.stop();
    if (copy) rmSync(join(root, copy), { recursive: true, force: true });
  });
  return site;
}

// A Go panic reaches only the console, through console.log (wasm_exec.js
// writes both stdout and stderr there), never as a page error.
const goCrash = /^panic: |^fatal error: |goroutine \d+ \[|Go program has already exited/m;

/**
 * Watches a page for trouble: console errors, page errors (uncaught
 * exceptions), a Go panic or fatal error printed to the console, and failed
 * requests. allow is a list of RegExps for expected console errors.
 */
export function watchConsole(page, allow = []) {
  const problems = [];
  const log = [];
  const allowed = (text) => allow.some((re) => re.test(text));
  page.on('console', (msg) => {
    const text = msg.text();
    log.push(`${msg.type()}: ${text}`);
    if ((msg.type() === 'error' || goCrash.test(text)) && !allowed(text)) {
      problems.push(`console.${msg.type()}: ${text}`);
    }
  });
  page.on('pageerror', (err) => {
    if (!allowed(String(err))) problems.push(`pageerror: ${err.stack || err}`);
  });
  page.on('requestfailed', (req) => {
    const text = `${req.url()} ${req.failure()?.errorText}`;
    if (!allowed(text)) problems.push(`request failed: ${text}`);
  });
  return { problems, log };
}

// Runs in the page before its own scripts (injected through the DevTools
// protocol, so the page's CSP does not apply): records every value that
// body[data-state] and the player's text fields take, so tests can check
// what happened between two looks.
function recordHistory() {
  const ids = ['program-title', 'exercise', 'set', 'rep', 'side', 'phase', 'countdown', 'status'];
  const h = { state: [] };
  for (const id of ids) h[id] = [];
  window.__spry = h;
  const look = () => {
    const s = document.body?.dataset.state;
    if (s !== undefined && h.state.at(-1) !== s) h.state.push(s);
    for (const id of ids) {
      const el = document.getElementById(id);
      if (!el) continue;
      const t = el.textContent.trim();
      if (h[id].at(-1) !== t) h[id].push(t);
    }
  };
  new MutationObserver(look).observe(document, {
    subtree: true, childList: true, attributes: true, characterData: true,
  });
}

/**
 * Opens a fresh context and page in browser with options (phone or desktop)
 * and a console watcher, and resolves to { context, page, watch }.
 */
export async function openPage(browser, options = desktop, allow = []) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const watch = watchConsole(page, allow);
  await page.addInitScript(recordHistory);
  return { context, page, watch };
}

/**
 * Wraps a node:test body: it gets a fresh page; afterwards the test fails if
 * the page logged a console error, and a failing test leaves a screenshot in
 * e2e/results/. opts: { options: phone|desktop, allow: [RegExp] }.
 */
export function withPage(browser, opts, body) {
  return async (t) => {
    const { context, page, watch } = await openPage(browser(), opts.options ?? desktop, opts.allow ?? []);
    try {
      await body({ t, page, context, watch });
      if (watch.problems.length > 0) {
        throw new Error(`the page logged errors:\n  ${watch.problems.join('\n  ')}`);
      }
    } catch (err) {
      await screenshot(page, `FAILED ${t.name}`).catch(() => {});
      const tail = watch.log.slice(-30).join('\n  ');
      err.message += `\n--- state: ${await describePage(page).catch(() => '?')}\n--- console (last 30):\n  ${tail}`;
      throw err;
    } finally {
      await context.close();
    }
  };
}

/** Resolves to a one-line description of the page's state and texts. */
export function describePage(page) {
  return page.evaluate(() => {
    const txt = (id) => document.getElementById(id)?.textContent.trim();
    return JSON.stringify({
      state: document.body?.dataset.state,
      exercise: txt('exercise'), set: txt('set'), rep: txt('rep'), phase: txt('phase'),
      countdown: txt('countdown'), status: txt('status'), error: txt('error'),
    });
  });
}

/** Waits until body[data-state] is state, and says where it got stuck if not. */
export async function waitForState(page, state, timeout = 30_000) {
  try {
    await page.waitForFunction((s) => document.body?.dataset.state === s, state, { timeout, polling: 50 });
  } catch (err) {
    throw new Error(`waiting for state ${state}: ${await describePage(page).catch(() => '?')}: ${err.message.split('\n')[0]}`);
  }
}

/** Resolves to the history the page recorded (see recordHistory). */
export function history(page) {
  return page.evaluate(() => window.__spry);
}

/** Takes a viewport screenshot into e2e/results/NAME.png and resolves to the PNG bytes. */
export async function screenshot(page, name) {
  mkdirSync(resultsDir, { recursive: true });
  const png = await page.screenshot();
  writeFileSync(join(resultsDir, `${name.replace(/[^\w.-]+/g, '-')}.png`), png);
  return png;
}

/**
 * Measures a rectangle of a screenshot: the commonest colour in it (taken as
 * the background) and the fraction of pixels that differ from it by more
 * than tolerance in any channel. rect is in CSS pixels; scale is the device
 * scale factor the screenshot was taken at.
 */
export function inkFraction(pngBytes, rect, scale = 1, tolerance = 24) {
  const png = PNG.sync.read(pngBytes);
  const x0 = Math.max(0, Math.round(rect.x * scale));
  const y0 = Math.max(0, Math.round(rect.y * scale));
  const x1 = Math.min(png.width, Math.round((rect.x + rect.width) * scale));
  const y1 = Math.min(png.height, Math.round((rect.y + rect.height) * scale));
  const counts = new Map();
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * png.width + x) * 4;
      const key = (png.data[i] << 16) | (png.data[i + 1] << 8) | png.data[i + 2];
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  let bg = 0;
  let best = -1;
  for (const [key, n] of counts) if (n > best) { best = n; bg = key; }
  const bgc = [(bg >> 16) & 255, (bg >> 8) & 255, bg & 255];
  let ink = 0;
  let total = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * png.width + x) * 4;
      total++;
      if (Math.abs(png.data[i] - bgc[0]) > tolerance || Math.abs(png.data[i + 1] - bgc[1]) > tolerance
        || Math.abs(png.data[i + 2] - bgc[2]) > tolerance) ink++;
    }
  }
  return { background: `rgb(${bgc.join(',')})`, fraction: total ? ink / total : 0, pixels: total };
}

/**
 * Returns the fraction of pixels in rect (CSS pixels) that differ by more
 * than tolerance in any channel between two screenshots of the same size.
 */
export function changedFraction(pngA, pngB, rect, scale = 1, tolerance = 24) {
  const a = PNG.sync.read(pngA);
  const b = PNG.sync.read(pngB);
  if (a.width !== b.width || a.height !== b.height) throw new Error('changedFraction: screenshots differ in size');
  const x0 = Math.max(0, Math.round(rect.x * scale));
  const y0 = Math.max(0, Math.round(rect.y * scale));
  const x1 = Math.min(a.width, Math.round((rect.x + rect.width) * scale));
  const y1 = Math.min(a.height, Math.round((rect.y + rect.height) * scale));
  let changed = 0;
  let total = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * a.width + x) * 4;
      total++;
      if (Math.abs(a.data[i] - b.data[i]) > tolerance || Math.abs(a.data[i + 1] - b.data[i + 1]) > tolerance
        || Math.abs(a.data[i + 2] - b.data[i + 2]) > tolerance) changed++;
    }
  }
  return total ? changed / total : 0;
}

/** Writes a small PNG for the harness's own check (see harness.test.mjs). */
export function makePNG(width, height, paint) {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = paint(x, y);
      const i = (y * width + x) * 4;
      png.data[i] = r; png.data[i + 1] = g; png.data[i + 2] = b; png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}
