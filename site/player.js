// The page around the Spry player. It shows what the engine says and forwards
// what the patient does; every decision is made in the engine (spry.wasm).
// Text from programs is only ever set with textContent, never parsed as HTML.

const $ = (id) => document.getElementById(id);

const params = new URLSearchParams(location.search);

// setText changes an element's text only when it differs, so screen readers
// and layout are not disturbed sixty times a second.
function setText(id, text) {
  const el = $(id);
  if (el && el.textContent !== text) el.textContent = text;
}

function showError(view) {
  document.body.dataset.state = 'error';
  setText('error-title', view.title || 'This program cannot be played');
  setText('error-message', view.message || '');
  setText('error-contact', view.contact || '');
  $('error').hidden = false;
  $('loading').hidden = true;
  for (const b of ['start', 'pause', 'skip']) $(b).disabled = true;
}

// render shows one view of the player's state; it is called by the wasm side
// whenever that state changes.
function render(json) {
  const v = JSON.parse(json);
  if (v.error) {
    showError(v.error);
    return;
  }
  document.body.dataset.state = v.state;
  $('loading').hidden = true;
  setText('program-title', v.program || 'Spry');
  document.title = v.program ? `${v.program} — Spry` : 'Spry';
  setText('exercise', v.exercise || '');
  setText('side', v.side || '');
  setText('phase', v.phase || '');
  setText('set', v.set || '');
  setText('rep', v.rep || '');
  setText('countdown', v.countdown || '');
  setText('status', v.status || '');
  $('start').disabled = !v.canStart;
  $('start').textContent = v.startLabel || 'Start';
  $('pause').disabled = !v.canPause;
  setText('pause', v.paused ? 'Resume' : 'Pause');
  $('skip').disabled = !v.canSkip;
  const speed = String(v.speed);
  if ($('speed').value !== speed && [...$('speed').options].some((o) => o.value === speed)) {
    $('speed').value = speed;
  }
}

// stageRect tells the player where, in CSS pixels of the viewport, to draw
// the figure.
function stageRect() {
  const r = $('stage').getBoundingClientRect();
  return [r.left, r.top, r.width, r.height];
}

// loadProgramText fetches a clinic-hosted program file named by ?src=. Only
// files from this site are read.
async function loadProgramText(src) {
  const url = new URL(src, location.href);
  if (url.origin !== location.origin) {
    throw new Error(`the program address ${src} is not on this site`);
  }
  const res = await fetch(url, { cache: 'no-cache' });
  if (!res.ok) throw new Error(`the program file ${src} could not be loaded (HTTP ${res.status})`);
  return res.text();
}

function attach(api) {
  const send = (name, arg) => api.command(name, arg === undefined ? '' : String(arg));
  $('start').addEventListener('click', () => send('start'));
  $('pause').addEventListener('click', () => send('pause'));
  $('skip').addEventListener('click', () => send('skip'));
  $('speed').addEventListener('change', (e) => send('speed', e.target.value));
  document.addEventListener('visibilitychange', () => send('visible', !document.hidden));
  // The figure is drawn where #stage is; tell the player when that moves.
  const moved = () => send('resize');
  window.addEventListener('resize', moved, { passive: true });
  window.addEventListener('scroll', moved, { passive: true });
}

async function main() {
  const host = {
    params: {
      program: params.get('program') || '',
      speed: params.get('speed') || '',
      lang: params.get('lang') || navigator.language || 'en',
      src: params.get('src') || '',
      programText: '',
      loadError: '',
    },
    attach,
    render,
    stageRect,
  };
  if (host.params.src) {
    try {
      host.params.programText = await loadProgramText(host.params.src);
    } catch (err) {
      host.params.loadError = String(err.message || err);
    }
  }
  globalThis.spryPage = host;

  if (!globalThis.Go || !WebAssembly.instantiateStreaming) {
    showError({ message: 'This browser cannot run the Spry player. Please update it, or try another browser.' });
    return;
  }
  const go = new Go();
  let result;
  try {
    result = await WebAssembly.instantiateStreaming(fetch('spry.wasm'), go.importObject);
  } catch (err) {
    console.warn('spry: loading spry.wasm failed:', err);
    showError({ message: 'The player could not be loaded. Check your connection and reload the page.' });
    return;
  }
  await go.run(result.instance);
  // The player never returns on its own; if it does, it stopped on an error.
  if (document.body.dataset.state !== 'error') {
    showError({ title: 'The player stopped', message: 'Something went wrong. Reload the page to start again; your progress is kept.' });
  }
}

main();
