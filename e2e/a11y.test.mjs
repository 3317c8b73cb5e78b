// Accessibility of the patient's Spry (site/index.html drawing engine/app's
// screens) in headless Chromium at the phone's viewport: axe-core on every
// screen of the flow (WCAG 2.1 A and AA rules: zero violations), touch
// targets of at least 44×44 CSS px, every control reachable by Tab and
// operable by Enter and Space, text at 200 % without horizontal scrolling or
// lost buttons, and prefers-reduced-motion.
//
// axe-core runs in the page through the DevTools protocol (page.evaluate of
// its source): the page's CSP (script-src 'self') would block an injected
// <script> tag, but not code the protocol evaluates.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, describe, test } from 'node:test';
import { act, answer, nextDay, openApp, T, waitScreen } from './app.mjs';
import { phone1, screenshot, serveSite, watchConsole } from './harness.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The rules that must pass: WCAG 2.0 and 2.1, levels A and AA. */
const wcag = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// Other work rebuilds out/ while these tests run: serve a copy taken at the start.
const site = serveSite({ snapshot: true });

// ---- Driving the page (app.mjs, as in patient.test.mjs) ----

/** The red-flag screen at first use (11 questions and the age question), all answered no. */
async function redFlagsAllNo(page, stop = 12, each = async () => {}) {
  for (let q = 1; q <= stop; q++) {
    await page.waitForFunction((s) => document.getElementById('screen-step').textContent === s, T('en', 'rf.step', q, 12));
    await each(q);
    await act(page, 'no');
  }
}

/**
 * The PSFS questionnaire after first use, when the engine asks for it:
 * three activities named and scored (each screen audited when audit is
 * given), or put off.
 */
async function psfs(page, { audit: check, later = false } = {}) {
  await page.waitForFunction(() => ['home', 'psfs'].includes(document.body.dataset.screen), null, { timeout: 30_000 });
  if (await page.evaluate(() => document.body.dataset.screen) === 'home') return;
  if (check) await check(page, 'psfs');
  if (later) {
    await act(page, 'later');
    await waitScreen(page, 'home');
    return;
  }
  await act(page, 'next');
  for (let i = 0; i < 3; i++) {
    await waitScreen(page, 'psfs-activity');
    await page.waitForFunction(() => document.getElementById('note').value === ''
      && !document.querySelector('input[name=scale]:checked'));
    await page.locator('#note').fill(`Activity ${i + 1}`);
    await answer(page, 4 + i);
    if (check && i === 2) await check(page, 'psfs-activity-last');
    else if (check && i === 0) await check(page, 'psfs-activity');
    await act(page, i < 2 ? 'next' : 'done');
  }
  await waitScreen(page, 'psfs-saved');
  if (check) await check(page, 'psfs-saved');
  await act(page, 'continue');
  await waitScreen(page, 'home');
}

// ---- The checks ----

/** Runs axe-core on the page and resolves to its results. */
async function axe(page) {
  if (!await page.evaluate(() => typeof window.axe === 'object')) await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: [...tags, 'best-practice'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, tags: v.tags, help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
    }));
  }, wcag);
}

/**
 * Resolves to the visible controls a finger must hit that are smaller than
 * 44×44 CSS px: buttons, links, the scale's and the toggles' labels,
 * disclosure summaries, text fields.
 */
function smallTargets(page) {
  return page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('button, a[href], label, summary, textarea, select, input:not([type=radio]):not([type=checkbox]):not([type=file])')) {
      const r = el.getBoundingClientRect();
      const st = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || st.visibility === 'hidden') continue;
      // A label of a checkbox or radio is its target; a field label is not.
      if (el.tagName === 'LABEL' && !el.control?.matches('input[type=radio], input[type=checkbox]')) continue;
      if (r.width < 44 || r.height < 44) {
        out.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${el.textContent.trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
    }
    return out;
  });
}

/** What went wrong, per screen, for one report at the end. */
const findings = [];
const advice = [];

/** Checks the screen on show: axe (WCAG rules must pass), touch targets; takes a screenshot. */
async function audit(page, name) {
  // Let the page settle: focus moves to the heading after a render.
  await page.waitForTimeout(100);
  const violations = await axe(page);
  for (const v of violations) {
    const line = `${name}: ${v.id} (${v.impact}): ${v.help}\n      ${v.nodes.slice(0, 4).join('\n      ')}`;
    if (v.tags.some((t) => wcag.includes(t))) findings.push(line);
    else advice.push(line);
  }
  for (const s of await smallTargets(page)) findings.push(`${name}: touch target under 44×44: ${s}`);
  await screenshot(page, `a11y-${name}`);
  for (const s of await at200(page, name)) findings.push(`${name}: at 200 % text: ${s}`);
}

/**
 * Sets the root font size to 200 % (the browser's "text size" setting),
 * resolves to what is lost: horizontal scrolling, a visible control cut off
 * at the sides or with its text clipped, and sets it back.
 */
async function at200(page, name) {
  const lost = await page.evaluate(async () => {
    const root = document.documentElement;
    root.style.fontSize = '200%';
    await new Promise((r) => { requestAnimationFrame(() => requestAnimationFrame(r)); });
    const out = [];
    const vw = root.clientWidth;
    if (root.scrollWidth > vw + 1) {
      const wide = [...document.body.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > vw + 1)
        .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${e.className}`).slice(0, 6);
      out.push(`the page scrolls sideways: ${root.scrollWidth} px wide in ${vw} (${wide.join(', ')})`);
    }
    for (const el of document.querySelectorAll('button, label, summary, a[href]')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${el.textContent.trim().slice(0, 30)}"`;
      if (r.left < -1 || r.right > vw + 1) out.push(`${name} is cut off (${Math.round(r.left)}..${Math.round(r.right)} of ${vw})`);
      if (el.scrollWidth > el.clientWidth + 2) out.push(`${name} clips its text (${el.scrollWidth} px in ${el.clientWidth})`);
    }
    return out;
  });
  await screenshot(page, `a11y-200-${name}`);
  await page.evaluate(() => { document.documentElement.style.fontSize = ''; });
  return lost;
}

describe('axe-core and touch targets on every screen', () => {
  after(() => {
    if (advice.length > 0) console.log(`axe best-practice findings (not WCAG failures):\n  ${advice.join('\n  ')}`);
  });

  test('the whole flow', async (t) => {
    const { context, page, watch } = await openApp(site);
    try {
      await waitScreen(page, 'welcome');
      await audit(page, 'welcome');
      await act(page, 'continue');
      await redFlagsAllNo(page, 12, async (q) => {
        if (q === 1) await audit(page, 'red-flag-1');
        if (q === 12) await audit(page, 'red-flag-age');
        if (q === 2) {
          // With "Previous", and the overlays reached from a question.
          await audit(page, 'red-flag-2');
          await page.locator('#nav-warning').click();
          await waitScreen(page, 'warning');
          await audit(page, 'warning');
          await act(page, 'back');
          await waitScreen(page, 'red-flag');
          await page.locator('#nav-settings').click();
          await waitScreen(page, 'settings');
          await audit(page, 'settings');
          await act(page, 'back');
          await waitScreen(page, 'red-flag');
        }
      });
      await psfs(page, { audit });
      await audit(page, 'home');
      await page.locator('#nav-history').click();
      await waitScreen(page, 'history');
      await audit(page, 'history-empty');
      await act(page, 'back');
      await waitScreen(page, 'home');

      await act(page, 'start');
      await waitScreen(page, 'pain-before');
      await audit(page, 'pain-before');
      await answer(page, 3);
      await audit(page, 'pain-before-answered');
      await act(page, 'next');
      await waitScreen(page, 'player');
      await page.waitForFunction(() => /Rep 1 of/.test(document.getElementById('rep').textContent), null, { timeout: 60_000 });
      await audit(page, 'player');
      await page.locator('#pause').click();
      await page.waitForFunction(() => document.body.dataset.state === 'paused');
      await audit(page, 'player-paused');
      await page.locator('#pause').click();

      await page.locator('#hurts').click();
      await waitScreen(page, 'hurts');
      await audit(page, 'hurts');
      await answer(page, 7);
      await act(page, 'next');
      await waitScreen(page, 'stopped');
      await audit(page, 'stopped');
      await act(page, 'continue');
      await waitScreen(page, 'player');
      // The rest between exercises, with −15 s / +15 s.
      await page.evaluate(() => window.__spryCommand('speed', '32'));
      await waitScreen(page, 'pain-after', 240_000);
      await audit(page, 'pain-after');
      await answer(page, 2);
      await act(page, 'next');
      await waitScreen(page, 'effort');
      await audit(page, 'effort');
      await answer(page, 5);
      await act(page, 'next');
      await waitScreen(page, 'note');
      await audit(page, 'note');
      await page.locator('#note').fill('Felt fine.');
      await act(page, 'next');
      await waitScreen(page, 'summary');
      await audit(page, 'summary');
      await act(page, 'home');
      await waitScreen(page, 'home');
      await audit(page, 'home-after');
      await page.locator('#nav-history').click();
      await waitScreen(page, 'history');
      await audit(page, 'history');
      await page.close();

      const morning = await context.newPage();
      const mwatch = watchConsole(morning);
      await morning.addInitScript(nextDay);
      await morning.goto(site.server.url);
      await waitScreen(morning, 'morning');
      await audit(morning, 'morning');
      assert.deepEqual([...watch.problems, ...mwatch.problems], [], 'the page logged errors');
    } finally {
      await context.close();
    }

    // A yes: the emergency screen.
    const e = await openApp(site);
    try {
      await waitScreen(e.page, 'welcome');
      await act(e.page, 'continue');
      await waitScreen(e.page, 'red-flag');
      await act(e.page, 'yes');
      await waitScreen(e.page, 'emergency');
      await audit(e.page, 'emergency');
    } finally {
      await e.context.close();
    }

    // The bare player's error page.
    const b = await openApp(site, { path: '/player.html?program=nope' });
    try {
      await b.page.waitForFunction(() => document.body.dataset.state === 'error');
      await audit(b.page, 'player-error');
    } finally {
      await b.context.close();
    }
    t.diagnostic(`${findings.length} findings`);
    assert.deepEqual(findings, [], `accessibility problems:\n  ${findings.join('\n  ')}`);
  });
});

describe('keyboard', () => {
  /** Presses Tab until focus comes round again; resolves to what it reached. */
  async function tabRound(page, max = 40) {
    const seen = [];
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      const k = await page.evaluate(() => {
        const a = document.activeElement;
        return a === document.body ? 'body' : `${a.tagName.toLowerCase()}${a.id ? `#${a.id}` : ''}${a.dataset.action ? `[${a.dataset.action}]` : ''}`;
      });
      if (seen.includes(k)) break;
      seen.push(k);
    }
    return seen;
  }

  /** Tabs until the element matching selector has focus. */
  async function tabTo(page, selector, max = 40) {
    for (let i = 0; i < max; i++) {
      if (await page.evaluate((sel) => document.activeElement?.matches(sel), selector)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${selector}`);
  }

  const focused = (page) => page.evaluate(() => {
    const a = document.activeElement;
    return `${a.tagName.toLowerCase()}${a.id ? `#${a.id}` : ''}${a.dataset.action ? `[${a.dataset.action}]` : ''}`;
  });

  test('every control is reached by Tab and works with Enter and Space', async (t) => {
    const { context, page, watch } = await openApp(site);
    try {
      await waitScreen(page, 'welcome');
      const round = await tabRound(page);
      t.diagnostic(`welcome, Tab order: ${round.join(' → ')}`);
      for (const want of ['button#nav-warning', 'button#nav-history', 'button#nav-settings',
        'button[lang-en]', 'button[lang-fr]', 'button[continue]']) {
        assert.ok(round.includes(want), `Tab never reaches ${want}: ${round}`);
      }
      assert.ok(!round.some((k) => k.startsWith('canvas')), `Tab stops on the canvas: ${round}`);

      await tabTo(page, '[data-action="lang-fr"]');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.documentElement.lang === 'fr');
      await tabTo(page, '[data-action="lang-en"]');
      await page.keyboard.press(' ');
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      await tabTo(page, '[data-action="continue"]');
      await page.keyboard.press('Enter');
      await waitScreen(page, 'red-flag');
      for (let q = 1; q <= 12; q++) {
        await page.waitForFunction((s) => document.getElementById('screen-step').textContent === s, T('en', 'rf.step', q, 12));
        await tabTo(page, '[data-action="no"]');
        await page.keyboard.press(q % 2 ? ' ' : 'Enter');
      }
      await page.waitForFunction(() => ['home', 'psfs'].includes(document.body.dataset.screen));
      if (await page.evaluate(() => document.body.dataset.screen) === 'psfs') {
        await tabTo(page, '[data-action="later"]');
        await page.keyboard.press('Enter');
      }
      await waitScreen(page, 'home');

      // Settings: a toggle switched by Space keeps the focus.
      await tabTo(page, '#nav-settings');
      await page.keyboard.press('Enter');
      await waitScreen(page, 'settings');
      await tabTo(page, '#toggle-flash');
      // The page draws the toggles anew when the engine answers: wait for that.
      await page.evaluate(() => { document.getElementById('toggle-flash').dataset.old = '1'; });
      await page.keyboard.press(' ');
      await page.waitForFunction(() => document.getElementById('toggle-flash')?.checked);
      await page.waitForFunction(() => !document.getElementById('toggle-flash').dataset.old, null, { timeout: 5000 }).catch(() => {});
      assert.equal(await focused(page), 'input#toggle-flash', 'switching a setting loses the keyboard focus');
      await tabTo(page, '[data-action="back"]');
      await page.keyboard.press('Enter');
      await waitScreen(page, 'home');

      // The pain scale: Tab into it, arrows choose, Enter on Next.
      await tabTo(page, '[data-action="start"]');
      await page.keyboard.press('Enter');
      await waitScreen(page, 'pain-before');
      await tabTo(page, 'input[name="scale"]');
      await page.keyboard.press(' ');
      for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => document.getElementById('scale-4').checked);
      assert.equal(await focused(page), 'input#scale-4', 'answering the scale loses the keyboard focus');
      await tabTo(page, '[data-action="next"]');
      await page.keyboard.press('Enter');
      await waitScreen(page, 'player');
      assert.equal(await focused(page), 'h1#exercise', 'the player opens with the focus on the exercise');
      await page.waitForFunction(() => /Rep 1 of/.test(document.getElementById('rep').textContent), null, { timeout: 60_000 });
      // Counts and phase changes are spoken through the live region.
      await page.waitForFunction(() => /Rep \d+ of/.test(document.getElementById('announce').textContent), null, { timeout: 30_000 });
      assert.equal(await page.locator('#announce').getAttribute('aria-live'), 'polite');
      const playerRound = await tabRound(page);
      t.diagnostic(`player, Tab order: ${playerRound.join(' → ')}`);
      for (const want of ['button#pause', 'button#done', 'button#skip', 'button#hurts']) {
        assert.ok(playerRound.includes(want), `Tab never reaches ${want}: ${playerRound}`);
      }
      await tabTo(page, '#pause');
      await page.keyboard.press(' ');
      await page.waitForFunction(() => document.body.dataset.state === 'paused');
      assert.equal(await focused(page), 'button#pause', 'Pause loses the keyboard focus');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.body.dataset.state === 'playing');
      await tabTo(page, '#hurts');
      await page.keyboard.press('Enter');
      await waitScreen(page, 'hurts');
      await tabTo(page, '#toggle-spreading');
      await page.keyboard.press(' ');
      await page.waitForFunction(() => document.getElementById('toggle-spreading')?.checked);
      await tabTo(page, '[data-action="cancel"]');
      await page.keyboard.press('Enter');
      await waitScreen(page, 'player');
      assert.deepEqual(watch.problems, [], 'the page logged errors');
    } finally {
      await context.close();
    }
  });
});

describe('prefers-reduced-motion', () => {
  test('the page knows it and the session still plays', async () => {
    const { context, page, watch } = await openApp(site, { options: { ...phone1, reducedMotion: 'reduce' } });
    try {
      assert.equal(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches), true);
      await waitScreen(page, 'welcome');
      await act(page, 'continue');
      await redFlagsAllNo(page);
      await psfs(page, { later: true });
      await act(page, 'start');
      await waitScreen(page, 'pain-before');
      await answer(page, 2);
      await act(page, 'next');
      await waitScreen(page, 'player');
      await page.waitForFunction(() => /Rep 2 of/.test(document.getElementById('rep').textContent), null, { timeout: 60_000 });
      await screenshot(page, 'a11y-reduced-motion-player');
      await page.evaluate(() => window.__spryCommand('speed', '32'));
      await waitScreen(page, 'pain-after', 240_000);
      assert.deepEqual(watch.problems, [], 'the page logged errors');
    } finally {
      await context.close();
    }
  });
});
