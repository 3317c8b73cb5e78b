// Sets up Spry's offline copy (the service worker, sw.js) and lets a new
// version that is waiting take over when a page starts alone. boot.js
// imports this module first: its top-level await finishes before the player
// loads anything, so a page that reloads here has shown and played nothing.
// See sw.js for the update policy.

const FIRST_FRAME = 'spry-first-frame';
// At the latest, register this long after start even without a first frame
// (a page that stopped on an error is still worth keeping offline).
const REGISTER_LATEST_MS = 10_000;
// How long a start waits for the waiting worker to answer whether it takes
// over, and then for it to become active. Once it said yes the page reloads
// even if the activation is late: the page must not start on a version that
// is about to be replaced.
const ANSWER_MS = 2_000;
const ACTIVATE_MS = 10_000;
// A start that reloaded for an update in the last minute does not try again:
// never a reload loop.
const RELOADED_KEY = 'spry-sw-reloaded';
const RELOAD_GUARD_MS = 60_000;

const workerURL = new URL('sw.js', import.meta.url);

const delay = (ms, value) => new Promise((resolve) => setTimeout(resolve, ms, value));

// registerAfterFirstFrame registers sw.js once the player has drawn its first
// frame: the worker's install then downloads nothing the start needs, and
// revalidates (304) what the page has just fetched instead of fetching it a
// second time.
function registerAfterFirstFrame() {
  let registered = false;
  let observer;
  const register = () => {
    if (registered) return;
    registered = true;
    observer?.disconnect();
    navigator.serviceWorker.register(workerURL).catch((err) => {
      console.warn('spry: the offline copy could not be set up:', err);
    });
  };
  try {
    observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName(FIRST_FRAME).length > 0) register();
    });
    observer.observe({ type: 'mark', buffered: true });
  } catch {
    // No PerformanceObserver: the timer below registers.
  }
  setTimeout(register, REGISTER_LATEST_MS);
}

// reloadedRecently reports whether this tab reloaded for an update within
// RELOAD_GUARD_MS, and true when it cannot tell (no sessionStorage).
function reloadedRecently() {
  try {
    const at = Number(sessionStorage.getItem(RELOADED_KEY) || 0);
    return Date.now() - at < RELOAD_GUARD_MS;
  } catch {
    return true;
  }
}

// ask sends a message to worker and resolves to its answer, or to null after
// ms.
function ask(worker, message, ms) {
  const channel = new MessageChannel();
  const answer = new Promise((resolve) => { channel.port1.onmessage = (e) => resolve(e.data); });
  worker.postMessage(message, [channel.port2]);
  return Promise.race([answer, delay(ms, null)]);
}

// takeOverAtStart asks a waiting new version to take over and reloads the
// page into it, when this page is the only Spry window (the worker decides).
// It resolves only when nothing changed; otherwise the page reloads.
async function takeOverAtStart() {
  let waiting;
  try {
    waiting = (await navigator.serviceWorker.getRegistration(workerURL))?.waiting;
  } catch {
    return;
  }
  if (!waiting || reloadedRecently()) return;
  const changed = new Promise((resolve) => {
    navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true), { once: true });
  });
  // The worker says no once the page has stopped waiting for its answer.
  const answer = await ask(waiting, { type: 'take-over', until: Date.now() + ANSWER_MS }, ANSWER_MS);
  if (!answer?.took) return;
  await Promise.race([changed, delay(ACTIVATE_MS)]);
  try {
    sessionStorage.setItem(RELOADED_KEY, String(Date.now()));
  } catch {
    // Reload all the same: once active, the new version leaves nothing
    // waiting for the next start to ask.
  }
  location.reload();
  // The page is going away: load nothing more.
  await new Promise(() => {});
}

if ('serviceWorker' in navigator) {
  registerAfterFirstFrame();
  // A page no worker controls has no older version to leave: nothing to wait for.
  if (navigator.serviceWorker.controller) await takeOverAtStart();
}
