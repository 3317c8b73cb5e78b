// The player's side of embedding (see embed.js for the host's side). It runs
// inside index.html (the patient's app) and player.html (the bare player):
//
// - It applies the clinic's look from the query: ?theme=#rrggbb (the accent
//   colour, darkened if needed so that text on it and in it stays readable),
//   ?clinic= (the clinic's name, as text) and ?logo= (an image on this origin
//   or https; the page's img-src must allow it).
// - When the page is framed, it tells the embedding page what happens —
//   spry:ready, spry:session-started, spry:session-completed, spry:error and
//   spry:height — and takes a few commands from it (spry:theme). With
//   ?fit=content (set by embed.js, which sizes the frame to spry:height) the
//   page is laid out to its content's height rather than the frame's.
//
// Whom it talks to. Every message goes to the parent with targetOrigin set to
// the embedding page's origin, so the browser delivers it only if the parent
// really is that origin (if the parent is anyone else, the message is
// dropped). The origin is, in order: location.ancestorOrigins[0] (the
// browser's own word, where it has one), ?host= (set by embed.js), the
// referrer's origin, or the parent's location when it is same-origin. None of
// these can make a message reach a page other than the actual parent.
// Never '*': with '*', a page that frames the player without being the one
// expected would still read what it says. The one exception is a bare
// {type:'spry:ready', host:false} when no origin could be found at all: it
// says nothing but "a Spry player loaded here and cannot tell who you are",
// which the page framing it knows anyway, and it tells that page to add ?host=.
//
// What it says. Counts only: exercises with at least one set done, sets done,
// minutes from start to summary. Pain before and after, effort and the note
// are health data: they are sent only when the page was opened with
// ?share=health (the share-health-data attribute of <spry-player>).
// Who may frame the player, and so hear it, is set by the player's own
// Content-Security-Policy (frame-ancestors, sent by the server that hosts
// it): see the README.
//
// What it hears. A message is taken only from the parent window, from the
// expected origin, and only if its type is one of COMMANDS. Anything else is
// ignored with a console warning.

const q = new URLSearchParams(location.search);
const framed = window.parent !== window;
const shareHealth = q.get('share') === 'health';
const host = framed ? hostOrigin() : '';

// COMMANDS are the messages the embedding page may send.
const COMMANDS = {
  'spry:theme': (data) => applyTheme(typeof data.theme === 'string' ? data.theme : ''),
};

// validOrigin returns s as an http(s) origin, or '' if it is not one.
function validOrigin(s) {
  if (!s) return '';
  try {
    const url = new URL(s);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.origin;
  } catch {
    // Not a URL.
  }
  return '';
}

// hostOrigin finds the embedding page's origin, or '' if it cannot.
function hostOrigin() {
  const ancestor = validOrigin(location.ancestorOrigins?.[0]);
  const asked = validOrigin(q.get('host'));
  if (ancestor) {
    if (asked && asked !== ancestor) console.warn(`spry: ?host=${asked} is not the page framing the player (${ancestor}); talking to ${ancestor}`);
    return ancestor;
  }
  if (asked) return asked;
  const referrer = validOrigin(document.referrer);
  if (referrer) return referrer;
  try {
    return validOrigin(window.parent.location.origin);
  } catch {
    return ''; // A cross-origin parent that withheld the referrer.
  }
}

// tell posts a message to the embedding page.
function tell(message) {
  if (!framed || !host) return;
  window.parent.postMessage(message, host);
}

// ---- The clinic's look ----

// luminance is the WCAG relative luminance of an [r, g, b] colour (0–255).
function luminance(rgb) {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

// parseHex reads #rgb or #rrggbb as [r, g, b], or null.
function parseHex(s) {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(s.trim());
  if (!m) return null;
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
}

const hex = (rgb) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/**
 * readableAccent returns colour (#rgb or #rrggbb) as #rrggbb, darkened just
 * enough for a contrast of at least 4.5:1 against white (WCAG AA for normal
 * text): the accent is both the background of white button labels and the
 * colour of text on the light panels. Returns '' for anything but a hex colour.
 */
export function readableAccent(colour) {
  let rgb = parseHex(colour);
  if (!rgb) return '';
  for (let i = 0; i < 40 && 1.05 / (luminance(rgb) + 0.05) < 4.5; i++) {
    rgb = rgb.map((c) => c * 0.93);
  }
  return hex(rgb);
}

function applyTheme(colour) {
  const root = document.documentElement;
  if (!colour) {
    root.style.removeProperty('--accent');
    return;
  }
  const accent = readableAccent(colour);
  if (!accent) {
    console.warn(`spry: theme ${JSON.stringify(colour)} is ignored: give a colour as #rrggbb`);
    return;
  }
  if (accent !== hex(parseHex(colour))) console.warn(`spry: theme ${colour} darkened to ${accent} so that text stays readable`);
  // CSSOM, which style-src 'self' allows (a style attribute would not be).
  root.style.setProperty('--accent', accent);
  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', accent);
}

// safeLogo keeps a logo address on this origin or https, or returns ''.
function safeLogo(value) {
  if (!value) return '';
  try {
    const url = new URL(value, location.href);
    if (url.origin === location.origin || url.protocol === 'https:') return url.href;
  } catch {
    // Not a URL.
  }
  console.warn(`spry: logo ${JSON.stringify(value)} is ignored: use an https address or one on this site`);
  return '';
}

// applyBrand puts the clinic's logo and name at the start of the page's bar.
function applyBrand(clinic, logo) {
  const bar = document.querySelector('header.bar');
  const src = safeLogo(logo);
  if (!bar || (!clinic && !src)) return;
  const box = document.createElement('span');
  box.className = 'clinic';
  box.id = 'clinic';
  Object.assign(box.style, { display: 'inline-flex', alignItems: 'center', gap: '0.4rem', fontWeight: '600' });
  if (src) {
    const img = document.createElement('img');
    img.src = src;
    // The name beside it says who the clinic is; alone, the logo says it.
    img.alt = clinic ? '' : 'Clinic logo';
    img.referrerPolicy = 'no-referrer';
    img.decoding = 'async';
    Object.assign(img.style, { height: '2rem', width: 'auto', maxWidth: '8rem', objectFit: 'contain' });
    img.addEventListener('error', () => {
      console.warn(`spry: the logo ${src} could not be shown (missing, or not allowed by img-src)`);
      img.remove();
    });
    box.append(img);
  }
  if (clinic) box.append(document.createTextNode(clinic.slice(0, 80)));
  bar.prepend(box);
}

// ---- What happens in the player ----

const session = { active: false, started: 0, painBefore: undefined, painAfter: undefined, effort: undefined, note: undefined, noteSkipped: false };
let lastScreen = '';
let scaleValue;
let noteText;

// health returns the health data of the session under way, when the page
// may share it.
function health(fields) {
  const out = {};
  if (!shareHealth) return out;
  for (const f of fields) {
    if (session[f] !== undefined) out[f] = session[f];
  }
  return out;
}

function started() {
  Object.assign(session, { active: true, started: performance.now(), painAfter: undefined, effort: undefined, note: undefined, noteSkipped: false });
  tell({ type: 'spry:session-started', ...health(['painBefore']) });
}

function completed(counts) {
  session.active = false;
  const minutes = Math.round((performance.now() - session.started) / 60000);
  tell({ type: 'spry:session-completed', ...counts, minutes, ...health(['painBefore', 'painAfter', 'effort', 'note']) });
}

// summaryCounts takes the counts the engine gives with the summary, or else
// counts the exercises and sets done from the summary screen's rows. Each done exercise's detail starts with the number of sets done
// ("2 of 2 sets (10, 10)", "2 séries sur 2 (10, 10)"); skipped and stopped
// ones carry no number.
function summaryCounts(v) {
  if (v.completed) return { exercises: v.completed.exercises, sets: v.completed.sets };
  let exercises = 0;
  let sets = 0;
  for (const row of v.list || []) {
    const n = Number(/\d+/.exec(row.detail || '')?.[0] ?? 0);
    if (n > 0) {
      exercises++;
      sets += n;
    }
  }
  return { exercises, sets };
}

// onView follows the patient's app (index.html) screen by screen; app.js
// dispatches every View it draws as a 'spry:view' event.
function onView(event) {
  const v = event.detail;
  if (!v || typeof v !== 'object') return;
  const screen = v.screen;
  if (screen !== lastScreen) {
    // What the screen we leave asked for.
    if (lastScreen === 'pain-before') session.painBefore = scaleValue;
    if (lastScreen === 'pain-after') session.painAfter = scaleValue;
    if (lastScreen === 'effort') session.effort = scaleValue;
    if (lastScreen === 'note' && !session.noteSkipped) session.note = noteText;
    scaleValue = undefined;
    if (screen === 'player' && !session.active) started();
    if (screen === 'summary' && session.active) completed(summaryCounts(v));
    if (screen === 'home') Object.assign(session, { active: false, painBefore: undefined });
    lastScreen = screen;
  }
  if (v.scale && v.scale.value !== undefined && v.scale.value !== null) scaleValue = v.scale.value;
  if (screen === 'note' && v.text) noteText = v.text.value || undefined;
  measureSoon();
}

// The note is saved with "next" and dropped with "skip-note"; only the
// button tells which.
document.addEventListener('click', (e) => {
  const b = e.target.closest?.('[data-action]');
  if (b && lastScreen === 'note') session.noteSkipped = b.dataset.action === 'skip-note';
}, true);

// followPreview follows the bare player (player.html), which has no screens:
// its body[data-state] goes ready → playing ⇄ paused → done. It counts the
// exercises and sets it shows.
function followPreview() {
  const seen = new Set();
  const exercises = new Set();
  const look = () => {
    const state = document.body.dataset.state;
    if (state === 'playing' || state === 'paused') {
      if (!session.active) started();
      const ex = document.getElementById('exercise')?.textContent || '';
      const set = document.getElementById('set')?.textContent || '';
      if (ex) exercises.add(ex);
      if (ex && set) seen.add(`${ex}\n${set}`);
    } else if (state === 'done' && session.active) {
      completed({ exercises: exercises.size, sets: seen.size });
      seen.clear();
      exercises.clear();
    }
  };
  new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-state'] });
}

// ---- The frame's height ----

// The page's own height is never less than the frame's (its main column is
// min-height: 100vh, and the figure's stage grows to fill it), so reporting
// it would only ever grow the frame. contentHeight measures the height the
// content needs instead: main's minimum height is lifted for the time of one
// layout, read, and put back in the same task, so nothing is drawn that way
// and no ResizeObserver sees it. The stage's own minimum is a share of the
// frame's height (34vh), so a few reports converge on a steady height.
let lastHeight = 0;
let measuring = 0;

function contentHeight() {
  const main = document.querySelector('main');
  const parts = [document.querySelector('body > header'), document.getElementById('alert')];
  if (main) parts.push(...main.children);
  const before = main?.style.getPropertyValue('min-height') ?? '';
  main?.style.setProperty('min-height', '0px');
  let bottom = 0;
  for (const el of parts) {
    if (!el || el.hidden) continue;
    const pos = getComputedStyle(el).position;
    if (pos === 'absolute' || pos === 'fixed') continue;
    bottom = Math.max(bottom, el.getBoundingClientRect().bottom + window.scrollY);
  }
  if (main) {
    bottom += parseFloat(getComputedStyle(main).paddingBottom) || 0;
    if (before) main.style.setProperty('min-height', before);
    else main.style.removeProperty('min-height');
  }
  return Math.ceil(bottom + 8);
}

// fitContent lays the page out for a frame that embed.js sizes to the
// height reported: the main column no longer fills the frame's height below
// the header (min-height: 100vh would always overflow by the header's
// height, a second scrollbar inside the page's own).
function fitContent() {
  document.querySelector('main')?.style.setProperty('min-height', '0px');
}

function measureSoon() {
  if (!framed || !host || measuring) return;
  measuring = requestAnimationFrame(() => {
    measuring = 0;
    const h = contentHeight();
    if (Math.abs(h - lastHeight) < 2) return;
    lastHeight = h;
    tell({ type: 'spry:height', height: h });
  });
}

// ---- Start ----

function onMessage(event) {
  if (event.source === window) return; // The page's own messages.
  const data = event.data;
  const type = data && typeof data === 'object' ? data.type : undefined;
  if (event.source !== window.parent || !host || event.origin !== host) {
    console.warn(`spry: ignored a message from ${event.origin || 'an unknown origin'}: only ${host || 'the embedding page'} may send commands`);
    return;
  }
  const command = COMMANDS[type];
  if (!command) {
    console.warn(`spry: ignored a message of type ${JSON.stringify(String(type))}: not a command the player takes`);
    return;
  }
  command(data);
}

function start() {
  applyTheme(q.get('theme') || '');
  applyBrand(q.get('clinic') || '', q.get('logo') || '');
  const patient = Boolean(document.getElementById('screen'));
  if (patient) window.addEventListener('spry:view', onView);
  else followPreview();
  if (!framed) return;
  window.addEventListener('message', onMessage);
  if (q.get('fit') === 'content') fitContent();
  if (!host) {
    window.parent.postMessage({ type: 'spry:ready', host: false }, '*');
    console.warn('spry: framed by a page whose origin is unknown (no referrer): add ?host=<its origin> to the player address');
    return;
  }
  // Ready once the player leaves its loading state; an error says so.
  const body = document.body;
  const watch = new MutationObserver(() => {
    const state = body.dataset.state;
    if (state === 'loading') return;
    watch.disconnect();
    tell({ type: state === 'error' ? 'spry:error' : 'spry:ready' });
    measureSoon();
  });
  watch.observe(body, { attributes: true, attributeFilter: ['data-state'] });
  const resize = new ResizeObserver(measureSoon);
  for (const el of [document.querySelector('body > header'), document.querySelector('main'), ...(document.querySelector('main')?.children ?? [])]) {
    if (el) resize.observe(el);
  }
  window.addEventListener('resize', measureSoon, { passive: true });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
