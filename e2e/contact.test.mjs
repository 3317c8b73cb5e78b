// Browser tests of the contact sheet (site/contact.html, spry.wasm in
// "sheet" mode): it loads without console errors; every exercise and every
// clip has a cell, whose figure, frozen at the hold pose (?pose=hold), has
// the figure's colours in it; the figures move when not frozen; and every
// still picture that `spry stills` wrote into out/stills loads as SVG.
//
// Each cell's screenshot at the hold pose is kept in e2e/results/contact/,
// for people to look at.

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { PNG } from 'pngjs';
import { changedFraction, desktop, resultsDir, root, serveSite, waitForState, withPage } from './harness.mjs';

const site = serveSite();

const open = (page, query) => page.goto(new URL(`/contact.html${query}`, site.server.url).href);

// The figure's own colours (engine/figure DefaultPalette: skin, hair, shirt,
// trousers, and the same darkened by FarShade 0.28 for far-side limbs).
// Background, floor, mat, props and shadows are not among them.
const body = [[0xe9, 0xb9, 0x97], [0x4b, 0x35, 0x27], [0x3f, 0x7f, 0xc0], [0x36, 0x43, 0x5c]];
const figureColours = [...body, ...body.map((c) => c.map((v) => Math.round(v * 0.72)))];

// figureFraction returns the fraction of a PNG's pixels within tolerance of
// one of the figure's colours in every channel.
function figureFraction(pngBytes, tolerance = 12) {
  const png = PNG.sync.read(pngBytes);
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b] = [png.data[i], png.data[i + 1], png.data[i + 2]];
    if (figureColours.some((c) => Math.abs(r - c[0]) <= tolerance && Math.abs(g - c[1]) <= tolerance
      && Math.abs(b - c[2]) <= tolerance)) n++;
  }
  return n / (png.width * png.height);
}

// The figure takes at least this much of its cell at the hold pose.
const minFigure = 0.03;

// cells lists the sheet's cells: exercise ID (or ""), clip ID, name.
const cells = (page) => page.locator('.cell').evaluateAll((cs) => cs.map((c) => ({
  exercise: c.dataset.exercise || '', clip: c.dataset.clip, name: c.querySelector('.cell-name').textContent,
})));

// showCell scrolls cell i to the middle of the viewport, waits until the
// wasm has taken the layout that follows and drawn it, and resolves to the
// rectangle of its figure.
async function showCell(page, i) {
  const seq = Number(await page.evaluate(() => document.body.dataset.seq));
  const moved = await page.evaluate((k) => {
    const before = window.scrollY;
    document.querySelectorAll('.cell-figure')[k].scrollIntoView({ block: 'center' });
    return window.scrollY !== before;
  }, i);
  if (moved) {
    await page.waitForFunction((s) => Number(document.body.dataset.seq) > s, seq, { timeout: 10_000, polling: 20 });
  }
  // Two animation frames: the wasm draws after its update, and the
  // canvas shows on the frame after that.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  return page.evaluate((k) => {
    const r = document.querySelectorAll('.cell-figure')[k].getBoundingClientRect();
    return { x: r.left, y: r.top, width: r.width, height: r.height };
  }, i);
}

describe('contact sheet', () => {
  test('has a cell for every exercise and every clip, each showing a figure at its hold pose',
    withPage(() => site.browser, { options: desktop }, async ({ page }) => {
      await open(page, '?pose=hold&lang=en');
      await waitForState(page, 'ready');
      const list = await cells(page);
      const stills = JSON.parse(readFileSync(join(root, 'out', 'stills', 'index.json'), 'utf8'));
      const clips = stills.clips.map((c) => c.id);
      assert.ok(list.length >= 27, `${list.length} cells, want at least the library's 27 exercises`);
      for (const id of clips) assert.ok(list.some((c) => c.clip === id), `no cell shows clip ${id}`);
      assert.equal(await page.evaluate(() => document.body.dataset.pose), 'hold', 'the wasm took ?pose=hold');

      const dir = join(resultsDir, 'contact');
      mkdirSync(dir, { recursive: true });
      const thin = [];
      for (let i = 0; i < list.length; i++) {
        const c = list[i];
        const rect = await showCell(page, i);
        assert.ok(rect.width > 100 && rect.height > 60, `cell ${c.exercise || c.clip} is ${rect.width}×${rect.height}`);
        // The figure may be drawn a frame late after a scroll: look again
        // before calling it empty.
        let png;
        let f = 0;
        for (let tries = 0; tries < 5 && f < minFigure; tries++) {
          if (tries > 0) await page.waitForTimeout(200);
          png = await page.screenshot({ clip: rect });
          f = figureFraction(png);
        }
        writeFileSync(join(dir, `${c.exercise || `clip-${c.clip}`}.png`), png);
        if (f < minFigure) thin.push(`${c.exercise || c.clip} (${c.clip}): ${(f * 100).toFixed(1)} %`);
      }
      assert.deepEqual(thin, [], `cells whose figure covers less than ${minFigure * 100} % of the cell`);
    }));

  test('names the exercises in French with ?lang=fr', withPage(() => site.browser, { options: desktop }, async ({ page }) => {
    await open(page, '?lang=fr&pose=start');
    await waitForState(page, 'ready');
    const list = await cells(page);
    const bridge = list.find((c) => c.exercise === 'bridge');
    assert.ok(bridge, 'no bridge cell');
    assert.match(bridge.name, /pont/i, 'the bridge in French');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
  }));

  test('the figures move when not frozen', withPage(() => site.browser, { options: desktop }, async ({ page }) => {
    await open(page, '');
    await waitForState(page, 'ready');
    // The bridge moves a lot; its loop takes about 8 s. Software WebGL may
    // draw only a frame or two a second here, so look several times.
    const i = (await cells(page)).findIndex((c) => c.exercise === 'bridge');
    assert.ok(i >= 0, 'no bridge cell');
    const rect = await showCell(page, i);
    const first = await page.screenshot({ clip: rect });
    const { width, height } = PNG.sync.read(first);
    let changed = 0;
    for (let tries = 0; tries < 8 && changed <= 0.005; tries++) {
      await page.waitForTimeout(700);
      changed = Math.max(changed, changedFraction(first, await page.screenshot({ clip: rect }), { x: 0, y: 0, width, height }));
    }
    assert.ok(changed > 0.005, `at most ${(changed * 100).toFixed(2)} % of the bridge's cell changed in 6 s: the figure does not move`);
  }));

  test('every still picture loads as SVG', withPage(() => site.browser, { options: desktop }, async ({ page }) => {
    const res = await page.request.get(new URL('/stills/index.json', site.server.url).href);
    assert.equal(res.status(), 200, 'stills/index.json');
    const idx = await res.json();
    assert.ok(idx.clips.length > 0, 'stills/index.json lists no clips');
    const bad = [];
    for (const c of idx.clips) {
      for (const [pose, file] of Object.entries(c.files)) {
        const r = await page.request.get(new URL(`/stills/${file}`, site.server.url).href);
        const type = r.headers()['content-type'] ?? '';
        const text = await r.text();
        if (r.status() !== 200 || !type.startsWith('image/svg+xml') || !text.startsWith('<svg ')) {
          bad.push(`${c.id} ${pose} ${file}: HTTP ${r.status()} ${type}`);
        }
      }
    }
    assert.deepEqual(bad, [], 'stills that do not load as SVG');
    // And the page shows them.
    await open(page, '?pose=start');
    await waitForState(page, 'ready');
    const first = page.locator('.cell-stills img').first();
    await first.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => {
      const img = document.querySelector('.cell-stills img');
      return img && img.complete && img.naturalWidth > 0;
    }, null, { timeout: 10_000 });
  }));
});
