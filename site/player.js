// The bare Spry player: a therapist's preview of a program, at any speed.
// It shows what the engine says and forwards what is tapped; every decision
// is made in the engine (spry.wasm). Text from programs is only ever set with
// textContent, never parsed as HTML.

import { boot, hideCanvas, params } from './boot.js';
import { $, playerFields, setText, showFields } from './dom.js';
import './embed-bridge.js';

// setText changes an element's text only when it differs, so screen readers
// and layout are not disturbed sixty times a second.

function showError(view) {
  document.body.dataset.state = 'error';
  setText('error-title', view.title || 'This program cannot be played');
  setText('error-message', view.message || '');
  setText('error-contact', view.contact || '');
  $('error').hidden = false;
  $('loading').hidden = true;
  for (const b of ['start', 'pause', 'skip', 'step']) $(b).disabled = true;
}

// render shows one view of the player's state; it is called by the wasm side
// whenever that state changes.
function render(json) {
  const v = JSON.parse(json);
  hideCanvas();
  if (v.error) {
    showError(v.error);
    return;
  }
  document.body.dataset.state = v.state;
  $('loading').hidden = true;
  setText('program-title', v.program || 'Spry');
  document.title = v.program ? `${v.program} — Spry` : 'Spry';
  showFields(v, playerFields);
  $('start').disabled = !v.canStart;
  $('start').textContent = v.startLabel || 'Start';
  $('pause').disabled = !v.canPause;
  setText('pause', v.paused ? 'Resume' : 'Pause');
  $('skip').disabled = !v.canSkip;
  // A therapist steps through an exercise one phase at a time.
  $('step').disabled = !(v.canStart || v.canPause);
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

function attach(api) {
  const send = (name, arg) => api.command(name, arg === undefined ? '' : String(arg));
  $('start').addEventListener('click', () => send('start'));
  $('pause').addEventListener('click', () => send('pause'));
  $('skip').addEventListener('click', () => send('skip'));
  $('step').addEventListener('click', () => send('step'));
  $('speed').addEventListener('change', (e) => send('speed', e.target.value));
  document.addEventListener('visibilitychange', () => send('visible', !document.hidden));
  // The figure is drawn where #stage is; tell the player when that moves.
  const moved = () => send('resize');
  window.addEventListener('resize', moved, { passive: true });
  window.addEventListener('scroll', moved, { passive: true });
}

boot({ params: await params('player'), attach, render, stageRect });
