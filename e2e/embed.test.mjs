// Browser tests of embedding (site/embed.js, site/embed-bridge.js): the demo
// clinic page (site/demo/clinic.html) with both snippets, the <spry-player>
// element and a plain <iframe>.
//
// - Both frames load the player, from the page's origin, with no console
//   error in the page or in either frame.
// - The element receives spry-ready, takes the clinic's theme, name and logo,
//   and reports its height.
// - The patient's screens, walked inside the element's frame (Continue, "No"
//   to the red-flag questions, Start, pain 2, Next), start a session, played
//   to its summary at 32×: spry-session-started and spry-session-completed
//   reach the page with counts only; with share-health-data (the frame
//   reloads) the next session's events carry the pain, effort and note.
// - A clinic page on another origin (the second server, with the CSP the
//   README asks of a clinic page, and CORS on embed.js) embeds the player the
//   same way; the plain iframe finds its host with no referrer.
// - Messages from another origin (a second server on another port) are
//   ignored both ways: the player does not take a command from it, and the
//   element does not turn its message into an event.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { captureCommand } from './app.mjs';
import { launchBrowser, root, startServer, withPage } from './harness.mjs';

let server;
let other;
let browser;

before(async () => {
  server = await startServer();
  // The same site on another port: another origin.
  other = await startServer(['out']);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await other?.stop();
});

// The words a session's health data would carry.
const HEALTH = ['painBefore', 'painAfter', 'effort', 'note'];

// Runs in the clinic page before its scripts: records the element's events
// and every message the page receives, whoever sent it.
function recordEvents() {
  window.__events = [];
  window.__messages = [];
  for (const type of ['spry-ready', 'spry-session-started', 'spry-session-completed', 'spry-error']) {
    document.addEventListener(type, (e) => window.__events.push({ type, detail: e.detail }));
  }
  window.addEventListener('message', (e) => {
    if (window.top === window) window.__messages.push({ origin: e.origin, data: e.data });
  });
}

async function openDemo(page) {
  await page.addInitScript(recordEvents);
  await page.goto(new URL('demo/clinic.html', server.url).href);
}

const events = (page, type) => page.evaluate((t) => window.__events.filter((e) => e.type === t), type);

async function waitForEvent(page, type, timeout = 30_000) {
  await page.waitForFunction((t) => window.__events.some((e) => e.type === t), type, { timeout, polling: 50 });
  return (await events(page, type)).at(-1);
}

// The element's frame (Playwright's CSS reaches into open shadow roots).
const elementFrame = (page) => page.frameLocator('spry-player iframe');

// walkToSession drives the patient's app in frame from wherever it is to a
// started session: Continue, "No" to each red-flag question, "Ask me later"
// to the activity questionnaire, Start, pain 2, Next.
async function walkToSession(frame) {
  const body = frame.locator('body');
  for (let i = 0; i < 40; i++) {
    const screen = await body.getAttribute('data-screen');
    const step = await frame.locator('#screen-step').textContent();
    const title = await frame.locator('#screen-title').textContent();
    switch (screen) {
      case 'player':
        return;
      case 'welcome':
        await frame.locator('[data-action="continue"]').click();
        break;
      case 'red-flag':
        await frame.locator('[data-action="no"]').click();
        break;
      case 'psfs':
        // The activity questionnaire (PSFS) can wait.
        await frame.locator('[data-action="later"]').click();
        break;
      case 'home':
        await frame.locator('[data-action="start"]').click();
        break;
      case 'pain-before':
        await frame.locator('label[for="scale-2"]').click();
        await frame.locator('#scale-2:checked').waitFor({ state: 'attached' });
        await frame.locator('[data-action="next"]').click();
        break;
      default:
        throw new Error(`walkToSession: unexpected screen ${screen}`);
    }
    // The next screen (or question) is drawn before the next tap.
    await frame.locator('body').evaluate((b, was) => new Promise((done) => {
      const changed = () => b.dataset.screen !== was.screen
        || document.getElementById('screen-step').textContent !== was.step
        || document.getElementById('screen-title').textContent !== was.title;
      if (changed()) return done();
      const mo = new MutationObserver(() => { if (changed()) { mo.disconnect(); done(); } });
      mo.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    }), { screen, step, title });
  }
  throw new Error('walkToSession: no session after 40 taps');
}

// answer taps n on the 0–10 scale in frame, then the button action.
async function answer(frame, n, action = 'next') {
  await frame.locator(`label[for="scale-${n}"]`).click();
  await frame.locator(`#scale-${n}:checked`).waitFor({ state: 'attached' });
  await frame.locator(`[data-action="${action}"]`).click();
}

const onScreen = (frame, screen, timeout = 30_000) => frame.locator(`body[data-screen="${screen}"]`).waitFor({ timeout });

// playSession plays a session in frame from where the app is to its summary:
// pain before 2, the session at 32×, pain after 1, effort 5 and a note.
async function playSession(t, frame) {
  await walkToSession(frame);
  await frame.locator('body').evaluate(() => new Promise((done) => {
    const go = () => (typeof window.__spryCommand === 'function' ? done(window.__spryCommand('speed', '32')) : setTimeout(go, 50));
    go();
  }));
  const begun = Date.now();
  await onScreen(frame, 'pain-after', 240_000);
  t.diagnostic(`session at 32×: ${((Date.now() - begun) / 1000).toFixed(1)} s`);
  await answer(frame, 1);
  await onScreen(frame, 'effort');
  await answer(frame, 5);
  await onScreen(frame, 'note');
  await frame.locator('#note').fill('Mieux que lundi');
  await frame.locator('[data-action="next"]').click();
  await onScreen(frame, 'summary');
}

const axeSource = readFileSync(join(root, 'e2e', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

// axeViolations runs axe-core (WCAG 2.1 A and AA) in target (a page or a
// frame) on the elements matching selector, and resolves to its violations
// as lines. The source is evaluated, not added as a script: the page's CSP
// allows no inline script.
async function axeViolations(target, selector = 'html', options = {}) {
  await target.evaluate(axeSource);
  const result = await target.evaluate(([sel, opts]) => window.axe.run(sel, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, ...opts,
  }), [selector, options]);
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
}

const accent = (frame) => frame.locator('html').evaluate((h) => h.style.getPropertyValue('--accent'));

describe('embedding on the demo clinic page', () => {
  test('both embeds load the player from the page\'s origin; the element is ready and branded',
    withPage(() => browser, {}, async ({ page }) => {
      await openDemo(page);
      const ready = await waitForEvent(page, 'spry-ready');
      assert.deepEqual(ready.detail, {}, 'spry-ready detail');

      const origin = new URL(server.url).origin;
      const frames = await page.evaluate(() => [
        document.querySelector('spry-player').shadowRoot.querySelector('iframe'),
        document.getElementById('player-iframe'),
      ].map((f) => ({ src: f.src, title: f.title, allow: f.allow })));
      for (const f of frames) {
        assert.equal(new URL(f.src).origin, origin, `frame ${f.src}: want the page's origin`);
        assert.ok(f.title.length > 0, `frame ${f.src} has no title`);
        assert.match(f.allow, /screen-wake-lock/, `frame ${f.src}: allow`);
      }
      const q = new URL(frames[0].src).searchParams;
      assert.equal(new URL(frames[0].src).pathname, '/index.html');
      assert.deepEqual(
        ['program', 'lang', 'theme', 'clinic', 'host', 'fit'].map((k) => q.get(k)),
        ['low-back-first-week', 'fr', '#6b2f80', 'Clinique Exemple', origin, 'content'],
      );
      assert.equal(new URL(q.get('logo')).origin, origin, 'logo resolved against the page');
      assert.equal(q.get('share'), null, 'no share-health-data by default');

      // Both players are up, in French, in the patient's app.
      for (const frame of [elementFrame(page), page.frameLocator('#player-iframe')]) {
        await frame.locator('body[data-screen="welcome"]').waitFor({ timeout: 30_000 });
        assert.equal(await frame.locator('html').getAttribute('lang'), 'fr');
      }
      // The plain iframe's player found its host too (same origin, no
      // referrer: location.ancestorOrigins or the parent's location).
      await page.waitForFunction(() => [...document.querySelectorAll('#event-log li')]
        .some((li) => li.dataset.source === 'iframe' && li.dataset.type === 'spry:ready'), null, { timeout: 30_000 });

      // The clinic's look, inside the element's frame only.
      const frame = elementFrame(page);
      assert.equal(await accent(frame), '#6b2f80');
      assert.equal((await frame.locator('#clinic').textContent()).trim(), 'Clinique Exemple');
      const logo = frame.locator('#clinic img');
      await page.waitForFunction(() => {
        const img = document.querySelector('spry-player').shadowRoot.querySelector('iframe')
          .contentDocument.querySelector('#clinic img');
        return img && img.complete && img.naturalWidth > 0;
      }, null, { timeout: 10_000 });
      assert.equal(await logo.getAttribute('alt'), '', 'the logo is decorative beside the name');
      assert.equal(await accent(page.frameLocator('#player-iframe')), '', 'the plain iframe keeps Spry\'s colour');

      // The frame is as tall as its content: no scrollbar inside it.
      await page.waitForFunction(() => {
        const f = document.querySelector('spry-player').shadowRoot.querySelector('iframe');
        const d = f.contentDocument.documentElement;
        return d.scrollHeight <= f.clientHeight + 1;
      }, null, { timeout: 10_000, polling: 100 });

      // The clinic page and the clinic's bar inside the player are accessible.
      assert.deepEqual(await axeViolations(page, 'html', { iframes: false }), [], 'axe on the clinic page');
      const inner = page.frames().find((f) => f.url().includes('fit=content'));
      assert.deepEqual(await axeViolations(inner, 'header'), [], 'axe on the player\'s bar');

      // mode="preview" shows the bare player, branded the same; its Start
      // starts a session.
      await page.evaluate(() => { window.__events.length = 0; });
      await page.locator('spry-player').evaluate((el) => el.setAttribute('mode', 'preview'));
      await waitForEvent(page, 'spry-ready');
      const preview = await page.evaluate(() => document.querySelector('spry-player').shadowRoot.querySelector('iframe').src);
      assert.equal(new URL(preview).pathname, '/player.html');
      assert.equal(await accent(frame), '#6b2f80');
      assert.equal((await frame.locator('#clinic').textContent()).trim(), 'Clinique Exemple');
      await frame.locator('#start').click();
      const started = await waitForEvent(page, 'spry-session-started');
      assert.deepEqual(started.detail, {});
    }));

  test('whole sessions at 32×: spry-session-completed carries counts only, health data when shared',
    withPage(() => browser, {}, async ({ t, page }) => {
      // In every frame: the test plays at 32× (as patient.test.mjs does; no patient can).
      await page.addInitScript(captureCommand);
      await openDemo(page);
      const frame = elementFrame(page);
      await onScreen(frame, 'welcome');
      await playSession(t, frame);

      const started = await waitForEvent(page, 'spry-session-started');
      assert.deepEqual(started.detail, {}, 'spry-session-started detail by default');
      const done = await waitForEvent(page, 'spry-session-completed');
      assert.deepEqual(Object.keys(done.detail).sort(), ['exercises', 'minutes', 'sets'], `detail ${JSON.stringify(done.detail)}`);
      // The counts agree with what the player stored.
      const want = await frame.locator('body').evaluate(() => {
        let exercises = 0;
        let sets = 0;
        for (let i = 0; i < localStorage.length; i++) {
          const k = localStorage.key(i);
          if (!k.startsWith('spry/p/')) continue;
          const r = JSON.parse(localStorage.getItem(k));
          for (const e of r.session?.exercises ?? []) {
            if (e.sets?.length > 0) exercises++;
            sets += e.sets?.length ?? 0;
          }
        }
        return { exercises, sets };
      });
      assert.ok(want.exercises > 0, 'no exercise stored');
      assert.deepEqual({ exercises: done.detail.exercises, sets: done.detail.sets }, want);
      assert.ok(done.detail.minutes >= 0 && done.detail.minutes <= 10, `minutes ${done.detail.minutes}`);
      // Nor did any message the page received carry health data.
      const messages = await page.evaluate(() => window.__messages);
      for (const m of messages) {
        for (const key of HEALTH) assert.ok(!(key in (m.data ?? {})), `message ${JSON.stringify(m.data)} carries ${key}`);
      }
      assert.ok(!JSON.stringify(messages).includes('Mieux que lundi'), 'the note left the player');

      // With share-health-data, the same session says the pain, the effort
      // and the note.
      await frame.locator('[data-action="home"]').click();
      await page.evaluate(() => { window.__events.length = 0; });
      await page.locator('spry-player').evaluate((el) => el.setAttribute('share-health-data', ''));
      await waitForEvent(page, 'spry-ready');
      await onScreen(frame, 'home');
      await playSession(t, frame);
      assert.deepEqual((await events(page, 'spry-session-started'))[0].detail, { painBefore: 2 }, 'spry-session-started with share-health-data');
      const shared = await waitForEvent(page, 'spry-session-completed');
      assert.deepEqual(shared.detail, { ...want, minutes: shared.detail.minutes, painBefore: 2, painAfter: 1, effort: 5, note: 'Mieux que lundi' });
    }));

  test('a clinic page on another origin embeds the player with the README\'s headers',
    withPage(() => browser, {}, async ({ page, context }) => {
      // The clinic's site is the second server; the player's is the first.
      // The clinic page gets the CSP the README asks of it, and embed.js the
      // CORS header (a module script from another origin is fetched with CORS).
      const player = new URL(server.url).origin;
      const clinic = new URL(other.url).origin;
      await context.route(`${clinic}/demo/clinic.html`, async (route) => {
        const res = await route.fetch();
        const body = (await res.text())
          .replace('src="../embed.js"', `src="${player}/embed.js"`)
          .replace('logo="logo.svg"', `logo="${player}/demo/logo.svg"`)
          .replace('src="../index.html?', `src="${player}/index.html?`);
        const headers = { ...res.headers() };
        delete headers['content-length'];
        headers['content-security-policy'] = `default-src 'self'; script-src 'self' ${player}; frame-src ${player}; `
          + "style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'";
        await route.fulfill({ response: res, body, headers });
      });
      await context.route(`${player}/embed.js`, async (route) => {
        const res = await route.fetch();
        await route.fulfill({ response: res, headers: { ...res.headers(), 'access-control-allow-origin': '*' } });
      });
      // A document made by route.fulfill has no server address, so
      // Chromium's Local Network Access checks take it for a public page
      // and block its frames of 127.0.0.1 (net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS).
      // Two real sites on the internet meet no such check.
      await context.grantPermissions(['local-network-access']);
      await page.addInitScript(recordEvents);
      await page.goto(`${clinic}/demo/clinic.html`);
      await waitForEvent(page, 'spry-ready');
      const frame = elementFrame(page);
      const inner = page.frames().find((f) => f.url().includes('fit=content'));
      assert.equal(new URL(inner.url()).origin, player, 'the element framed the script\'s origin');
      assert.equal(await inner.evaluate(() => location.ancestorOrigins?.[0]), clinic);
      assert.equal(await accent(frame), '#6b2f80');
      assert.equal((await frame.locator('#clinic').textContent()).trim(), 'Clinique Exemple');
      // The plain iframe, with no referrer and no ?host=, finds the clinic
      // page through location.ancestorOrigins.
      await page.waitForFunction(() => [...document.querySelectorAll('#event-log li')]
        .some((li) => li.dataset.source === 'iframe' && li.dataset.type === 'spry:ready'), null, { timeout: 30_000 });
      // A command from the clinic page crosses too.
      await page.locator('#theme-teal').click();
      await frame.locator('html').evaluate((h) => new Promise((done) => {
        const ok = () => h.style.getPropertyValue('--accent') === '#0b6e69';
        if (ok()) return done();
        new MutationObserver(() => ok() && done()).observe(h, { attributes: true });
      }));
    }));

  test('messages from another origin are ignored both ways', withPage(() => browser, {}, async ({ page, context, watch }) => {
    await openDemo(page);
    await waitForEvent(page, 'spry-ready');
    // The plain iframe's player, which talks to the clinic page too. (The
    // element's frame, inside a shadow root, is not in window.frames, so a
    // page holding only a window reference cannot even address it.)
    const frame = page.frameLocator('#player-iframe');
    await page.waitForFunction(() => [...document.querySelectorAll('#event-log li')]
      .some((li) => li.dataset.source === 'iframe' && li.dataset.type === 'spry:ready'), null, { timeout: 30_000 });
    assert.equal(await accent(frame), '');

    // A page of another origin, holding a reference to the clinic page.
    const otherURL = new URL('icon.svg', other.url).href;
    assert.notEqual(new URL(otherURL).origin, new URL(server.url).origin);
    const [popup] = await Promise.all([
      context.waitForEvent('page'),
      page.evaluate((u) => { window.open(u, 'other'); }, otherURL),
    ]);
    await popup.waitForLoadState();
    const index = await page.evaluate(() => {
      const win = document.getElementById('player-iframe').contentWindow;
      for (let i = 0; i < window.frames.length; i++) if (window.frames[i] === win) return i;
      return -1;
    });
    assert.ok(index >= 0, 'the plain iframe is not in window.frames');
    await popup.evaluate((i) => {
      // To the player: a command it would take from the clinic page.
      window.opener.frames[i].postMessage({ type: 'spry:theme', theme: '#ff0000' }, '*');
      // To the clinic page: a forged player message.
      window.opener.postMessage({ type: 'spry:session-completed', exercises: 99, sets: 99, minutes: 99 }, '*');
    }, index);

    const otherOrigin = new URL(other.url).origin;
    const warned = () => watch.log.some((l) => l.startsWith('warning: spry: ignored a message from') && l.includes(otherOrigin));
    for (let i = 0; i < 100 && !warned(); i++) await page.waitForTimeout(50);
    assert.ok(warned(), `no warning about the message from ${otherOrigin}`);
    assert.equal(await accent(frame), '', 'the player took a theme from another origin');
    const logged = await page.locator('#event-log li').evaluateAll((lis) => lis.map((li) => li.textContent));
    assert.ok(!logged.some((t) => t.includes('99')), `the demo page logged a forged message: ${logged}`);
    assert.deepEqual(await events(page, 'spry-session-completed'), [], 'the element passed on a forged message');
    assert.ok((await page.evaluate(() => window.__messages)).some((m) => m.origin === otherOrigin), 'the forged message did not arrive at all');
    await popup.close();

    // The same command from the clinic page itself is taken (the element
    // sends it to its own frame when its theme attribute changes, without
    // reloading it).
    const mine = elementFrame(page);
    const accentBecomes = (want) => mine.locator('html').evaluate((h, w) => new Promise((done) => {
      const ok = () => (w ? h.style.getPropertyValue('--accent') === w : h.style.getPropertyValue('--accent') !== '#0b6e69');
      if (ok()) return done();
      new MutationObserver(() => ok() && done()).observe(h, { attributes: true });
    }), want);
    assert.equal(await accent(mine), '#6b2f80');
    const readies = (await events(page, 'spry-ready')).length;
    await page.locator('#theme-teal').click();
    await accentBecomes('#0b6e69');
    // A colour too light for white text is darkened to 4.5:1, its hue kept.
    await page.locator('spry-player').evaluate((el) => el.setAttribute('theme', '#ffe14d'));
    await accentBecomes('');
    const dark = await accent(mine);
    const rgb = [1, 3, 5].map((i) => parseInt(dark.slice(i, i + 2), 16));
    const lum = rgb.map((c) => c / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    const contrast = 1.05 / (0.2126 * lum[0] + 0.7152 * lum[1] + 0.0722 * lum[2] + 0.05);
    assert.ok(contrast >= 4.5 && contrast < 5.5, `theme #ffe14d became ${dark}: contrast ${contrast.toFixed(2)} with white, want 4.5–5.5`);
    assert.ok(rgb[0] > rgb[1] && rgb[1] > rgb[2], `theme #ffe14d became ${dark}: hue lost`);
    assert.equal((await events(page, 'spry-ready')).length, readies, 'a theme change reloaded the player');
  }));
});
