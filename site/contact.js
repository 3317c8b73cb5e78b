// The contact sheet: every exercise and motion clip animating side by side,
// each with its key poses as still pictures (out/stills/, written by
// `spry stills` at build time). spry.wasm in "sheet" mode (wasm/sheet.go)
// draws one figure per cell into the canvas behind the page; this page lays
// the cells out and tells it where they are.
//
// ?lang=fr names the exercises in French; ?pose=start or ?pose=hold freezes
// every figure at that key pose (for screenshots).

import { boot, params, showBootError } from './boot.js';
import { $ } from './dom.js';

const query = new URLSearchParams(location.search);
const pose = ['start', 'hold'].includes(query.get('pose')) ? query.get('pose') : '';

let send = () => {};
let built = false;
// figures are the elements the wasm draws into, in the view's cell order.
let figures = [];
let lastSent = '';
let scheduled = false;

// stills resolves to the stills' index (clip ID → files and size), or an
// empty map when the stills were not built.
const stills = fetch('stills/index.json')
  .then((res) => (res.ok ? res.json() : { clips: [] }))
  .then((idx) => new Map(idx.clips.map((c) => [c.id, c])))
  .catch(() => new Map());

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

// words are the page's own words in the sheet's languages.
const words = {
  en: { pose: { start: 'start pose', hold: 'hold pose' }, animated: 'animated' },
  fr: { pose: { start: 'position de départ', hold: 'position tenue' }, animated: 'animé' },
};

// build lays out one cell per entry of the view: the moving figure's box,
// its name and clip ID, and the clip's stills.
async function build(cells, lang) {
  const index = await stills;
  const sheet = $('sheet');
  if (!words[lang]) lang = 'en';
  document.documentElement.lang = lang;
  for (const c of cells) {
    const cell = el('figure', 'cell');
    cell.dataset.clip = c.clip;
    if (c.exercise) cell.dataset.exercise = c.exercise;
    const fig = el('div', 'cell-figure');
    fig.setAttribute('role', 'img');
    fig.setAttribute('aria-label', `${c.name}, ${words[lang].animated}`);
    cell.append(fig);
    const cap = el('figcaption', 'cell-caption');
    cap.append(el('span', 'cell-name', c.name), ' ', el('code', 'cell-clip', c.clip));
    cell.append(cap);
    const s = index.get(c.clip);
    if (s) {
      const row = el('div', 'cell-stills');
      for (const p of ['start', 'hold']) {
        if (!s.files[p]) continue;
        const img = el('img');
        img.src = `stills/${s.files[p]}`;
        img.width = s.width;
        img.height = s.height;
        img.alt = `${c.name}: ${words[lang].pose[p]}`;
        img.loading = 'lazy';
        img.dataset.pose = p;
        row.append(img);
      }
      cell.append(row);
    }
    sheet.append(cell);
    figures.push(fig);
  }
  built = true;
}

// sendCells tells the wasm the viewport's size and every cell's rectangle,
// when they changed since it last did.
function sendCells() {
  scheduled = false;
  const root = document.documentElement;
  const nums = [root.clientWidth, root.clientHeight];
  for (const f of figures) {
    const r = f.getBoundingClientRect();
    nums.push(r.left, r.top, r.width, r.height);
  }
  const arg = nums.map((n) => Math.round(n * 100) / 100).join(',');
  if (arg === lastSent) return;
  lastSent = arg;
  send('cells', arg);
}

function schedule() {
  if (!built || scheduled) return;
  scheduled = true;
  requestAnimationFrame(sendCells);
}

let rendering = Promise.resolve();

// render shows the sheet's view: the cells, once, then how many layouts the
// wasm has taken (data-seq, which tests wait on).
function render(json) {
  const v = JSON.parse(json);
  if (v.error) {
    document.body.dataset.state = 'error';
    $('error-title').textContent = v.error.title || 'The contact sheet cannot be shown';
    $('error-message').textContent = v.error.message || '';
    $('error').hidden = false;
    $('loading').hidden = true;
    return;
  }
  rendering = rendering.then(async () => {
    if (!built) {
      await build(v.cells || [], v.lang || 'en');
      $('loading').hidden = true;
      new ResizeObserver(schedule).observe($('sheet'));
      schedule();
    }
    document.body.dataset.seq = String(v.seq);
    document.body.dataset.pose = v.pose || '';
    if (v.seq > 0) document.body.dataset.state = 'ready';
  }).catch((err) => showBootError('The contact sheet failed', String(err.message || err)));
}

// stageRect is the whole viewport: the cells are drawn wherever they are.
function stageRect() {
  const root = document.documentElement;
  return [0, 0, root.clientWidth, root.clientHeight];
}

function attach(api) {
  send = (name, arg) => api.command(name, arg === undefined ? '' : String(arg));
  if (pose) send('pose', pose);
  document.addEventListener('visibilitychange', () => send('visible', !document.hidden));
  window.addEventListener('resize', schedule, { passive: true });
  window.addEventListener('scroll', schedule, { passive: true });
}

boot({ params: await params('sheet'), attach, render, stageRect });
