// Driving the patient's Spry (site/index.html drawing engine/app's screens)
// in browser tests, the way a patient drives it: the engine's words, the
// init scripts the tests add to a page, opening the app, and the taps on its
// buttons and on the 0–10 scale. Used by a11y.test.mjs and patient.test.mjs;
// embed.test.mjs takes captureCommand for the app in its frames.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPage, phone1, root } from './harness.mjs';

const catalogs = Object.fromEntries(['en', 'fr'].map((lang) => [lang,
  JSON.parse(readFileSync(join(root, 'engine', 'i18n', 'catalog', `${lang}.json`), 'utf8'))]));

/**
 * T words key in lang (en or fr) as engine/i18n does (Go's %[n]d, %d, %s,
 * %g), from the engine's own catalogs: a rewording does not break a test,
 * but a missing or wrong-language string does.
 */
export function T(lang, key, ...args) {
  const s = catalogs[lang][key];
  assert.ok(typeof s === 'string', `catalog ${lang} has no key ${key}`);
  let next = 0;
  return s.replace(/%(?:\[(\d+)\])?[dsgv]/g, (_, n) => String(args[n ? Number(n) - 1 : next++]));
}

/**
 * An init script (page.addInitScript) that keeps the command function the
 * player hands to the page (window.spryPage.attach, see wasm/page) as
 * window.__spryCommand(name, arg), so a test can send what no patient button
 * sends, such as "speed" "32". The page is unchanged for patients.
 */
export function captureCommand() {
  let host;
  Object.defineProperty(window, 'spryPage', {
    configurable: true,
    get: () => host,
    set(h) {
      const attach = h.attach;
      h.attach = (api) => { window.__spryCommand = (name, arg = '') => api.command(name, String(arg)); return attach(api); };
      host = h;
    },
  });
}

/**
 * An init script that puts Date 24 h ahead: Go's time.Now under js/wasm
 * reads the wall time from Date (wasm_exec.js runtime.walltime), so the app
 * takes it for the next day.
 */
export function nextDay() {
  const Real = Date;
  const ahead = 24 * 3600_000;
  class Tomorrow extends Real {
    constructor(...args) {
      if (args.length === 0) super(Real.now() + ahead);
      else super(...args);
    }

    static now() { return Real.now() + ahead; }
  }
  globalThis.Date = Tomorrow;
}

/**
 * Opens a fresh context in site.browser (see serveSite) with options and
 * locale, adds captureCommand and then inits as init scripts, goes to path
 * on site.server, and resolves to { context, page, watch } (see openPage).
 */
export async function openApp(site, { locale = 'en-CA', options = phone1, path = '/', inits = [] } = {}) {
  const { context, page, watch } = await openPage(site.browser, { ...options, locale });
  for (const init of [captureCommand, ...inits]) await page.addInitScript(init);
  await page.goto(new URL(path, site.server.url).href);
  return { context, page, watch };
}

/** Waits until the engine shows screen, and says which screen is shown if not. */
export async function waitScreen(page, screen, timeout = 30_000) {
  try {
    await page.waitForFunction((s) => document.body.dataset.screen === s, screen, { timeout, polling: 50 });
  } catch (err) {
    const now = await page.evaluate(() => `${document.body.dataset.screen}: ${document.getElementById('screen-title')?.textContent}`).catch(() => '?');
    throw new Error(`waiting for screen ${screen}, the page shows ${now}: ${err.message.split('\n')[0]}`);
  }
}

/** Taps the action button id on the current screen. */
export async function act(page, id) {
  await page.locator(`#screen-actions button[data-action="${id}"]`).click();
}

/** Answers the 0–10 scale with n by tapping its label, as a patient does. */
export async function answer(page, n) {
  await page.locator(`label[for="scale-${n}"]`).click();
  await page.waitForFunction((v) => document.getElementById(`scale-${v}`)?.checked, n, { timeout: 10_000 });
}
