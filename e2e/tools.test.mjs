// Browser tests of the therapist's tools (site/builder.html, preview.html,
// review.html), which run spry.wasm in "tools" mode, and of the path from a
// program built there to a patient's phone: the share link opens the
// patient's app in a fresh phone context, one session is played with the
// network off, and the progress file exported there is reviewed.
//
// The tests of the "builder to phone to review" path share state and run in
// order. Every page fails its test on a console error (harness.mjs).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, phone, startServer, withPage } from './harness.mjs';

let server;
let browser;

before(async () => {
  // SPRY_TOOLS_OUT serves another build (a path relative to the repository
  // root) while out/ is busy.
  server = await startServer(process.env.SPRY_TOOLS_OUT ? [process.env.SPRY_TOOLS_OUT, 'e2e/fixtures'] : undefined);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const url = (path) => new URL(path, server.url).href;
const ready = (page) => page.waitForFunction(() => document.body.dataset.state === 'ready', null, { timeout: 30_000 });
const field = (path) => `[data-path="${path}"]`;
// errorAt is the message shown next to the field at an engine path.
const errorAt = (page, path) => page.locator(`label:has(> ${field(path)}) + .field-error`);

// tinyDose makes an exercise quick to play: one set of two reps, no hold or rest.
async function tinyDose(page, block) {
  for (const [k, v] of [['sets', 1], ['reps', 2], ['holdSeconds', 0], ['restSeconds', 0],
    ['tempo.upSeconds', 1], ['tempo.downSeconds', 1]]) {
    await page.fill(field(`blocks[${block}].dose.${k}`), String(v));
  }
}

async function addExercise(page, search, name) {
  await page.fill('#search', search);
  await page.click(`button[aria-label="Add ${name}"]`);
  await page.fill('#search', '');
}

async function linkOf(page) {
  await page.waitForFunction(() => document.getElementById('link').value.includes('#p1.'), null, { timeout: 10_000 });
  return page.inputValue('#link');
}

describe('from the builder to a phone and back', () => {
  let link = '';
  let progressFile = null;

  test('builder: pick two exercises, change a dose, validation at the field, share link and QR code',
    withPage(() => browser, {}, async ({ page }) => {
      await page.goto(url('/builder.html'));
      await ready(page);
      await page.fill(field('id'), 'e2e-two-exercises');
      await page.fill(field('title.en'), 'Two quick exercises');
      await page.fill(field('title.fr'), 'Deux exercices rapides');
      for (const k of ['getReadySeconds', 'switchSideSeconds', 'restBetweenExercisesSeconds']) await page.fill(field(k), '0');
      await addExercise(page, 'tilt', 'Pelvic tilt');
      await addExercise(page, 'pont', 'Bridge'); // the French name finds it too
      assert.equal(await page.locator('#blocks fieldset.block').count(), 2, 'two blocks');
      await tinyDose(page, 0);
      await tinyDose(page, 1);
      // The schedule is the program's: 3 sessions a week for 4 weeks.
      await page.fill(field('schedule.sessionsPerWeek'), '3');
      await page.fill(field('schedule.weeks'), '4');
      assert.match(await page.textContent('#summary'), /No problems/);

      // reps = 0: the engine's message appears at the field, and goes when fixed.
      await page.fill(field('blocks[1].dose.reps'), '0');
      await errorAt(page, 'blocks[1].dose.reps').waitFor();
      assert.match(await errorAt(page, 'blocks[1].dose.reps').textContent(), /1.*100/);
      assert.equal(await page.getAttribute(field('blocks[1].dose.reps'), 'aria-invalid'), 'true');
      assert.match(await page.textContent('#summary'), /1 problem/);
      assert.equal(await page.inputValue('#link'), '', 'no link while the program has a problem');
      assert.ok(await page.locator('#download-file').isDisabled());
      await page.fill(field('blocks[1].dose.reps'), '2');
      await errorAt(page, 'blocks[1].dose.reps').waitFor({ state: 'detached' });
      assert.equal(await page.getAttribute(field('blocks[1].dose.reps'), 'aria-invalid'), null);

      link = await linkOf(page);
      assert.ok(link.startsWith(`${server.url.replace(/\/$/, '')}/#p1.`), `link ${link}`);
      await page.locator('#qr').waitFor();
      assert.match(await page.getAttribute('#qr', 'src'), /^data:image\/svg\+xml/);

      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-file')]);
      assert.equal(download.suggestedFilename(), 'e2e-two-exercises.json');
      const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
      assert.equal(file.blocks.length, 2);
      assert.equal(file.blocks[1].exercise, 'bridge');
      assert.deepEqual(file.schedule, { sessionsPerWeek: 3, weeks: 4 }, 'the schedule is in the program file');
    }));

  // Offline, Chromium may still ask for the page's icon; every other failed
  // request still fails the test (the console line names no URL, the failed
  // request does).
  const offlineIcon = [/\/icon\.svg net::ERR_INTERNET_DISCONNECTED$/, /^Failed to load resource: net::ERR_INTERNET_DISCONNECTED$/];

  test('the link opens the patient app on a fresh phone and plays one session offline',
    withPage(() => browser, { options: phone, allow: offlineIcon }, async ({ page, context }) => {
      assert.ok(link, 'the builder test made a link');
      await page.goto(link);
      const screen = (name) => page.waitForFunction((s) => document.body.dataset.screen === s, name, { timeout: 60_000 });
      await screen('welcome');
      // Everything the page needs is loaded (the icon is asked for last).
      await page.waitForLoadState('networkidle');
      // With a service worker (site/sw.js, registered after the first frame),
      // wait until it is registered and has the offline copy.
      const registered = await page.waitForFunction(async () => !!(await navigator.serviceWorker?.getRegistration()),
        null, { timeout: 15_000, polling: 200 }).then(() => true, () => false);
      if (registered) await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
      await context.setOffline(true);
      await page.click('[data-action="continue"]');
      for (let q = 1; q <= 12; q++) {
        await page.waitForFunction((n) => document.getElementById('screen-step').textContent.includes(`${n} of 12`), q);
        await page.click('[data-action="no"]');
      }
      await screen('psfs');
      await page.click('[data-action="later"]');
      await screen('home');
      assert.equal(await page.textContent('#program-title').then((s) => s.trim()) !== '', true);
      assert.match(await page.textContent('#screen-list'), /Pelvic tilt[\s\S]*Bridge/);
      await page.click('[data-action="start"]');
      await screen('pain-before');
      await page.click('label[for="scale-2"]');
      await page.click('[data-action="next"]');
      await screen('player');
      await screen('pain-after');
      await page.click('label[for="scale-2"]');
      await page.click('[data-action="next"]');
      await screen('effort');
      await page.click('label[for="scale-4"]');
      await page.click('[data-action="next"]');
      await screen('note');
      await page.click('[data-action="next"]');
      await screen('summary');

      await page.click('#nav-history');
      await screen('history');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="export"]')]);
      progressFile = readFileSync(await download.path());
      assert.match(progressFile.toString(), /"spry":"progress"/);
      // The calendar file follows the program's schedule from the link.
      const [ics] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="calendar"]')]);
      assert.match(readFileSync(await ics.path(), 'utf8'), /RRULE:FREQ=WEEKLY;WKST=MO;BYDAY=[A-Z,]+;COUNT=12/,
        'the calendar: 3 sessions a week for 4 weeks');
    }));

  test('review: the exported progress file shows the charts, the decisions and their reasons',
    withPage(() => browser, {}, async ({ page }) => {
      assert.ok(progressFile, 'the phone test exported a progress file');
      await page.goto(url('/review.html'));
      await ready(page);
      await page.click('#open summary');
      await page.fill('#program-text', link);
      await page.setInputFiles('#file', { name: 'progress.json', mimeType: 'application/json', buffer: progressFile });
      await page.locator('.review-program h2').waitFor();
      assert.equal(await page.textContent('.review-program h2'), 'Two quick exercises');
      assert.match(await page.textContent('.review-program'), /1 session in the file/);
      assert.equal(await page.locator('.review-program .chart img').count(), 4, 'calendar, pain and two exercises');
      const rows = await page.locator('.review-program table:has(caption:text("Every decision")) tbody tr').allTextContents();
      assert.ok(rows.length >= 4, `decisions: ${rows.length} rows`);
      assert.ok(rows.some((r) => /Next session/.test(r)), 'the next session is planned');
      assert.match(await page.textContent('.review-program'), /No PSFS scores/);
      const screens = await page.locator('.review-program table:has(caption:text("red-flag screens")) tbody tr').allTextContents();
      assert.equal(screens.length, 1, 'the red-flag screen at first use');
      assert.match(screens[0], /No red flag/);
    }));

  test('preview at 4×: each exercise plays in the bare player; step, mirror and the three scenarios',
    withPage(() => browser, {}, async ({ page }) => {
      assert.ok(link, 'the builder test made a link');
      await page.goto(url(`/preview.html${link.slice(link.indexOf('#'))}`));
      await ready(page);
      assert.equal(await page.textContent('#program-title'), 'Two quick exercises');
      assert.equal(await page.locator('.step-play').count(), 2);
      // Three scenarios, one line each, per exercise.
      assert.equal(await page.locator('#simulation .sim-chart').count(), 2);
      assert.equal(await page.locator('#simulation .sim-chart').first().locator('polyline').count(), 3);

      await page.selectOption('#speed', '4');
      await page.click('.step-play >> nth=1');
      const frame = page.frameLocator('#player');
      await frame.locator('body[data-state="ready"]').waitFor({ timeout: 30_000 });
      assert.equal(await frame.locator('#speed').inputValue(), '4', 'the player plays at 4×');
      assert.match(await frame.locator('#exercise').textContent(), /Bridge/);

      // Step: from ready, one phase on, then paused.
      await page.click('#step');
      await frame.locator('body[data-state="paused"]').waitFor({ timeout: 20_000 });
      const first = await page.textContent('#player-phase');
      await page.click('#step');
      await page.waitForFunction((t) => document.getElementById('player-phase').textContent !== t, first, { timeout: 20_000 });
      await frame.locator('body[data-state="paused"]').waitFor({ timeout: 20_000 });

      await page.check('#mirror');
      assert.ok(await frame.locator('body.spry-mirror').count() === 1, 'the figure is mirrored');
      await page.click('#play');
      await frame.locator('body[data-state="done"]').waitFor({ timeout: 30_000 });
    }));
});

describe('bad input', () => {
  const hostileTitle = '<script>window.__pwned=1</script>';
  const hostileNote = '"><img src=x onerror="window.__pwned=2">';

  test('hostile program text shows as text in the builder, the preview and the handout',
    withPage(() => browser, {}, async ({ page }) => {
      await page.goto(url('/builder.html'));
      await ready(page);
      await page.fill(field('id'), 'hostile');
      await page.fill(field('title.en'), hostileTitle);
      await page.fill(field('note.en'), hostileNote);
      await addExercise(page, 'bridge', 'Bridge');
      const hostileLink = await linkOf(page);
      assert.equal(await page.inputValue(field('title.en')), hostileTitle);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-handout')]);
      const html = readFileSync(await download.path(), 'utf8');
      assert.ok(!html.includes(hostileTitle), 'the handout holds the title unescaped');
      assert.ok(!html.includes('<img src=x'), 'the handout holds the note unescaped');
      assert.match(html, /&lt;script&gt;window.__pwned=1&lt;\/script&gt;/);

      await page.goto(url(`/preview.html${hostileLink.slice(hostileLink.indexOf('#'))}`));
      await ready(page);
      assert.equal(await page.textContent('#program-title'), hostileTitle);
      assert.equal(await page.textContent('#program-note'), hostileNote);
      assert.equal(await page.locator('img[src="x"], main script').count(), 0);
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
    }));

  test('a clinic-hosted program previews from ?src=; a broken one lists its problems at their paths',
    withPage(() => browser, {}, async ({ page }) => {
      await page.goto(url('/preview.html?src=clinic-short.json'));
      await ready(page);
      assert.equal(await page.textContent('#program-title'), 'Clinic short test');
      await page.goto(url('/preview.html?src=broken.json'));
      await page.locator('#error').waitFor();
      assert.match(await page.textContent('#error-problems'), /blocks\[0\]\.dose\.reps/);
    }));

  test('a truncated or tampered link gets a clear message in the preview, the builder and the patient app',
    withPage(() => browser, {}, async ({ page }) => {
      await page.goto(url('/builder.html'));
      await ready(page);
      await page.selectOption('#start-from', { index: 1 });
      await page.click('#start-load');
      const good = await linkOf(page);
      const frag = good.slice(good.indexOf('#'));
      const truncated = frag.slice(0, -12);
      const i = frag.length - 8;
      const tampered = frag.slice(0, i) + (frag[i] === 'A' ? 'B' : 'A') + frag.slice(i + 1);

      await page.fill('#open-text', server.url + truncated);
      await page.click('#open-load');
      assert.match(await page.textContent('#open-message'), /incomplete/);

      for (const [bad, want] of [[truncated, /incomplete/], [tampered, /changed/]]) {
        await page.goto(url(`/preview.html?n=${want.source}${bad}`));
        await page.locator('#error').waitFor();
        assert.match(await page.textContent('#error-message'), want);
      }
      await page.goto(url(`/${truncated}`));
      await page.locator('#error').waitFor({ timeout: 30_000 });
      assert.match(await page.textContent('#error'), /incomplete|cut short/i);
    }));
});
