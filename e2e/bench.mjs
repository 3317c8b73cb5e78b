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
// A second table follows for the motion library (issue 3): see the end of this file.
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

// Issue 3 (motion), printed as a second table in the same run:
//
//   - one frame's drawing of the figure: BenchmarkDraw in engine/figure
//     (sample the bridge clip, forward kinematics, the draw list into a
//     reused Drawing), natively, `go test -bench` at -benchtime 1s, the
//     median of 3 counts. Target ≤ 0.5 ms.
//   - the motion library's share of the wasm, gzip -9: two tiny js/wasm
//     programs built like the player, written into bin/bench/_motion/ (a
//     folder `./...` skips). Both decode and validate an exercise library
//     with engine/program and use image/color, as the player does anyway;
//     "with" also embeds a copy of programs/motions/*.json, decodes and
//     validates every clip (engine/motion), samples it at each phase,
//     mirrors it and draws it (engine/figure) with its frame, props and a
//     highlight, as the player does. The share is the difference of their
//     gzip sizes: the motion and figure code and the clip JSON, not what
//     the player links anyway. The clip JSON alone, gzipped file by file,
//     is shown beside it.
//     Target ≤ 150 KB.
{
  const { execFileSync } = await import('node:child_process');
  const { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } = await import('node:fs');
  const go = process.env.GO || 'go';
  const run = (args, env = {}) => execFileSync(go, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });

  const out = run(['test', './engine/figure', '-run', '^$', '-bench', '^BenchmarkDraw$', '-benchmem', '-count', '3']);
  const nsPerOp = [...out.matchAll(/^BenchmarkDraw-\d+\s+\d+\s+([\d.]+) ns\/op\s+(\d+) B\/op\s+(\d+) allocs\/op/gm)];
  if (nsPerOp.length === 0) throw new Error(`BenchmarkDraw printed no result:\n${out}`);
  const drawMs = median(nsPerOp.map((m) => Number(m[1]))) / 1e6;
  const allocs = Math.max(...nsPerOp.map((m) => Number(m[3])));
  // The same frame turned into antialiased triangles for the GPU
  // (wasm/render's Mesh, plain Go), a cost the figure's drawing does not
  // include.
  const meshOut = run(['test', './wasm/render', '-run', '^$', '-bench', '^BenchmarkMesh$', '-benchmem', '-count', '3']);
  const meshRuns = [...meshOut.matchAll(/^BenchmarkMesh-\d+\s+\d+\s+([\d.]+) ns\/op\s+([\d.]+) vertices\s+\d+ B\/op\s+(\d+) allocs\/op/gm)];
  if (meshRuns.length === 0) throw new Error(`BenchmarkMesh printed no result:\n${meshOut}`);
  const meshMs = median(meshRuns.map((m) => Number(m[1]))) / 1e6;
  const meshVertices = Number(meshRuns[0][2]);
  const meshAllocs = Math.max(...meshRuns.map((m) => Number(m[3])));

  const probe = join(root, 'bin', 'bench', '_motion');
  // Both probes decode and validate an exercise library with engine/program
  // and use image/color, as the player does anyway; only "with" has motion.
  const common = `
const lib = \`{"schema": 1, "exercises": [{"id": "x", "name": {"en": "X"}, "motion": "x", "sides": "both",
 "steps": {"en": ["a", "b", "c"]}, "dose": {"sets": 1, "reps": 1, "restSeconds": 0, "tempo": {"upSeconds": 1, "downSeconds": 1}}}]}\`

func library() int {
	l, err := program.DecodeLibrary(strings.NewReader(lib))
	if err != nil {
		panic(err)
	}
	if err := l.Validate(); err != nil {
		fmt.Println(err)
	}
	c := color.NRGBA{1, 2, 3, 4}
	return len(l.Exercises) + int(c.R)
}
`;
  const programsSrc = {
    with: `package main

import (
	"embed"
	"fmt"
	"image/color"
	"strings"

	"spry/engine/figure"
	"spry/engine/motion"
	"spry/engine/program"
)

//go:embed motions/*.json
var files embed.FS

func main() {
	n := library()
	entries, err := files.ReadDir("motions")
	if err != nil {
		panic(err)
	}
	for _, e := range entries {
		f, err := files.Open("motions/" + e.Name())
		if err != nil {
			panic(err)
		}
		c, err := motion.DecodeClip(f)
		f.Close()
		if err != nil {
			panic(err)
		}
		if err := c.Validate(); err != nil {
			panic(err)
		}
		for _, ph := range []string{motion.PhaseStart, motion.PhaseUp, motion.PhaseHold, motion.PhaseDown} {
			pts := c.Sample(ph, 0.5).Mirror().Points(motion.Standard())
			st := figure.Style{View: figure.Frame(c.Bounds()), Props: c.PlacedProps(), Highlight: []string{"core"}, HighlightLevel: 1}
			d := figure.Draw(pts, st)
			n += len(d.Shapes)
		}
	}
	fmt.Println(n)
}
` + common,
    without: `package main

import (
	"fmt"
	"image/color"
	"strings"

	"spry/engine/program"
)

func main() {
	fmt.Println(library())
}
` + common,
  };
  const wasmSize = {};
  for (const [name, src] of Object.entries(programsSrc)) {
    mkdirSync(join(probe, name), { recursive: true });
    if (name === 'with') {
      // The shipped clips, embedded as programs/ embeds them.
      rmSync(join(probe, name, 'motions'), { recursive: true, force: true });
      cpSync(join(root, 'programs', 'motions'), join(probe, name, 'motions'), { recursive: true });
    }
    writeFileSync(join(probe, name, 'main.go'), src);
    const file = join(probe, `${name}.wasm`);
    run(['build', '-trimpath', '-ldflags=-s -w', '-o', file, `./bin/bench/_motion/${name}`], { GOOS: 'js', GOARCH: 'wasm' });
    wasmSize[name] = sizes(file);
  }
  const motionDir = join(root, 'programs', 'motions');
  const json = readdirSync(motionDir).filter((f) => f.endsWith('.json'))
    .map((f) => readFileSync(join(motionDir, f)));
  const jsonRaw = json.reduce((n, b) => n + b.length, 0);
  const jsonGzip = json.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);

  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const share = wasmSize.with.gzip - wasmSize.without.gzip;
  const motionTargets = { drawMs: 0.5, shareKB: 150 };
  const rows2 = [
    ['', 'measured', 'target'],
    [`one frame's drawing of the figure (BenchmarkDraw, median of ${nsPerOp.length})`,
      `${drawMs.toFixed(3)} ms, ${allocs} allocs`, `≤ ${motionTargets.drawMs} ms ${ok(drawMs, motionTargets.drawMs)}`],
    [`  and its triangles for the GPU at 3× (BenchmarkMesh, ${meshVertices} vertices)`,
      `${meshMs.toFixed(3)} ms, ${meshAllocs} allocs`, ''],
    ['motion library\'s share of the wasm, gzip -9 (with − without)', kb(share),
      `≤ ${motionTargets.shareKB} KB ${ok(share / 1024, motionTargets.shareKB)}`],
    ['  probe wasm with / without, gzip -9', `${kb(wasmSize.with.gzip)} / ${kb(wasmSize.without.gzip)}`, ''],
    ['  probe wasm with / without, raw', `${kb(wasmSize.with.raw)} / ${kb(wasmSize.without.raw)}`, ''],
    [`  clip JSON (${json.length} files), raw / gzip -9 per file`, `${kb(jsonRaw)} / ${kb(jsonGzip)}`, ''],
  ];
  const w2 = rows2[0].map((_, c) => Math.max(...rows2.map((r) => r[c].length)));
  const line2 = (r) => `| ${r.map((cell, c) => (c === 0 ? cell.padEnd(w2[c]) : cell.padStart(w2[c]))).join(' | ')} |`;
  console.log(`\nMotion (issue 3): native ${process.arch}, Go benchmark; js/wasm probes built with -trimpath -ldflags='-s -w'`);
  console.log(line2(rows2[0]));
  console.log(`|${w2.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows2.slice(1)) console.log(line2(r));
}

// Issues 4 and 5, a third table in the same run:
//
//   - the next session's plan from two years of daily sessions:
//     BenchmarkNext in engine/progress, natively, median of 3. Target ≤ 5 ms.
//   - the stored size of a year of daily sessions (records and keys):
//     TestStoredSize in engine/progress. Target ≤ 300 KB.
//   - loading two years of daily sessions from the real localStorage in
//     Chromium (wasm/store TestLoadBench): the first load, on cold wasm
//     code (median of 5 runs), and the steady time. Target ≤ 50 ms.
//   - from tapping Start to the first frame in which the figure moves: the
//     bare player (player.html) at the phone viewport, scale 1 (software
//     WebGL; see shared/BROWSER.md), no CPU throttle; the time from the
//     click (performance.now() in the page just before it) to the
//     "spry-moving-frame" mark the player sets when it draws its first
//     moving frame; median of RUNS fresh contexts. Target ≤ 100 ms.
//   - long tasks (> 50 ms, PerformanceObserver 'longtask') in the first 20 s
//     of a session at 1×, same page and viewport, next to the floor's over
//     20 s in the same run. Target: none.
{
  const { execFileSync } = await import('node:child_process');
  const go = process.env.GO || 'go';
  const run = (args) => execFileSync(go, args, { cwd: root, encoding: 'utf8' });
  const next = run(['test', './engine/progress', '-run', '^$', '-bench', '^BenchmarkNext$', '-count', '3']);
  const nextMs = median([...next.matchAll(/^BenchmarkNext\S*\s+\d+\s+([\d.]+) ns\/op/gm)].map((m) => Number(m[1]))) / 1e6;
  const sizeOut = run(['test', './engine/progress', '-run', '^TestStoredSize$', '-v', '-count', '1']);
  const sizeKB = Number(/(\d+) KB = /.exec(sizeOut)?.[1] ?? NaN);
  // Loading two years of history from the real localStorage: wasm/store's
  // TestLoadBench, run in Chromium by the browser test that runs Go tests
  // there (gotest.test.mjs). The first load runs on V8's baseline wasm code,
  // as a patient's first load after opening the page does; the steady one
  // is a Go benchmark on optimized code.
  // A first load runs on cold code, and on this 2-core machine it is
  // bimodal: most runs take 35-55 ms, some 65-95 ms, when V8's background
  // compilation of the wasm takes the other core. The median of 5 runs,
  // each in a fresh page, with the range.
  const firsts = [];
  const steadies = [];
  for (let i = 0; i < 5; i++) {
    const loadOut = execFileSync(process.execPath, ['--test', 'gotest.test.mjs'], {
      cwd: join(root, 'e2e'),
      encoding: 'utf8',
      env: { ...process.env, SPRY_GOTEST_PKGS: './wasm/store', SPRY_GOTEST_ARGS: '-test.run=^TestLoadBench$' },
    });
    const loadM = /first load ([\d.]+) ms, then ([\d.]+) ms\/op/.exec(loadOut);
    if (!loadM) throw new Error(`no load figure in TestLoadBench's output:\n${loadOut}`);
    firsts.push(Number(loadM[1]));
    steadies.push(Number(loadM[2]));
  }
  const [loadFirst, loadSteady] = [median(firsts), median(steadies)];
  const loadRange = `${Math.round(Math.min(...firsts))}..${Math.round(Math.max(...firsts))} ms`;

  const longTaskObserver = () => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask', buffered: true });
  };
  const scale1 = { viewport: phone.viewport, deviceScaleFactor: 1, isMobile: true, hasTouch: true };
  const server2 = await startServer(['out', 'bin/bench']);
  const browser2 = await launchBrowser();
  const startMs = [];
  const tasks = { player: [], floor: [] };
  try {
    for (let i = 0; i < Math.max(3, Math.min(runs, 5)); i++) {
      const context = await browser2.newContext(scale1);
      const page = await context.newPage();
      await page.addInitScript(longTaskObserver);
      await page.goto(new URL('/player.html', server2.url).href);
      await page.waitForFunction(() => document.body.dataset.state === 'ready' && performance.getEntriesByName('spry-first-frame').length > 0);
      await page.waitForTimeout(500);
      const t0 = await page.evaluate(() => {
        const t = performance.now();
        document.getElementById('start').click();
        return t;
      });
      const mark = await page.waitForFunction(() => performance.getEntriesByName('spry-moving-frame')[0]?.startTime ?? false, null, { polling: 5 });
      startMs.push((await mark.jsonValue()) - t0);
      if (i === 0) {
        await page.evaluate(() => { window.__longTasks = []; });
        await page.waitForTimeout(20_000);
        tasks.player = await page.evaluate(() => window.__longTasks);
      }
      await context.close();
    }
    const context = await browser2.newContext(scale1);
    const page = await context.newPage();
    watchConsole(page, [/Failed to load worklet module script: blob:/]);
    await page.addInitScript(longTaskObserver);
    await page.goto(new URL('/floor/', server2.url).href);
    await page.waitForFunction(() => performance.getEntriesByName('spry-first-frame').length > 0);
    await page.evaluate(() => { window.__longTasks = []; });
    await page.waitForTimeout(20_000);
    tasks.floor = await page.evaluate(() => window.__longTasks);
    await context.close();
  } finally {
    await browser2.close();
    await server2.stop();
  }
  const count = (xs) => `${xs.length}${xs.length ? ` (longest ${Math.max(...xs)} ms)` : ''}`;
  const rows3 = [
    ['', 'Spry', 'floor', 'target'],
    ['next plan, 2 years of daily sessions (native)', `${nextMs.toFixed(2)} ms`, '', `≤ 5 ms ${ok(nextMs, 5)}`],
    ['stored size, a year of daily sessions', `${sizeKB} KB`, '', `≤ 300 KB ${ok(sizeKB, 300)}`],
    ['load 2 years of history from localStorage (Chromium), first load, median of 5', ms(loadFirst), '', `≤ 50 ms ${ok(loadFirst, 50)}`],
    ['  first loads min..max', loadRange, '', ''],
    ['  the same, steady (Go benchmark, optimized code)', ms(loadSteady), '', `≤ 50 ms ${ok(loadSteady, 50)}`],
    ['Start tap → first moving frame (player.html @1)', ms(median(startMs)), '', `≤ 100 ms ${ok(median(startMs), 100)}`],
    ['long tasks > 50 ms in 20 s (session at 1×, @1)', count(tasks.player), count(tasks.floor), `none ${tasks.player.length === 0 ? 'ok' : 'OVER'}`],
  ];
  const w3 = rows3[0].map((_, c) => Math.max(...rows3.map((r) => r[c].length)));
  const line3 = (r) => `| ${r.map((cell, c) => (c === 0 ? cell.padEnd(w3[c]) : cell.padStart(w3[c]))).join(' | ')} |`;
  console.log('\nProgress and session (issues 4 and 5): software WebGL at scale 1, unthrottled');
  console.log(line3(rows3[0]));
  console.log(`|${w3.map((x) => '-'.repeat(x + 2)).join('|')}|`);
  for (const r of rows3.slice(1)) console.log(line3(r));
}
