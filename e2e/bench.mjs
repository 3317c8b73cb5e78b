// Spry's bench (make bench): the player against the floor, a minimal ebiten
// program built the same way (e2e/floor), in one run, printed as one table:
//
//   - wasm size raw, gzip -9 and brotli quality 11 (node's zlib);
//   - time from navigation to the first drawn frame (performance mark
//     "spry-first-frame", relative to navigation start), each run in a fresh
//     browser context, phone viewport, CPU throttled 4× (CDP
//     Emulation.setCPUThrottlingRate); the median over RUNS runs, player and
//     floor alternating so that both see the same machine.
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

const subjects = [
  { name: 'player', wasm: join(root, 'out', 'spry.wasm'), path: '/', allow: [] },
  {
    name: 'floor',
    wasm: join(root, 'bin', 'bench', 'floor', 'floor.wasm'),
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
    }, null, { timeout: 60_000, polling: 20 });
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

const size = Object.fromEntries(subjects.map((s) => [s.name, sizes(s.wasm)]));

let version = '?';
const server = await startServer(['out', 'bin/bench']);
const browser = await launchBrowser();
version = browser.version();
const times = { player: [], floor: [] };
try {
  // One untimed load each first, so that both start from the same warm
  // server and OS file cache; the browser context is fresh every time.
  for (const s of subjects) await firstFrame(browser, new URL(s.path, server.url).href, s.allow);
  for (let i = 0; i < runs; i++) {
    const order = i % 2 ? [...subjects].reverse() : subjects;
    for (const s of order) times[s.name].push(await firstFrame(browser, new URL(s.path, server.url).href, s.allow));
    process.stderr.write(`run ${i + 1}/${runs}: player ${ms(times.player.at(-1))}, floor ${ms(times.floor.at(-1))}\n`);
  }
} finally {
  await browser.close();
  await server.stop();
}

const ff = { player: median(times.player), floor: median(times.floor) };
const ok = (r, target) => (r <= target ? 'ok' : 'OVER');
const rows = [
  ['', 'player', 'floor', 'player/floor', 'target'],
  ['wasm raw', mb(size.player.raw), mb(size.floor.raw), ratio(size.player.raw, size.floor.raw), ''],
  ['wasm gzip -9', mb(size.player.gzip), mb(size.floor.gzip), ratio(size.player.gzip, size.floor.gzip),
    `≤ ${targets.gzip}× ${ok(size.player.gzip / size.floor.gzip, targets.gzip)}`],
  ['wasm brotli q11', mb(size.player.brotli), mb(size.floor.brotli), ratio(size.player.brotli, size.floor.brotli), ''],
  [`first frame (median of ${runs})`, ms(ff.player), ms(ff.floor), ratio(ff.player, ff.floor),
    `≤ ${targets.firstFrame}× ${ok(ff.player / ff.floor, targets.firstFrame)}`],
  ['first frame min..max', `${ms(Math.min(...times.player))}..${ms(Math.max(...times.player))}`,
    `${ms(Math.min(...times.floor))}..${ms(Math.max(...times.floor))}`, '', ''],
];
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
const line = (r) => `| ${r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
console.log(`\nSpry bench: phone 390×844 @3, CPU throttle ${throttle}×, fresh context per load, Chromium ${version}`);
console.log(line(rows[0]));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows.slice(1)) console.log(line(r));
