// The therapist's preview of a program: every exercise at every step of
// its ladder, played by the bare player (player.html, one at a time in an
// iframe, each as a one-exercise program carried in the link's fragment),
// and how each would progress under three scenarios, computed by the
// engine's own rules (wasm/tools simulate). Program text is only ever set as
// textContent, never parsed as HTML.

import { boot, params } from './boot.js';
import { $, el } from './dom.js';

const svgNS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, text) {
  const e = document.createElementNS(svgNS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

let tools;
const call = (name, ...args) => JSON.parse(tools[name](...args.map(String)));
let lang = 'en';
let names = {};
let programText = '';
let frameSeq = 0;

const scenarios = [
  { id: 'all-green', label: 'All green', colour: '#0b6e69', dash: '' },
  { id: 'some-amber', label: 'Some amber days', colour: '#a35d00', dash: '6 3' },
  { id: 'flare-week-2', label: 'Flare in week 2', colour: '#9b1c1c', dash: '2 3' },
];

const doseText = (d) => `${d.sets}×${d.reps}${d.holdSeconds ? `, hold ${d.holdSeconds} s` : ''}`;

function fail(title, message, problems = []) {
  document.body.dataset.state = 'error';
  $('error-title').textContent = title;
  $('error-message').textContent = message;
  $('error-problems').replaceChildren(...problems.map((p) => el('li', {}, `${p.path || 'program'}: ${p.msg}`)));
  $('error').hidden = false;
  $('program').hidden = true;
}

// show lays out the program in text (JSON or a share link).
function show(text) {
  programText = text;
  const pv = call('preview', text, lang);
  if (pv.error) {
    fail('This program cannot be previewed', pv.error, pv.problems);
    return;
  }
  $('error').hidden = true;
  $('program').hidden = false;
  document.body.dataset.state = 'ready';
  $('program-title').textContent = pv.title;
  // The simulation follows the program's schedule unless the link (the
  // builder's) says otherwise.
  const q = new URLSearchParams(location.search);
  if (!q.get('weeks')) $('weeks').value = pv.weeks;
  if (!q.get('perWeek')) $('per-week').value = pv.sessionsPerWeek;
  $('program-note').textContent = pv.note || '';
  $('exercises').replaceChildren(...pv.blocks.map((b) => {
    const li = el('li');
    const first = b.steps[b.start] || b.steps[0];
    li.append(el('strong', {}, first.name));
    const facts = [b.mode === 'graded-activity' ? 'graded activity' : 'pain-monitoring'];
    if (b.locked) facts.push('locked');
    if (b.steps.length > 1) facts.push(`${b.steps.length}-step ladder, starts at step ${b.start + 1}`);
    li.append(el('span', { className: 'detail' }, ` (${facts.join(', ')})`));
    const steps = el('ul', { className: 'steps' });
    for (const s of b.steps) {
      const item = el('li');
      const btn = el('button', { type: 'button', className: 'step-play' },
        `${b.steps.length > 1 ? `Step ${s.step + 1}: ` : ''}${s.name} — ${s.doseText}${b.steps.length > 1 && s.step === b.start ? ' (start)' : ''}`);
      btn.dataset.block = b.index;
      btn.dataset.step = s.step;
      btn.setAttribute('aria-pressed', 'false');
      btn.addEventListener('click', () => {
        for (const o of document.querySelectorAll('.step-play')) o.setAttribute('aria-pressed', String(o === btn));
        play(s);
      });
      item.append(btn);
      steps.append(item);
    }
    li.append(steps);
    return li;
  }));
  simulateAll();
}

// play loads one step into the bare player. The query changes every time,
// so that the frame loads afresh rather than only moving to a new fragment.
function play(s) {
  $('playing-title').textContent = s.name;
  $('playing-dose').textContent = `${s.doseText}, rest ${s.dose.restSeconds} s, ${s.dose.tempo.upSeconds} s up, ${s.dose.tempo.downSeconds} s down`;
  const frame = $('player');
  frame.hidden = false;
  frame.src = `player.html?speed=${encodeURIComponent($('speed').value)}&lang=${lang}&n=${++frameSeq}#${s.fragment}`;
  for (const id of ['play', 'pause', 'step']) $(id).disabled = true;
}

const frameDoc = () => $('player').contentDocument;
const frameState = () => frameDoc()?.body?.dataset.state;
const frameClick = (id) => frameDoc()?.getElementById(id)?.click();

function frameLoaded() {
  const doc = frameDoc();
  if (!doc?.body) return;
  doc.body.classList.toggle('spry-mirror', $('mirror').checked);
  const phase = () => {
    const t = (id) => doc.getElementById(id)?.textContent.trim() || '';
    $('player-phase').textContent = [t('phase'), t('side'), t('rep'), t('set')].filter(Boolean).join(' · ');
    const st = doc.body.dataset.state;
    $('play').disabled = !(st === 'ready' || st === 'paused');
    $('pause').disabled = st !== 'playing';
    $('step').disabled = !(st === 'ready' || st === 'paused' || st === 'playing');
  };
  new MutationObserver(phase).observe(doc.body, { subtree: true, childList: true, characterData: true, attributes: true });
  phase();
}

// stepPhase moves the player on to the start of the next phase (up, hold,
// down, rest, next rep or set) and pauses there: the player's own "Next
// phase" button, which sends the engine's "step" command.
function stepPhase() {
  frameClick('step');
}

function setSpeed() {
  const sel = frameDoc()?.getElementById('speed');
  if (!sel) return;
  sel.value = $('speed').value;
  sel.dispatchEvent(new Event('change'));
}

// simulateAll runs the three scenarios and draws, for each block, a chart
// and a table of its weeks.
function simulateAll() {
  const weeks = Number($('weeks').value) || 6;
  const perWeek = Number($('per-week').value) || 3;
  const tables = scenarios.map((sc) => call('simulate', programText, sc.id, weeks, perWeek, lang));
  const bad = tables.find((t) => t.error);
  const box = $('simulation');
  if (bad) {
    box.replaceChildren(el('p', { className: 'field-error' }, bad.error));
    return;
  }
  box.replaceChildren(...tables[0].blocks.map((b, i) => {
    const fig = el('figure', { className: 'chart sim' });
    const name = names[b.weeks[0]?.exercise] || b.weeks[0]?.exercise || `Exercise ${i + 1}`;
    const caption = `${i + 1}. ${name}: repetitions per session, week by week`;
    fig.append(el('figcaption', {}, caption));
    fig.append(chart(tables.map((t) => t.blocks[i]), weeks, caption));
    const details = el('details');
    details.append(el('summary', {}, 'Doses and reasons'));
    const table = el('table');
    table.append(el('caption', {}, caption));
    const head = el('tr');
    head.append(el('th', { scope: 'col' }, 'Week'), ...scenarios.map((s) => el('th', { scope: 'col' }, s.label)));
    table.append(el('thead'));
    table.tHead.append(head);
    const body = el('tbody');
    for (let w = 0; w < weeks; w++) {
      const tr = el('tr');
      tr.append(el('th', { scope: 'row' }, String(w + 1)));
      for (const t of tables) {
        const r = t.blocks[i].weeks[w];
        const td = el('td');
        if (r) {
          td.append(el('strong', {}, `${names[r.exercise] || r.exercise}: ${doseText(r)}`));
          td.append(el('span', { className: 'detail' }, ` ${r.kind}${r.rule ? ` (${r.rule})` : ''}. ${r.reason}`));
        }
        tr.append(td);
      }
      body.append(tr);
    }
    table.append(body);
    details.append(table);
    fig.append(details);
    return fig;
  }));
}

// chart draws one line per scenario of sets × reps at the end of each week.
function chart(blocks, weeks, caption) {
  const W = 380;
  const H = 160;
  const L = 34;
  const B = 24;
  const values = blocks.map((b) => b.weeks.map((r) => {
    const s = r.sessions?.at(-1) || r;
    return s.sets * s.reps;
  }));
  const max = Math.max(1, ...values.flat());
  const x = (w) => L + (weeks <= 1 ? 0 : (w * (W - L - 10)) / (weeks - 1));
  const y = (v) => H - B - (v / max) * (H - B - 10);
  const root = svg('svg', { viewBox: `0 0 ${W} ${H + 22}`, role: 'img', 'aria-label': caption, class: 'sim-chart' });
  root.append(svg('line', { x1: L, y1: H - B, x2: W - 5, y2: H - B, stroke: '#4d5a61' }));
  root.append(svg('line', { x1: L, y1: 5, x2: L, y2: H - B, stroke: '#4d5a61' }));
  root.append(svg('text', { x: L - 4, y: y(max) + 4, 'text-anchor': 'end', 'font-size': 10 }, String(max)));
  root.append(svg('text', { x: L - 4, y: H - B + 4, 'text-anchor': 'end', 'font-size': 10 }, '0'));
  for (let w = 0; w < weeks; w++) {
    if (weeks > 12 && w % 4) continue;
    root.append(svg('text', { x: x(w), y: H - B + 14, 'text-anchor': 'middle', 'font-size': 10 }, `W${w + 1}`));
  }
  values.forEach((vs, k) => {
    const sc = scenarios[k];
    root.append(svg('polyline', {
      points: vs.map((v, w) => `${x(w)},${y(v) + k}`).join(' '),
      fill: 'none', stroke: sc.colour, 'stroke-width': 2, 'stroke-dasharray': sc.dash,
    }));
  });
  scenarios.forEach((sc, k) => {
    const lx = L + k * 115;
    root.append(svg('line', { x1: lx, y1: H + 12, x2: lx + 18, y2: H + 12, stroke: sc.colour, 'stroke-width': 2, 'stroke-dasharray': sc.dash }));
    root.append(svg('text', { x: lx + 22, y: H + 16, 'font-size': 10 }, sc.label));
  });
  return root;
}

function attachTools(api, p) {
  tools = api;
  for (const e of call('library')) names[e.id] = e.name[lang] || e.name.en;
  const shipped = call('shipped');
  for (const s of shipped) $('shipped').append(el('option', { value: s.id }, s.title[lang] || s.title.en));
  $('loading').hidden = true;
  $('source').hidden = false;
  const q = new URLSearchParams(location.search);
  if (q.get('weeks')) $('weeks').value = q.get('weeks');
  if (q.get('perWeek')) $('per-week').value = q.get('perWeek');

  $('shipped').addEventListener('change', () => {
    const s = shipped.find((x) => x.id === $('shipped').value);
    if (s) show(JSON.stringify(s.program));
  });
  $('paste-open').addEventListener('click', () => show($('paste').value));
  $('player').addEventListener('load', frameLoaded);
  $('play').addEventListener('click', () => (frameState() === 'ready' ? frameClick('start') : frameClick('pause')));
  $('pause').addEventListener('click', () => frameClick('pause'));
  $('step').addEventListener('click', stepPhase);
  $('speed').addEventListener('change', setSpeed);
  $('mirror').addEventListener('change', () => frameDoc()?.body?.classList.toggle('spry-mirror', $('mirror').checked));
  for (const id of ['weeks', 'per-week']) $(id).addEventListener('change', () => programText && simulateAll());

  if (p.fragment) {
    show(p.fragment);
  } else if (p.loadError) {
    fail('This program cannot be previewed', p.loadError);
  } else if (p.src) {
    show(p.programText);
  } else if (p.program) {
    const s = shipped.find((x) => x.id === p.program);
    if (s) {
      $('shipped').value = s.id;
      show(JSON.stringify(s.program));
    } else {
      fail('This program cannot be previewed', `There is no shipped program called “${p.program}”.`);
    }
  } else {
    document.body.dataset.state = 'ready';
  }
}

const p = await params('tools');
lang = (p.lang || 'en').slice(0, 2).toLowerCase() === 'fr' ? 'fr' : 'en';
boot({ params: p, attach() {}, render() {}, stageRect: () => [0, 0, 0, 0], attachTools: (api) => attachTools(api, p) }, 'tools.wasm');
