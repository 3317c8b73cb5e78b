// Spry's bench (make bench): Spry against the floor, a minimal ebiten
// program built the same way (e2e/floor), in one run, printed as one table:
//
//   - wasm size raw, gzip -9 and brotli quality 11 (node's zlib);
//   - time from navigation to the first drawn frame (performance mark
//     "spry-first-frame", relative to navigation start), each run in a fresh
//     browser context, phone viewport, CPU throttled 4× (CDP
//     Emulation.setCPUThrottlingRate); the median over RUNS runs, for the
//     bare player (player.html), the patient's app (/) and the floor, taken
//     in turns so that all see the same machine.
//
// Targets: gzip size ≤ 1.25× the floor, first frame ≤ 1.3× the floor.
// Absolute times on this machine's software WebGL mean little: read the ratios.
//
// Environment: BENCH_RUNS (default 7, at least 5), BENCH_THROTTLE (default 4).
// `make bench` builds out/ and bin/bench/floor/ first.

import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { launchBrowser, phone, root, startServer, watchConsole } from './harness.mjs';

const runs = Math.max(5, Number(process.env.BENCH_RUNS || 7));
const throttle = Number(process.env.BENCH_THROTTLE || 4);
const targets = { gzip: 1.25, firstFrame: 1.3 };

// The pages timed, all served by one server: the bare player (the
// therapist's preview), the patient's app around it, and the floor. The
// player and the app load the same spry.wasm.
const spryWasm = join(root, 'out', 'spry.wasm');
const floorWasm = join(root, 'bin', 'bench', 'floor', 'floor.wasm');
const pages = [
  { name: 'player', path: '/player.html', allow: [] },
  { name: 'app', path: '/', allow: [] },
  {
    name: 'floor',
    path: '/floor/',
    // ebiten's audio loads its worklet from a blob: URL, which the site's
    // CSP refuses (see cmd/spry/internal/server); the floor still draws.
    allow: [/Failed to load worklet module script: blob:/],
  },
];

function sizes(file) {
  const raw = readFileSync(file);
  const gzip = gzipSync(raw, { level: 9 }).length;
  const brotli = brotliCompressSync(raw, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  }).length;
  return { raw: statSync(file).size, gzip, brotli };
}

// firstFrame loads url in a fresh phone context with the CPU throttled and
// resolves to the first-frame mark's time in ms after navigation start.
async function firstFrame(browser, url, allow) {
  const context = await browser.newContext(phone);
  try {
    const page = await context.newPage();
    const watch = watchConsole(page, allow);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await page.goto(url, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(() => {
      const m = performance.getEntriesByName('spry-first-frame')[0];
      return m ? m.startTime : false;
    }, null, { timeout: 60_000, polling: 20 }).catch(async (err) => {
      const state = await page.evaluate(() => document.body?.dataset.state).catch(() => '?');
      throw new Error(`${url}: no first frame (state ${state}): ${err.message}\n  ${watch.log.slice(-10).join('\n  ')}`);
    });
    const ms = await handle.jsonValue();
    if (watch.problems.length > 0) throw new Error(`${url}: ${watch.problems.join('; ')}`);
    return ms;
  } finally {
    await context.close();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const mb = (n) => `${(n / 1e6).toFixed(2)} MB`;
const ms = (n) => `${Math.round(n)} ms`;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;

const size = { spry: sizes(spryWasm), floor: sizes(floorWasm) };

let version = '?';
const server = await startServer(['out', 'bin/bench']);
const browser = await launchBrowser();
version = browser.version();
const times = Object.fromEntries(pages.map((p) => [p.name, []]));
try {
  // One untimed load each first, so that all start from the same warm
  // server and OS file cache; the browser context is fresh every time.
  for (const p of pages) await firstFrame(browser, new URL(p.path, server.url).href, p.allow);
  for (let i = 0; i < runs; i++) {
    const order = i % 2 ? [...pages].reverse() : pages;
    for (const p of order) times[p.name].push(await firstFrame(browser, new URL(p.path, server.url).href, p.allow));
    process.stderr.write(`run ${i + 1}/${runs}: ${pages.map((p) => `${p.name} ${ms(times[p.name].at(-1))}`).join(', ')}\n`);
  }
} finally {
  await browser.close();
  await server.stop();
}

const ff = Object.fromEntries(pages.map((p) => [p.name, median(times[p.name])]));
const range = (xs) => `${ms(Math.min(...xs))}..${ms(Math.max(...xs))}`;
const ok = (r, target) => (r <= target ? 'ok' : 'OVER');
const rows = [
  ['', 'Spry', 'floor', 'Spry/floor', 'target'],
  ['spry.wasm raw', mb(size.spry.raw), mb(size.floor.raw), ratio(size.spry.raw, size.floor.raw), ''],
  ['spry.wasm gzip -9', mb(size.spry.gzip), mb(size.floor.gzip), ratio(size.spry.gzip, size.floor.gzip),
    `≤ ${targets.gzip}× ${ok(size.spry.gzip / size.floor.gzip, targets.gzip)}`],
  ['spry.wasm brotli q11', mb(size.spry.brotli), mb(size.floor.brotli), ratio(size.spry.brotli, size.floor.brotli), ''],
  [`first frame, player.html (median of ${runs})`, ms(ff.player), ms(ff.floor), ratio(ff.player, ff.floor),
    `≤ ${targets.firstFrame}× ${ok(ff.player / ff.floor, targets.firstFrame)}`],
  [`first frame, app / (median of ${runs})`, ms(ff.app), ms(ff.floor), ratio(ff.app, ff.floor),
    `≤ ${targets.firstFrame}× ${ok(ff.app / ff.floor, targets.firstFrame)}`],
  ['  player.html min..max', range(times.player), range(times.floor), '', ''],
  ['  app / min..max', range(times.app), range(times.floor), '', ''],
];
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
const line = (r) => `| ${r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
console.log(`\nSpry bench: phone 390×844 @3, CPU throttle ${throttle}×, fresh context per load, Chromium ${version}`);
console.log(line(rows[0]));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows.slice(1)) console.log(line(r));
