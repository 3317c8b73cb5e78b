// Sets up Spry's offline copy: registers the service worker (sw.js) once the
// player has drawn its first frame. boot.js imports this module. See sw.js
// for the update policy: a new version waits until no Spry page is open.

const FIRST_FRAME = 'spry-first-frame';
// At the latest, register this long after start even without a first frame
// (a page that stopped on an error is still worth keeping offline).
const REGISTER_LATEST_MS = 10_000;

const workerURL = new URL('sw.js', import.meta.url);

// registerAfterFirstFrame registers sw.js once the player has drawn its first
// frame, so that the worker's downloads do not compete with the start. Its
// requests are conditional ('no-cache', see sw.js), so the HTTP cache can
// answer for what the page has just fetched (not measured here).
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

if ('serviceWorker' in navigator) registerAfterFirstFrame();
