// The therapist's program builder. Every check is the engine's own
// (wasm/tools, through spry.wasm in "tools" mode): the page only lays out
// the program as fields, sends the program's JSON to validate() on every
// change and shows each problem next to the field its path names. Program
// text is only ever set as value or textContent, never parsed as HTML.

import { boot, params } from './boot.js';
import { $, el } from './dom.js';

let tools;
// call runs one of the engine's tools and parses its JSON answer.
const call = (name, ...args) => JSON.parse(tools[name](...args.map(String)));

let library = [];
let defaults = {};
let shipped = [];
// model is the program being built, shaped like the program file, so that a
// field's data-path is also the engine's path to it ("blocks[1].dose.reps").
let model;
let current = null; // the last valid program's JSON

const doseFields = [
  ['sets', 'Sets'], ['reps', 'Reps'], ['holdSeconds', 'Hold (s)'], ['restSeconds', 'Rest (s)'],
  ['tempo.upSeconds', 'Up (s)'], ['tempo.downSeconds', 'Down (s)'],
];

// ruleLabels name the rule thresholds (program.RuleSet) for the therapist.
const ruleLabels = {
  greenMax: 'Green zone: pain up to', amberMax: 'Amber zone: pain up to',
  sessionsInARow: 'Sessions in a row before a step up', effortMax: 'Highest effort for a step up',
  repCeiling: 'Most reps per set', repStep: 'Reps added by a step up', holdStepSeconds: 'Hold added by a step up (s)',
  bracingHoldCapSeconds: 'Longest bracing hold (s)', holdCapSeconds: 'Longest other hold (s)', maxSets: 'Most sets',
  afterPainMax: 'Highest pain after (P2)', morningStepBack: 'Next-morning rise that steps back (P3)',
  weeklyPainRise: 'Weekly pain rise that steps back (P4)', weeklyMinReadings: 'Pain readings a week needs (P4)',
  gapDays: 'Longest break (days)', baselineSessions: 'Graded: baseline sessions',
  quotaFraction: 'Graded: first quota (fraction of baseline)', quotaIncrement: 'Graded: reps added each session',
};

const clone = (v) => JSON.parse(JSON.stringify(v));
const exerciseName = (id) => library.find((e) => e.id === id)?.name?.en ?? id;
const defaultDose = (id) => clone(library.find((e) => e.id === id)?.dose
  ?? { sets: 1, reps: 10, restSeconds: 30, tempo: { upSeconds: 2, downSeconds: 2 } });

function emptyProgram() {
  return {
    id: 'my-program', title: { en: '', fr: '' }, note: { en: '', fr: '' }, contact: { en: '', fr: '' },
    getReadySeconds: 5, switchSideSeconds: 5, restBetweenExercisesSeconds: 20,
    // The engine's default: every day for 6 weeks.
    schedule: { sessionsPerWeek: 7, weeks: 6 },
    blocks: [],
  };
}

// fromProgram turns a program file's object into the builder's model.
function fromProgram(p) {
  const m = emptyProgram();
  m.id = p.id ?? '';
  for (const k of ['title', 'note', 'contact']) m[k] = { en: '', fr: '', ...(p[k] || {}) };
  for (const k of ['getReadySeconds', 'switchSideSeconds', 'restBetweenExercisesSeconds']) m[k] = p[k] ?? 0;
  const s = p.schedule || {};
  m.schedule = { sessionsPerWeek: s.sessionsPerWeek || s.days?.length || 7, weeks: s.weeks || 6 };
  // Weekdays named in the file are kept while the count stays theirs.
  if (s.days?.length) m.schedule.days = [...s.days];
  m.blocks = (p.blocks || []).map((b) => ({
    exercise: b.exercise,
    dose: b.dose ? clone(b.dose) : defaultDose(b.exercise),
    ladder: (b.ladder || []).map((s) => ({ exercise: s.exercise, dose: s.dose ? clone(s.dose) : defaultDose(s.exercise), bracing: !!s.bracing })),
    start: b.start || 0,
    rules: b.rules ? clone(b.rules) : null,
    locked: !!b.locked,
    mode: b.mode || '',
  }));
  return m;
}

function newBlock(id) {
  return { exercise: id, dose: defaultDose(id), ladder: [], start: 0, rules: null, locked: false, mode: '' };
}

// text keeps the languages that have text.
function text(t, required) {
  const out = {};
  for (const [k, v] of Object.entries(t || {})) if (v !== '') out[k] = v;
  return Object.keys(out).length || required ? out : undefined;
}

// programObject is the program file the model describes.
function programObject() {
  const m = model;
  return {
    schema: 1,
    id: m.id,
    title: text(m.title, true),
    note: text(m.note),
    contact: text(m.contact),
    getReadySeconds: m.getReadySeconds,
    switchSideSeconds: m.switchSideSeconds,
    restBetweenExercisesSeconds: m.restBetweenExercisesSeconds,
    schedule: scheduleObject(m.schedule),
    blocks: m.blocks.map((b) => {
      const out = { exercise: b.exercise };
      if (b.ladder.length) {
        out.ladder = b.ladder.map((s) => ({ exercise: s.exercise, dose: s.dose, ...(s.bracing ? { bracing: true } : {}) }));
        out.start = b.start;
        out.exercise = b.ladder[b.start]?.exercise ?? b.ladder[0].exercise;
      } else {
        out.dose = b.dose;
      }
      if (b.rules) out.rules = b.rules;
      if (b.locked) out.locked = true;
      if (b.mode) out.mode = b.mode;
      return out;
    }),
  };
}

// scheduleObject is the program file's schedule: left out when it is the
// engine's default (every day for 6 weeks).
function scheduleObject(s) {
  const { sessionsPerWeek: n, weeks, days } = s;
  if (days?.length && days.length === n) return { days, weeks };
  if (n === 7 && weeks === 6) return undefined;
  return { sessionsPerWeek: n, weeks };
}

// setPath stores value in the model at an engine path such as
// "blocks[1].dose.tempo.upSeconds".
function setPath(path, value) {
  const keys = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  let o = model;
  for (const k of keys.slice(0, -1)) o = o[k];
  o[keys.at(-1)] = value;
}

function getPath(path) {
  return path.replace(/\[(\d+)\]/g, '.$1').split('.').reduce((o, k) => (o == null ? undefined : o[k]), model);
}

// readInput gives a number field's value as a number when it is one, and
// as typed otherwise, so that the engine names what is wrong with it.
function readInput(input) {
  if (input.type === 'checkbox') return input.checked;
  if (input.type === 'number' || input.dataset.number) {
    const v = input.value.trim();
    return v !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
  }
  return input.value;
}

function fillProgramFields() {
  for (const input of document.querySelectorAll('[data-path]:not(#blocks [data-path])')) {
    if (input.matches('input, textarea, select')) {
      const v = getPath(input.dataset.path);
      input.value = v ?? '';
    }
  }
}

let fieldSeq = 0;
function numberField(path, label) {
  const id = `f${++fieldSeq}`;
  const wrap = el('label', { className: 'num' });
  wrap.append(el('span', {}, label));
  const input = el('input', { id, type: 'number', inputMode: 'decimal', value: getPath(path) ?? '' });
  input.dataset.path = path;
  wrap.append(input);
  return wrap;
}

function exerciseSelect(path, value) {
  const sel = el('select');
  sel.dataset.path = path;
  for (const e of library) sel.append(el('option', { value: e.id, selected: e.id === value }, `${e.name.en} (${e.id})`));
  return sel;
}

function doseGrid(path) {
  const grid = el('fieldset', { className: 'dose' });
  grid.dataset.path = path;
  grid.append(el('legend', {}, 'Dose'));
  for (const [k, label] of doseFields) grid.append(numberField(`${path}.${k}`, label));
  return grid;
}

function button(label, onclick, props = {}) {
  const b = el('button', { type: 'button', ...props }, label);
  b.addEventListener('click', onclick);
  return b;
}

// renderBlocks lays out every block; it runs on changes of structure only,
// so typing never loses its place.
function renderBlocks() {
  const box = $('blocks');
  box.replaceChildren(...model.blocks.map((b, i) => {
    const path = `blocks[${i}]`;
    const fs = el('fieldset', { className: 'block' });
    fs.dataset.path = path;
    fs.append(el('legend', {}, `${i + 1}. ${exerciseName(b.ladder.length ? b.ladder[b.start]?.exercise ?? b.exercise : b.exercise)}`));
    const tools = el('div', { className: 'tools-row' });
    tools.append(
      button('Move up', () => move(i, -1), { disabled: i === 0, ariaLabel: `Move exercise ${i + 1} up` }),
      button('Move down', () => move(i, 1), { disabled: i === model.blocks.length - 1, ariaLabel: `Move exercise ${i + 1} down` }),
      button('Remove', () => { model.blocks.splice(i, 1); changed(true); }, { ariaLabel: `Remove exercise ${i + 1}` }),
    );
    fs.append(tools);
    if (!b.ladder.length) {
      const l = el('label', {}, 'Exercise ');
      l.append(exerciseSelect(`${path}.exercise`, b.exercise));
      fs.append(l, doseGrid(`${path}.dose`));
    } else {
      const lad = el('fieldset', { className: 'ladder' });
      lad.dataset.path = `${path}.ladder`;
      lad.append(el('legend', {}, 'Ladder steps, easiest first'));
      b.ladder.forEach((s, j) => {
        const sp = `${path}.ladder[${j}]`;
        const step = el('div', { className: 'step-box' });
        step.dataset.path = sp;
        const l = el('label', {}, `Step ${j + 1} `);
        l.append(exerciseSelect(`${sp}.exercise`, s.exercise));
        const br = el('label', { className: 'check' });
        const cb = el('input', { type: 'checkbox', checked: s.bracing });
        cb.dataset.path = `${sp}.bracing`;
        br.append(cb, el('span', {}, ' Bracing hold'));
        step.append(l, doseGrid(`${sp}.dose`), br,
          button('Remove step', () => { b.ladder.splice(j, 1); b.start = Math.min(b.start, Math.max(0, b.ladder.length - 1)); changed(true); }));
        lad.append(step);
      });
      fs.append(lad, numberField(`${path}.start`, 'Start at step (0 = first)'));
    }
    fs.append(button('Add a ladder step', () => {
      if (!b.ladder.length) b.ladder.push({ exercise: b.exercise, dose: clone(b.dose), bracing: false });
      const last = b.ladder.at(-1);
      b.ladder.push({ exercise: last.exercise, dose: clone(last.dose), bracing: last.bracing });
      changed(true);
    }));

    const opts = el('div', { className: 'tools-row' });
    const mode = el('select');
    mode.dataset.path = `${path}.mode`;
    mode.append(el('option', { value: '', selected: !b.mode }, 'Pain-monitoring'),
      el('option', { value: 'graded-activity', selected: b.mode === 'graded-activity' }, 'Graded activity'));
    const ml = el('label', {}, 'Progression ');
    ml.append(mode);
    const lk = el('label', { className: 'check' });
    const lcb = el('input', { type: 'checkbox', checked: b.locked });
    lcb.dataset.path = `${path}.locked`;
    lk.append(lcb, el('span', {}, ' Locked (no automatic change)'));
    opts.append(ml, lk);
    fs.append(opts);

    const rules = el('details', { className: 'rules' });
    rules.dataset.path = `${path}.rules`;
    rules.open = !!b.rules;
    rules.append(el('summary', {}, 'Progression rules'));
    const custom = el('label', { className: 'check' });
    const ccb = el('input', { type: 'checkbox', checked: !!b.rules });
    ccb.addEventListener('change', () => { b.rules = ccb.checked ? clone(defaults) : null; changed(true); });
    custom.append(ccb, el('span', {}, ' Change the default rules for this exercise'));
    rules.append(custom);
    const grid = el('div', { className: 'tools-grid rules-grid' });
    const r = b.rules || defaults;
    const walk = (obj, prefix) => {
      for (const [k, v] of Object.entries(obj)) {
        if (v && typeof v === 'object') walk(v, `${prefix}.${k}`);
        else {
          const f = numberField(`${path}.rules${prefix}.${k}`, ruleLabels[k] || `${prefix.slice(1)} ${k}`.trim());
          f.querySelector('input').disabled = !b.rules;
          if (!b.rules) f.querySelector('input').value = v;
          grid.append(f);
        }
      }
    };
    walk(r, '');
    rules.append(grid);
    fs.append(rules);
    return fs;
  }));
}

function move(i, d) {
  const [b] = model.blocks.splice(i, 1);
  model.blocks.splice(i + d, 0, b);
  changed(true);
}

function renderLibrary() {
  const norm = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const q = norm($('search').value.trim());
  const list = $('library');
  list.replaceChildren(...library
    .filter((e) => !q || norm([e.id, e.name.en, e.name.fr || '', ...e.props, ...e.target].join(' ')).includes(q))
    .map((e) => {
      const li = el('li');
      const name = el('span', { className: 'name' });
      name.append(el('strong', {}, e.name.en));
      if (e.name.fr) name.append(el('span', { lang: 'fr' }, ` · ${e.name.fr}`));
      const d = e.dose;
      name.append(el('span', { className: 'detail' },
        `${e.sides} · ${d.sets}×${d.reps}${d.holdSeconds ? `, hold ${d.holdSeconds} s` : ''}${e.props.length ? ` · ${e.props.join(', ')}` : ''}`));
      li.append(name, button('Add', () => { model.blocks.push(newBlock(e.id)); changed(true); },
        { ariaLabel: `Add ${e.name.en}` }));
      return li;
    }));
}

// findField returns the field an engine path names, or else the nearest
// enclosing part of the form that has one.
function findField(path) {
  for (let p = path; ;) {
    const t = document.querySelector(`[data-path="${CSS.escape(p)}"]`)
      || document.querySelector(`[data-also="${CSS.escape(p)}"]`);
    if (t || !p) return t;
    const up = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    p = up === p ? '' : up;
  }
}

// showProblems puts each of the engine's messages next to the field its
// path names, or the nearest enclosing one, and sums them up.
function showProblems(problems) {
  for (const m of document.querySelectorAll('.field-error[data-msg]')) m.remove();
  for (const f of document.querySelectorAll('[aria-invalid]')) {
    f.removeAttribute('aria-invalid');
    f.removeAttribute('aria-describedby');
  }
  const list = $('summary-list');
  list.replaceChildren();
  problems.forEach((p, n) => {
    const target = findField(p.path);
    const msg = el('span', { className: 'field-error', id: `problem-${n}` }, p.path ? `${p.msg}` : p.msg);
    msg.dataset.msg = p.path;
    if (target && target.matches('input, select, textarea')) {
      target.setAttribute('aria-invalid', 'true');
      target.setAttribute('aria-describedby', msg.id);
      target.closest('label').after(msg);
    } else if (target) {
      target.append(msg);
    } else {
      $('blocks-problem').after(msg);
    }
    const li = el('li');
    const a = el('a', { href: '#' }, `${p.path || 'program'}: ${p.msg}`);
    a.addEventListener('click', (e) => { e.preventDefault(); (target || $('builder')).focus?.(); });
    li.append(a);
    list.append(li);
  });
  $('summary').textContent = problems.length === 0 ? 'No problems: the program is ready to share.'
    : `${problems.length} problem${problems.length > 1 ? 's' : ''} to fix before the program can be shared.`;
}

let linkTimer = 0;
// changed rechecks the program after any edit; structural edits redraw the
// blocks first.
function changed(structure = false) {
  if (structure) renderBlocks();
  const json = JSON.stringify(programObject());
  const problems = call('validate', json);
  showProblems(problems);
  current = problems.length === 0 ? json : null;
  for (const id of ['copy', 'download-handout', 'download-file']) $(id).disabled = !current;
  clearTimeout(linkTimer);
  if (!current) {
    $('link').value = '';
    $('link-status').textContent = 'The link appears once the program has no problems.';
    $('qr').hidden = true;
    $('qr-message').textContent = '';
    return;
  }
  linkTimer = setTimeout(makeLink, 150);
}

function makeLink() {
  if (!current) return;
  const base = new URL('./', location.href).href;
  const r = call('link', current, base);
  if (r.error) {
    $('link-status').textContent = r.error;
    return;
  }
  $('link').value = r.url;
  $('link-status').textContent = `${r.bytes} characters.`;
  const hash = r.url.slice(r.url.indexOf('#'));
  $('open-preview').href = `preview.html?weeks=${encodeURIComponent($('s-weeks').value)}&perWeek=${encodeURIComponent($('s-per-week').value)}${hash}`;
  const q = call('qr', r.url);
  if (q.svg) {
    $('qr').src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(q.svg)}`;
    $('qr').hidden = false;
    $('qr-message').textContent = '';
  } else {
    $('qr').hidden = true;
    $('qr-message').textContent = `This program is ${q.error}.`;
  }
}

function download(file) {
  if (file.error) {
    $('link-status').textContent = file.error;
    return;
  }
  const url = URL.createObjectURL(new Blob([file.data], { type: file.type }));
  const a = el('a', { href: url, download: file.name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function load(m) {
  model = m;
  fillProgramFields();
  changed(true);
}

function attachForm() {
  const form = $('builder');
  const onEdit = (e) => {
    const t = e.target;
    if (!t.dataset?.path) return;
    setPath(t.dataset.path, readInput(t));
    const structural = t.tagName === 'SELECT' && /\.exercise$|\.mode$/.test(t.dataset.path);
    if (structural && /^blocks\[\d+\]\.exercise$/.test(t.dataset.path)) {
      // A new exercise starts from its own default dose.
      setPath(t.dataset.path.replace(/exercise$/, 'dose'), defaultDose(t.value));
    }
    changed(structural || /\.start$/.test(t.dataset.path));
  };
  form.addEventListener('input', onEdit);
  form.addEventListener('change', (e) => { if (e.target.type === 'checkbox' || e.target.tagName === 'SELECT') onEdit(e); });
  form.addEventListener('submit', (e) => e.preventDefault());
  $('search').addEventListener('input', renderLibrary);
  $('start-load').addEventListener('click', () => {
    const id = $('start-from').value;
    const s = shipped.find((p) => p.id === id);
    load(s ? fromProgram(s.program) : emptyProgram());
  });
  $('open-load').addEventListener('click', () => {
    const r = call('programFile', $('open-text').value);
    if (r.error) {
      $('open-message').textContent = [r.error, ...(r.problems || []).map((p) => `${p.path}: ${p.msg}`)].join(' ');
      return;
    }
    $('open-message').textContent = '';
    load(fromProgram(JSON.parse(r.data)));
  });
  $('copy').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText($('link').value);
      $('link-status').textContent = 'Link copied.';
    } catch {
      $('link').select();
      $('link-status').textContent = 'Press Ctrl+C (or ⌘C) to copy the selected link.';
    }
  });
  $('download-handout').addEventListener('click', () => download(call('handout', current, $('handout-lang').value)));
  $('download-file').addEventListener('click', () => download(call('programFile', current)));
  for (const id of ['s-weeks', 's-per-week']) $(id).addEventListener('input', makeLink);
}

function attachTools(api) {
  tools = api;
  library = call('library');
  defaults = call('defaults');
  shipped = call('shipped');
  for (const p of shipped) $('start-from').append(el('option', { value: p.id }, p.title.en));
  renderLibrary();
  attachForm();
  $('loading').hidden = true;
  $('builder').hidden = false;
  document.body.dataset.state = 'ready';
  load(emptyProgram());
}

boot({ params: await params('tools'), attach() {}, render() {}, stageRect: () => [0, 0, 0, 0], attachTools }, 'tools.wasm');
