// Browser tests of the player page (site/ + spry.wasm), against the page
// contract: body[data-state] is loading | ready | playing | paused | done |
// error; #start, #pause, #skip are buttons; #speed selects the playback
// speed; #exercise, #set, #rep, #side, #phase, #countdown, #status show where
// the session is; #error explains a program that cannot be played.
//
// Every test gets a fresh browser context and fails on any console error or
// Go panic (see harness.mjs). Tests wait on states, never on wall-clock
// timings, except the pause check, which must watch the clock stand still.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  changedFraction, desktop, history, inkFraction, phone, screenshot, serveSite, waitForState, withPage,
} from './harness.mjs';

const site = serveSite();

// The bare player (site/player.html): the therapist's preview, which plays a
// program straight away without the patient's questions around it.
const open = (page, query = '/') => page.goto(new URL(query.replace(/^\/(?=\?|$)/, '/player.html'), site.server.url).href);
const text = (page, id) => page.locator(`#${id}`).textContent().then((s) => s.trim());
const counters = (page) => page.evaluate(() => ['rep', 'set', 'phase', 'countdown', 'exercise', 'side']
  .map((id) => document.getElementById(id).textContent.trim()).join(' | '));

// repNumber reads "Rep 3 of 10" as 3, or 0.
const repNumber = (s) => Number(/(\d+)\s+of\s+\d+/.exec(s ?? '')?.[1] ?? 0);

describe('player page', () => {
  test('loads without console errors and goes from loading to ready', withPage(() => site.browser, {}, async ({ page }) => {
    const resp = await open(page, '/');
    assert.match(resp.headers()['content-security-policy'] ?? '', /script-src 'self' 'wasm-unsafe-eval'/);
    await waitForState(page, 'ready');
    const h = await history(page);
    assert.equal(h.state[0], 'loading', `states ${h.state}: want loading first`);
    assert.equal(h.state.at(-1), 'ready');
    assert.ok((await text(page, 'program-title')).length > 0, '#program-title is empty');
    assert.ok((await text(page, 'exercise')).length > 0, '#exercise is empty');
    assert.ok(await page.locator('#start').isEnabled(), '#start is disabled when ready');
    const options = await page.locator('#speed option').evaluateAll((os) => os.map((o) => o.value));
    assert.deepEqual(options, ['0.5', '1', '2', '4', '8', '16', '32']);
    assert.equal(await page.locator('#speed').inputValue(), '1', 'default speed');
    assert.equal(await page.locator('#error').isVisible(), false, '#error is visible on a good program');
    const marks = await page.evaluate(() => performance.getEntriesByName('spry-first-frame').length);
    assert.equal(marks, 1, 'performance mark spry-first-frame');
    // The canvas fills the viewport behind the page; the figure is drawn where #stage is.
    const canvas = await page.evaluate(() => {
      const c = document.querySelector('canvas');
      if (!c) return null;
      const st = getComputedStyle(c);
      const r = c.getBoundingClientRect();
      return { position: st.position, zIndex: st.zIndex, width: r.width, height: r.height };
    });
    assert.deepEqual(canvas, { position: 'fixed', zIndex: '-1', ...desktop.viewport },
      `canvas ${JSON.stringify(canvas)}: want fixed, behind the page, the size of the viewport`);
  }));

  test('Start plays: reps and phases advance, the figure is drawn in #stage', withPage(() => site.browser, {}, async ({ t, page }) => {
    await open(page, '/?speed=4');
    await waitForState(page, 'ready');
    assert.equal(await page.locator('#speed').inputValue(), '4', '?speed=4 shown in #speed');
    await page.click('#start');
    await waitForState(page, 'playing');
    await page.waitForFunction(() => {
      const h = window.__spry;
      const n = (s) => Number(/(\d+)\s+of/.exec(s)?.[1] ?? 0);
      return h.rep.some((s) => n(s) >= 3) && new Set(h.phase.filter(Boolean)).size >= 3;
    }, null, { timeout: 60_000, polling: 100 });
    const h = await history(page);
    const reps = h.rep.map(repNumber).filter((n) => n > 0);
    assert.ok(reps.length >= 3, `rep texts ${JSON.stringify(h.rep)}: want at least three reps`);
    for (let i = 1; i < reps.length; i++) {
      assert.ok(reps[i] === reps[i - 1] + 1 || reps[i] === 1, `reps ${reps}: want counting up by one`);
    }
    assert.ok(h.countdown.filter(Boolean).length >= 2, `countdown ${JSON.stringify(h.countdown)}: want it to change`);

    // The figure is drawn inside #stage: a fair share of its pixels are
    // unlike the background, and they move as the phases go by.
    const stage = await page.locator('#stage').boundingBox();
    assert.ok(stage && stage.width > 100 && stage.height > 100, `#stage box ${JSON.stringify(stage)}: too small`);
    const shot = await screenshot(page, 'desktop-playing');
    const ink = inkFraction(shot, stage, desktop.deviceScaleFactor);
    t.diagnostic(`#stage: ${(ink.fraction * 100).toFixed(1)}% of pixels unlike ${ink.background}`);
    assert.ok(ink.fraction > 0.01 && ink.fraction < 0.6,
      `pixels in #stage unlike its background ${ink.background}: ${(ink.fraction * 100).toFixed(2)}%, want 1..60%`);
  }));

  test('the figure follows the phases: hips up in the hold, down in the rest', withPage(() => site.browser, {}, async ({ t, page }) => {
    // clinic-short.json starts with two bridges (3 s holds), then a 4 s rest;
    // pausing freezes the figure for each shot. (Playwright's click can take
    // over a second here while software WebGL keeps the page busy.)
    await open(page, '/?src=clinic-short.json');
    await waitForState(page, 'ready');
    await page.click('#start');
    const pausedIn = async (phase, name) => {
      await page.waitForFunction((p) => new RegExp(p).test(document.getElementById('phase').textContent),
        phase, { timeout: 30_000, polling: 20 });
      await page.click('#pause');
      await waitForState(page, 'paused');
      assert.match(await text(page, 'phase'), new RegExp(phase), 'paused too late for the shot');
      return screenshot(page, name);
    };
    const up = await pausedIn('^Hold', 'bridge-hold');
    await page.click('#pause');
    await waitForState(page, 'playing');
    const down = await pausedIn('^Rest', 'bridge-rest');
    const stage = await page.locator('#stage').boundingBox();
    const moved = changedFraction(up, down, stage, desktop.deviceScaleFactor);
    t.diagnostic(`#stage: ${(moved * 100).toFixed(1)}% of pixels differ between the hold and the rest`);
    assert.ok(moved > 0.01, `only ${(moved * 100).toFixed(2)}% of #stage differs between the hold and the rest`);
  }));

  test('Pause stops the counters; Resume starts them again', withPage(() => site.browser, {}, async ({ page }) => {
    await open(page, '/?speed=2');
    await waitForState(page, 'ready');
    await page.click('#start');
    await waitForState(page, 'playing');
    await page.waitForFunction(() => /\d/.test(document.getElementById('rep').textContent), null, { timeout: 60_000 });
    assert.equal(await text(page, 'pause'), 'Pause');

    await page.click('#pause');
    await waitForState(page, 'paused');
    assert.equal(await text(page, 'pause'), 'Resume');
    const frozen = await counters(page);
    const before = JSON.stringify(await history(page));
    await page.waitForTimeout(2000);
    assert.equal(await counters(page), frozen, 'counters changed while paused');
    assert.equal(JSON.stringify(await history(page)), before, 'some text changed while paused');

    await page.click('#pause');
    await waitForState(page, 'playing');
    assert.equal(await text(page, 'pause'), 'Pause');
    await page.waitForFunction((f) => ['rep', 'set', 'phase', 'countdown', 'exercise', 'side']
      .map((id) => document.getElementById(id).textContent.trim()).join(' | ') !== f, frozen, { timeout: 30_000 });
  }));

  test('Skip ends the countdown, then the exercise', withPage(() => site.browser, {}, async ({ page }) => {
    await open(page, '/');
    await waitForState(page, 'ready');
    await page.click('#start');
    await waitForState(page, 'playing');
    const first = await text(page, 'exercise');
    // During the get-ready countdown, Skip ends the countdown only.
    assert.match(await text(page, 'phase'), /get ready/i);
    await page.click('#skip');
    await page.waitForFunction(() => !/get ready/i.test(document.getElementById('phase').textContent),
      null, { timeout: 10_000 });
    assert.equal(await text(page, 'exercise'), first, 'Skip during the countdown changed the exercise');
    // During a repetition, Skip ends the whole exercise.
    await page.click('#skip');
    await page.waitForFunction((f) => document.getElementById('exercise').textContent.trim() !== f,
      first, { timeout: 10_000 });
  }));

  test('works on a phone by tapping the HTML buttons', withPage(() => site.browser, { options: phone }, async ({ page }) => {
    await open(page, '/?speed=4');
    await waitForState(page, 'ready');
    await page.tap('#start');
    await waitForState(page, 'playing');
    await page.waitForFunction(() => window.__spry.rep.some((s) => /\d/.test(s)), null, { timeout: 60_000 });
    await page.tap('#pause');
    await waitForState(page, 'paused');
    await page.tap('#pause');
    await waitForState(page, 'playing');
    const stage = await page.locator('#stage').boundingBox();
    const ink = inkFraction(await screenshot(page, 'phone-playing'), stage, phone.deviceScaleFactor);
    assert.ok(ink.fraction > 0.01, `phone: pixels in #stage unlike ${ink.background}: ${(ink.fraction * 100).toFixed(2)}%`);
  }));

  test('at speed 32 the whole session reaches done', withPage(() => site.browser, {}, async ({ page }) => {
    await open(page, '/');
    await waitForState(page, 'ready');
    await page.selectOption('#speed', '32');
    await page.click('#start');
    await waitForState(page, 'done', 240_000);
    assert.match(await text(page, 'status'), /session (is )?done/i);
    const h = await history(page);
    assert.ok(new Set(h.exercise.filter(Boolean)).size >= 2, `exercises shown ${JSON.stringify(h.exercise)}: want several`);
    assert.ok(!h.state.includes('error'), `states ${h.state}`);
  }));

  test('plays a clinic-hosted program file (?src=) to the end', withPage(() => site.browser, {}, async ({ page }) => {
    await open(page, '/?src=clinic-short.json&speed=8');
    await waitForState(page, 'ready');
    assert.equal(await text(page, 'program-title'), 'Clinic short test');
    await page.click('#start');
    await waitForState(page, 'done', 120_000);
    const h = await history(page);
    assert.deepEqual([...new Set(h.exercise.filter(Boolean))], ['Bridge', 'Pelvic tilt']);
  }));
});

describe('bad input', () => {
  // What the patient must see instead of a blank canvas: which program, that
  // it cannot be played, and whom to contact. Details go to console.warn.
  const expectError = async (page, names) => {
    await waitForState(page, 'error');
    const box = page.locator('#error');
    assert.ok(await box.isVisible(), '#error is hidden in state error');
    const msg = (await box.innerText()).replace(/\s+/g, ' ');
    assert.match(msg, /can(no|')t be played/i, `#error says ${msg}`);
    assert.ok(names.some((n) => msg.includes(n)), `#error says ${msg}: want one of ${names} named`);
    assert.match(msg, /contact|physiotherapist|clinic/i, `#error says ${msg}: want whom to contact`);
    for (const id of ['start', 'pause', 'skip']) {
      assert.ok(await page.locator(`#${id}`).isDisabled(), `#${id} is enabled in state error`);
    }
    await screenshot(page, `error-${names[0]}`);
    return msg;
  };

  test('a program file that fails validation shows a message, not a blank canvas', withPage(() => site.browser, {}, async ({ page, watch }) => {
    await open(page, '/?src=broken.json');
    const msg = await expectError(page, ['Broken test program', 'broken.json']);
    assert.match(msg, /Test Clinic/, `#error says ${msg}: want the program's contact`);
    const warned = watch.log.filter((l) => l.startsWith('warning:') && /reps/.test(l));
    assert.ok(warned.length > 0, `want the validation details on console.warn; console: ${watch.log}`);
  }));

  test('an unknown program shows a message', withPage(() => site.browser, {}, async ({ page }) => {
    await open(page, '/?program=nope');
    await expectError(page, ['nope']);
  }));

  test('a missing program file shows a message', withPage(() => site.browser, {
    // The 404 for the missing file is the expected console error here.
    allow: [/status of 404/],
  }, async ({ page }) => {
    await open(page, '/?src=missing.json');
    await expectError(page, ['missing.json']);
  }));
});
