// Starts spry.wasm for a page. The page hands over a host object: the
// params the player needs, and the functions the player calls to show its
// state (see wasm/page/page.go for the contract).

// The offline copy (service worker), set up after the first frame.
import { $ } from './dom.js';
import './sw-register.js';

// hideCanvas takes ebiten's canvas out of the keyboard's way: ebiten gives
// it tabindex=1, which puts the invisible canvas first in the Tab order. The
// figure it draws is described by #stage, so assistive technology skips it.
export function hideCanvas() {
  const c = document.querySelector('body > canvas');
  if (!c || c.tabIndex === -1) return;
  c.tabIndex = -1;
  c.setAttribute('aria-hidden', 'true');
  // ebiten focuses its canvas on start; give the keyboard back to the page.
  if (document.activeElement === c) c.blur();
}

// showBootError shows a problem that stops the player before it can speak
// for itself. Text only: nothing here is parsed as HTML.
export function showBootError(title, message) {
  document.body.dataset.state = 'error';
  const box = $('error');
  if (!box) return;
  $('error-title').textContent = title;
  $('error-message').textContent = message;
  box.hidden = false;
  const loading = $('loading');
  if (loading) loading.hidden = true;
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

// params reads what the page was asked for from its address.
export async function params(mode) {
  const q = new URLSearchParams(location.search);
  const p = {
    mode,
    program: q.get('program') || '',
    speed: q.get('speed') || '',
    lang: q.get('lang') || navigator.language || 'en',
    src: q.get('src') || '',
    // A program shared by link travels in the fragment, which browsers
    // never send to any server.
    fragment: location.hash.replace(/^#/, ''),
    programText: '',
    loadError: '',
    reducedMotion: matchMedia('(prefers-reduced-motion: reduce)').matches,
  };
  if (p.src) {
    try {
      p.programText = await loadProgramText(p.src);
    } catch (err) {
      p.loadError = String(err.message || err);
    }
  }
  return p;
}

// boot runs the engine with host as its page: the player (spry.wasm), or
// the therapist's tools (tools.wasm).
export async function boot(host, wasm = 'spry.wasm') {
  globalThis.spryPage = host;
  if (!globalThis.Go || !WebAssembly.instantiateStreaming) {
    showBootError('Spry cannot run here', 'This browser cannot run the Spry player. Please update it, or try another browser.');
    return;
  }
  const go = new Go();
  let result;
  try {
    result = await WebAssembly.instantiateStreaming(fetch(wasm), go.importObject);
  } catch (err) {
    console.warn(`spry: loading ${wasm} failed:`, err);
    showBootError('Spry could not load', 'The player could not be loaded. Check your connection and reload the page.');
    return;
  }
  await go.run(result.instance);
  // The player never returns on its own; if it does, it stopped on an error.
  if (document.body.dataset.state !== 'error') {
    showBootError('The player stopped', 'Something went wrong. Reload the page to start again; your progress is kept.');
  }
}
