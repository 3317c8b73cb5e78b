// The patient's Spry. The engine (spry.wasm, engine/app) decides every
// screen and words every string; this page draws the screen it describes and
// sends back what the patient tapped or typed. Everything from programs or
// patients is set as text (textContent, value), never parsed as HTML.

import { boot, hideCanvas, params, showBootError } from './boot.js';
import { $, el, playerFields, setText, showFields } from './dom.js';
import './embed-bridge.js';

let send = () => {};
let lastScreen = '';
let lastDownload = 0;
let lastAnnounce = '';

// renderScreen draws a question or information screen.
function renderScreen(v) {
  setText('screen-step', v.step || '');
  setText('screen-title', v.title || '');
  const body = $('screen-body');
  body.replaceChildren(...(v.body || []).map((p) => el('p', {}, p)));

  renderCharts(v);

  const list = $('screen-list');
  list.replaceChildren(...(v.list || []).map((row) => {
    const li = el('li');
    if (row.title) li.append(el('strong', {}, row.title));
    if (row.detail) li.append(el('span', { className: 'detail' }, row.detail));
    for (const c of row.changes || []) li.append(el('span', { className: 'change' }, c));
    return li;
  }));

  const scale = $('screen-scale');
  scale.hidden = !v.scale;
  if (v.scale) {
    setText('scale-legend', v.scale.label);
    setText('scale-low', v.scale.low);
    setText('scale-high', v.scale.high);
    const opts = $('scale-options');
    const key = `${v.screen}:${v.scale.min}-${v.scale.max}`;
    if (opts.dataset.key !== key) {
      opts.dataset.key = key;
      const items = [];
      for (let n = v.scale.min; n <= v.scale.max; n++) {
        const id = `scale-${n}`;
        const input = el('input', { type: 'radio', name: 'scale', id, value: String(n) });
        input.addEventListener('change', () => send('scale', input.value));
        const option = el('span', { className: 'scale-option' });
        option.append(input, el('label', { htmlFor: id }, String(n)));
        items.push(option);
      }
      opts.replaceChildren(...items);
    }
    for (const input of opts.querySelectorAll('input')) {
      input.checked = v.scale.value !== undefined && v.scale.value !== null && Number(input.value) === v.scale.value;
    }
  }

  const toggles = $('screen-toggles');
  toggles.replaceChildren(...(v.toggles || []).map((t) => {
    const id = `toggle-${t.id}`;
    const input = el('input', { type: 'checkbox', id, checked: t.on });
    input.addEventListener('change', () => send('toggle', t.id));
    const label = el('label', { htmlFor: id, className: 'toggle' });
    label.append(input, el('span', {}, t.label));
    return label;
  }));

  const field = $('screen-text');
  field.hidden = !v.text;
  if (v.text) {
    setText('note-label', v.text.label);
    const note = $('note');
    note.maxLength = v.text.max;
    if (document.activeElement !== note && note.value !== v.text.value) note.value = v.text.value;
  }

  const actions = $('screen-actions');
  actions.replaceChildren(...(v.actions || []).map((a) => {
    const b = el('button', { type: 'button', className: `action ${a.kind}` }, a.label);
    b.dataset.action = a.id;
    if (a.kind === 'selected') b.setAttribute('aria-pressed', 'true');
    b.addEventListener('click', () => {
      if (a.id === 'import') {
        $('import-file').click();
        return;
      }
      if (a.id === 'next' && v.text) send('text', $('note').value);
      send('act', a.id);
    });
    return b;
  }));
}

// renderCharts shows the history's charts. Each SVG is shown as an image,
// so nothing inside it can run; its data is also given as a plain table.
function renderCharts(v) {
  const box = $('screen-charts');
  const key = JSON.stringify(v.charts || []);
  if (box.dataset.key === key) return;
  box.dataset.key = key;
  box.replaceChildren(...(v.charts || []).map((c) => {
    const fig = el('figure', { className: 'chart' });
    fig.append(el('img', { src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(c.svg)}`, alt: c.caption }));
    const details = el('details');
    details.append(el('summary', {}, v.showTable || 'Show the numbers'));
    const table = el('table');
    table.append(el('caption', {}, c.caption));
    const head = el('tr');
    for (const h of c.header || []) head.append(el('th', { scope: 'col' }, h));
    table.append(el('thead'));
    table.tHead.append(head);
    const body = el('tbody');
    for (const row of c.rows || []) {
      const tr = el('tr');
      for (const cell of row) tr.append(el('td', {}, cell));
      body.append(tr);
    }
    table.append(body);
    details.append(table);
    fig.append(details);
    return fig;
  }));
}

// renderPlayer draws the follow-along player.
function renderPlayer(v) {
  const p = v.player;
  const c = v.controls;
  showFields(p, playerFields);
  document.body.dataset.state = p.state;
  setText('pause', p.paused ? c.resume : c.pause);
  setText('skip', c.skip);
  setText('done', c.done);
  setText('hurts', c.hurts);
  setText('rest-less', c.less);
  setText('rest-more', c.more);
  $('rest-less').setAttribute('aria-label', c.lessName);
  $('rest-more').setAttribute('aria-label', c.moreName);
  $('pause').disabled = !p.canPause;
  $('skip').disabled = !p.canSkip;
  $('done').hidden = !p.canFinish;
  $('rest-less').hidden = !p.canAdjustRest;
  $('rest-more').hidden = !p.canAdjustRest;
  const say = [p.phase, p.side, p.rep].filter(Boolean).join('. ');
  if (say !== lastAnnounce) {
    lastAnnounce = say;
    setText('announce', say);
  }
}

function offerDownload(d) {
  if (!d || d.seq === lastDownload) return;
  lastDownload = d.seq;
  const url = URL.createObjectURL(new Blob([d.data], { type: d.type }));
  const a = el('a', { href: url, download: d.name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// keepFocus runs redraw, which may replace the focused control (toggles
// and action buttons are drawn anew), and gives the focus to its
// replacement, so a keyboard or screen-reader user who switches a setting
// keeps their place instead of starting again from the top of the page.
function keepFocus(redraw) {
  const had = document.activeElement;
  redraw();
  if (!had || had === document.body || had.isConnected) return;
  const action = had.dataset?.action;
  const next = (had.id && $(had.id))
    || (action && document.querySelector(`#screen-actions [data-action="${CSS.escape(action)}"]`));
  if (next) next.focus({ preventScroll: true });
}

// render is called by the engine whenever what the patient sees changes.
function render(json) {
  const v = JSON.parse(json);
  if (v.error || v.state === 'error') {
    const e = v.error || {};
    showBootError(e.title || 'This program cannot be played', e.message || '');
    setText('error-contact', e.contact || '');
    $('screen').hidden = true;
    $('play').hidden = true;
    return;
  }
  $('loading').hidden = true;
  hideCanvas();
  document.documentElement.lang = v.lang;
  document.body.dataset.screen = v.screen;
  document.body.dataset.tone = v.tone || '';
  setText('nav-warning', v.nav.warning);
  $('play').setAttribute('aria-label', v.nav.exercise);
  $('stage').setAttribute('aria-label', v.nav.figure);
  setText('nav-history', v.nav.history);
  setText('nav-settings', v.nav.settings);
  for (const id of ['nav-warning', 'nav-history', 'nav-settings']) $(id).disabled = false;

  $('alert').hidden = !v.alert;
  setText('alert-text', v.alert || '');

  const playing = v.screen === 'player';
  $('play').hidden = !playing;
  $('screen').hidden = playing;
  if (playing) {
    renderPlayer(v);
  } else {
    document.body.dataset.state = 'ready';
    keepFocus(() => renderScreen(v));
  }
  if (v.screen !== lastScreen) {
    lastScreen = v.screen;
    // A new screen: screen readers start from its heading (the exercise's
    // name in the player).
    // Not before the patient has touched the page: an embedded player must
    // not take the focus (and scroll) from the clinic's page on load.
    if (navigator.userActivation?.hasBeenActive ?? true) {
      $(playing ? 'exercise' : 'screen-title').focus({ preventScroll: false });
    }
    window.scrollTo(0, 0);
  }
  offerDownload(v.download);
  window.dispatchEvent(new CustomEvent('spry:view', { detail: v })); // for embed-bridge.js
}

function stageRect() {
  const stage = $('stage');
  if ($('play').hidden) return [0, 0, 0, 0];
  const r = stage.getBoundingClientRect();
  return [r.left, r.top, r.width, r.height];
}

function attach(api) {
  send = (name, arg) => api.command(name, arg === undefined ? '' : String(arg));
  $('nav-warning').addEventListener('click', () => send('act', 'warning'));
  $('nav-history').addEventListener('click', () => send('act', 'history'));
  $('nav-settings').addEventListener('click', () => send('act', 'settings'));
  $('alert-dismiss').addEventListener('click', () => send('act', 'dismiss-alert'));
  $('pause').addEventListener('click', () => send('pause'));
  $('skip').addEventListener('click', () => send('skip'));
  $('done').addEventListener('click', () => send('done'));
  $('hurts').addEventListener('click', () => send('act', 'hurts'));
  $('rest-less').addEventListener('click', () => send('rest', -15));
  $('rest-more').addEventListener('click', () => send('rest', 15));
  $('note').addEventListener('input', (e) => send('text', e.target.value));
  $('import-file').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    e.target.value = '';
    if (file) send('import', await file.text());
  });
  document.addEventListener('visibilitychange', () => send('visible', !document.hidden));
  const moved = () => send('resize');
  window.addEventListener('resize', moved, { passive: true });
  window.addEventListener('scroll', moved, { passive: true });
}

boot({ params: await params('app'), attach, render, stageRect });
